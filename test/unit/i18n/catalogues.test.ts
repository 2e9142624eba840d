/**
 * Every word a screening can need exists in every language: the catalogues have the same keys, and every subject,
 * coded value and request the engine produces (over the examples and generated profiles) has an entry in each.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { negotiateLocale } from '#i18n/locale.js';
import { CATALOGUES, renderScreening } from '#i18n/render.js';
import { PatientProfile } from '#profile/schema.js';
import type { Reason } from '#screening/reasons.js';
import { screen } from '#screening/screen.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { profileArbitrary } from '#test/support/profiles.js';

const AS_OF = '2026-11-25';
const { en: EN, 'zh-CN': ZH } = CATALOGUES;

describe('the catalogues', () => {
  it.each(['subjects', 'values', 'needs', 'units'] as const)('have the same %s in English and Chinese', (table) => {
    expect(Object.keys(ZH[table]).sort()).toEqual(Object.keys(EN[table]).sort());
  });
  it('translate every criterion of the trial into Chinese', () => {
    expect(Object.keys(ZH.criterionTexts ?? {}).sort()).toEqual(NCT05212584.criteria.map((c) => c.id).sort());
  });

  const profiles = [
    ...readdirSync(resolve(import.meta.dirname, '../../../examples'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => PatientProfile.parse(JSON.parse(readFileSync(join(resolve(import.meta.dirname, '../../../examples'), name), 'utf8')))),
    {},
    ...fc.sample(profileArbitrary(AS_OF), { numRuns: 3000, seed: 7 }),
  ];

  it('name every subject, value and request the engine produces, in both languages', () => {
    const subjects = new Set<string>();
    const values = new Set<string>();
    const needs = new Set<string>();
    const collect = (reason: Reason) => {
      if ('subject' in reason) subjects.add(reason.subject);
      if (reason.code === 'category') values.add(reason.value);
      if (reason.code === 'condition' || reason.code === 'condition-undated') values.add(reason.status);
      if (reason.code === 'consent') for (const v of [reason.status, reason.signedBy, reason.assent]) if (v !== undefined) values.add(v);
      if (reason.code === 'measured' && reason.method !== undefined) values.add(reason.method);
    };
    for (const profile of profiles) {
      const result = screen(profile, NCT05212584, AS_OF);
      for (const criterion of result.criteria) {
        criterion.reasons.forEach(collect);
        for (const request of criterion.missing) needs.add(request.need);
      }
    }
    for (const [name, catalogue] of [['en', EN], ['zh-CN', ZH]] as const) {
      for (const subject of subjects) expect(Object.hasOwn(catalogue.subjects, subject), `${name} subject ${subject}`).toBe(true);
      for (const value of values) expect(Object.hasOwn(catalogue.values, value), `${name} value ${value}`).toBe(true);
      for (const need of needs) expect(Object.hasOwn(catalogue.needs, need), `${name} need ${need}`).toBe(true);
    }
    expect(needs.size).toBeGreaterThan(20);
  });

  it('render every result without a catalogue key showing through', () => {
    const keys = new Set([...Object.keys(EN.subjects), ...Object.keys(EN.needs)].filter((key) => /[A-Z-]/.test(key) && !/^[A-Z]/.test(key)));
    for (const profile of profiles.slice(0, 300)) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const rendered = renderScreening(screen(profile, NCT05212584, AS_OF), locale);
        for (const criterion of rendered.criteria) {
          expect(criterion.reason.length).toBeGreaterThan(0);
          for (const word of criterion.reason.split(/[\s:;,()（）：；，]+/)) expect(keys.has(word), `${word} in "${criterion.reason}"`).toBe(false);
          for (const request of criterion.missing) expect(keys.has(request.request)).toBe(false);
        }
      }
    }
  });
});

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['fr-FR, zh-CN;q=0.5', 'zh-CN'],
    ['de', 'en'],
    ['zh-CN;q=0, en', 'en'],
  ] as const)('%s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
