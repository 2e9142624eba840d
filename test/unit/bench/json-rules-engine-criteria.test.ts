import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JSON_RULES, jsonRulesScreener, outcomeOfTree } from '../../../bench/json-rules-engine-criteria.js';
import { crossCheck, screeningBatch } from '../../../bench/screening.js';
import { PatientProfile } from '../../../shared/profile/schema.js';
import { screen } from '../../../shared/screening/screen.js';
import { NCT05212584 } from '../../../shared/trial/nct05212584.js';
import { profileArbitrary } from '../../support/profiles.js';

const AS_OF = '2026-11-25';
const screenJsonRules = jsonRulesScreener();

/** Both engines on one profile: the same verdict and the same outcome for every criterion. */
async function expectAgreement(profile: PatientProfile, asOf: string): Promise<void> {
  const ours = screen(profile, NCT05212584, asOf);
  const theirs = await screenJsonRules(profile, asOf);
  expect(Object.fromEntries(theirs.outcomes)).toEqual(Object.fromEntries(ours.criteria.map((c) => [c.id, c.outcome])));
  expect(theirs.verdict).toBe(ours.verdict);
}

describe('the criteria written for json-rules-engine', () => {
  it('have one rule per criterion, named by the criterion id', () => {
    expect(JSON_RULES.map((rule) => rule.name)).toEqual(NCT05212584.criteria.map((c) => c.id));
  });

  it('agree with the engine on every example profile', async () => {
    const dir = resolve(import.meta.dirname, '../../../examples');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      await expectAgreement(PatientProfile.parse(JSON.parse(readFileSync(join(dir, name), 'utf8'))), AS_OF);
    }
  });

  it('agree with the engine on generated profiles, criterion by criterion', async () => {
    await fc.assert(
      fc.asyncProperty(profileArbitrary(AS_OF), (profile) => expectAgreement(profile, AS_OF)),
      { numRuns: 300 },
    );
  });
});

describe('outcomeOfTree (three outcomes from a two-valued result)', () => {
  const met = { result: true, factResult: 1, value: 0 };
  const notMet = { result: false, factResult: 1, value: 2 };
  const missing = { result: false, factResult: null, value: 2 };
  const noLimit = { result: false, factResult: 460, value: { fact: 'qtcLimit' }, valueResult: null };

  it('reads a failed leaf without data as unknown, and one with data as not met', () => {
    expect(outcomeOfTree(met)).toBe('met');
    expect(outcomeOfTree(notMet)).toBe('not_met');
    expect(outcomeOfTree(missing)).toBe('unknown');
    expect(outcomeOfTree({ result: false })).toBe('unknown');
    expect(outcomeOfTree(noLimit)).toBe('unknown');
    // A leaf that passes on missing data ("not reported present") is met.
    expect(outcomeOfTree({ result: true, factResult: null, value: 'present' })).toBe('met');
  });

  it('combines all/any by Kleene logic', () => {
    expect(outcomeOfTree({ all: [met, missing] })).toBe('unknown');
    expect(outcomeOfTree({ all: [notMet, missing] })).toBe('not_met');
    expect(outcomeOfTree({ all: [met, met] })).toBe('met');
    expect(outcomeOfTree({ any: [notMet, missing] })).toBe('unknown');
    expect(outcomeOfTree({ any: [met, missing] })).toBe('met');
    expect(outcomeOfTree({ any: [notMet, notMet] })).toBe('not_met');
    expect(outcomeOfTree({ all: [{ any: [notMet, met] }, { any: [missing] }] })).toBe('unknown');
  });
});

describe('the benchmark batch and cross-check', () => {
  it('builds the same schema-valid batch from the same seed, with every verdict represented', async () => {
    const batch = screeningBatch(300, 7, AS_OF);
    expect(screeningBatch(300, 7, AS_OF)).toEqual(batch);
    for (const profile of batch) expect(PatientProfile.safeParse(profile).success).toBe(true);
    const { check, verdicts } = await crossCheck(batch, AS_OF, screenJsonRules);
    expect(verdicts.eligible).toBeGreaterThan(0);
    expect(verdicts.potential).toBeGreaterThan(0);
    expect(verdicts.ineligible).toBeGreaterThan(0);
    expect(check).toMatchObject({ profiles: 300, verdictsAgreeing: 300, outcomes: 300 * 19, outcomesAgreeing: 300 * 19, examples: [] });
  });

  it('notices a screener that disagrees', async () => {
    const batch = screeningBatch(30, 7, AS_OF);
    const alwaysMet = async () => ({ verdict: 'eligible' as const, outcomes: new Map(NCT05212584.criteria.map((c) => [c.id, 'met' as const])) });
    const { check } = await crossCheck(batch, AS_OF, alwaysMet);
    expect(check.verdictsAgreeing).toBeLessThan(30);
    expect(check.outcomesAgreeing).toBeLessThan(30 * 19);
    expect(check.examples.length).toBeGreaterThan(0);
  });
});
