/** The trial definition: the public criterion ids, the record's own words, documented parameters. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Rule } from '#trial/definition.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { findTrial, TRIALS } from '#trial/registry.js';

const record = readFileSync(new URL('../../../shared/trial/records/NCT05212584-trial-record.txt', import.meta.url), 'utf8');
const normalise = (text: string) => text.replace(/\s+/g, ' ').replace(/\u00ad/g, '');

describe('NCT05212584', () => {
  it('has exactly the public criterion ids, in protocol order', () => {
    expect(NCT05212584.criteria.map((c) => c.id)).toEqual([
      'inc-consent',
      'inc-diagnosis',
      'inc-relapsed-refractory',
      'inc-blast-burden',
      'inc-cd7-expression',
      'inc-life-expectancy',
      'inc-ecog',
      'inc-age',
      'inc-hemoglobin',
      'inc-liver-function',
      'exc-declined-consent',
      'exc-solid-organ-transplant',
      'exc-cardiac',
      'exc-pulmonary',
      'exc-uncontrolled-infection',
      'exc-autoimmune-immunodeficiency',
      'exc-active-hepatitis',
      'exc-hiv',
      'exc-viral-infection',
    ]);
  });
  it.each(NCT05212584.criteria.map((c) => [c.id, c.text] as const))('%s quotes the record', (_id, text) => {
    expect(normalise(record)).toContain(normalise(text));
  });
  it('carries the registry facts', () => {
    expect(record).toContain(NCT05212584.id);
    expect(record).toContain(NCT05212584.sponsor);
    expect(record).toContain(`Target Recruitment\n${NCT05212584.targetEnrollment}`);
    expect(NCT05212584.dose).toMatchObject({ min: 1e6, max: 7e6, unit: 'CAR-T cells/kg' });
    expect(NCT05212584.sites).toEqual([expect.objectContaining({ name: 'Hebei Yanda Lu Daopei Hospital', city: 'Langfang', region: 'Hebei', country: 'China', timeZone: 'Asia/Shanghai' })]);
  });
  it('keeps only the registry’s own content, attributed to ClinicalTrials.gov', () => {
    expect(record).toMatch(/^Source: ClinicalTrials\.gov, record NCT05212584/);
    expect(record).not.toMatch(/MedPath|©|Copyright|All Rights Reserved/i);
  });
  it('documents every parameter it applies', () => {
    for (const [name, parameter] of Object.entries(NCT05212584.parameters)) {
      expect(parameter.reading.length, name).toBeGreaterThan(15);
    }
  });
  it('names only profile fields the schema has (checked by the type system) and units the table accepts', () => {
    const leaves = (rule: Rule): Rule[] => ('rules' in rule ? rule.rules.flatMap(leaves) : [rule]);
    const all = NCT05212584.criteria.flatMap((c) => leaves(c.rule));
    expect(all.length).toBeGreaterThan(NCT05212584.criteria.length);
  });
  it('is found by id in the registry', () => {
    expect(findTrial('NCT05212584')).toBe(NCT05212584);
    expect(findTrial('NCT00000000')).toBeUndefined();
    expect(TRIALS).toContain(NCT05212584);
  });
});

describe('the README', () => {
  it('holds the parameter table generated from the definition, unchanged', async () => {
    const { parameterTable } = await import('#scripts/parameter-table.js');
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const between = readme.split('<!-- parameters:start -->')[1]?.split('<!-- parameters:end -->')[0]?.trim();
    expect(between).toBe(parameterTable(NCT05212584));
  });
});
