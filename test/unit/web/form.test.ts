/**
 * The referral form is built from the profile schema: every part of the schema is in exactly one section, has a
 * label and every choice its words in both languages (a missing key fails here), and what is typed becomes exactly
 * the profile the API takes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PatientProfile } from '#profile/schema.js';
import { profileJsonSchema } from '#web/build/profile-json-schema.js';
import { draftFromProfile, NONE, parseDay, parseDecimal, profileFromDraft, removeListItem, setDraftValue } from '#web/src/form/draft.js';
import { FORM_SECTIONS } from '#web/src/form/layout.js';
import { allFields, buildFormModel, fieldAt, type FormField } from '#web/src/form/model.js';
import { checkProfile } from '#web/src/form/validate.js';
import { EN } from '#web/src/i18n/en.js';
import { fieldHelp, fieldLabel, MESSAGES, optionLabel } from '#web/src/i18n/messages.js';
import { ZH_CN } from '#web/src/i18n/zh-cn.js';
import { profileArbitrary } from '#test/support/profiles.js';

const model = buildFormModel(profileJsonSchema());
const EXAMPLES = resolve(import.meta.dirname, '../../../examples');
const examples = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.json'))
  .map((name) => [name, JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')) as Record<string, unknown>] as const);

/**
 * The profile the form stands for: an empty list or object says nothing (absent is unknown), except the list the
 * schema makes a statement ("no prior CAR-T").
 */
function withoutEmptyLists(value: unknown, path = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutEmptyLists(item, path));
  if (typeof value !== 'object' || value === null) return value;
  const isEmpty = (child: unknown) =>
    typeof child === 'object' && child !== null && (Array.isArray(child) ? child.length === 0 : Object.keys(child).length === 0);
  const entries = Object.entries(value)
    .map(([key, child]) => [key, withoutEmptyLists(child, `${path}${key}.`)] as const)
    .filter(([key, child]) => !isEmpty(child) || `${path}${key}` === 'priorTherapy.carT');
  return Object.fromEntries(entries);
}

/** Every key path of a nested object, functions counted as leaves (a catalogue's shape). */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix === '' ? key : `${prefix}.${key}`));
}

const descendants = (path: string): FormField[] => {
  const field = fieldAt(model, path);
  return field ? [...allFields(field)] : [];
};

describe('the form model', () => {
  it('places every field of the profile schema in exactly one section', () => {
    const placed = FORM_SECTIONS.flatMap((section) => section.paths.flatMap((path) => descendants(path).map((field) => field.path)));
    const leaves = [...allFields(model)].filter((field) => field.kind !== 'group' && field.kind !== 'list').map((field) => field.path);
    for (const leaf of leaves) expect(placed.filter((path) => path === leaf), leaf).toHaveLength(1);
    for (const section of FORM_SECTIONS) for (const path of section.paths) expect(fieldAt(model, path), path).toBeDefined();
  });

  it('offers units as choices with a default, and the list of CD7 results for the single-or-list schema', () => {
    const hemoglobinUnit = fieldAt(model, 'labs.hemoglobin.unit');
    expect(hemoglobinUnit).toMatchObject({ kind: 'choice', unit: true, options: ['g/L', 'g/dL', 'mmol/L'], defaultOption: 'g/L' });
    expect(fieldAt(model, 'cd7')).toMatchObject({ kind: 'list', maxItems: 20 });
    expect(fieldAt(model, 'ecog.score')).toMatchObject({ kind: 'number', integer: true, min: 0, max: 5 });
    expect(fieldAt(model, 'karnofsky.score')).toMatchObject({ kind: 'number', step: 10 });
    expect(fieldAt(model, 'demographics.birthDate')).toMatchObject({ kind: 'date', required: false });
    expect(fieldAt(model, 'priorTherapy.carT')).toMatchObject({ kind: 'list', emptyMeansNone: true });
  });
});

describe('the catalogues', () => {
  it('have the same keys in English and Chinese', () => {
    expect(keyPaths(ZH_CN).sort()).toEqual(keyPaths(EN).sort());
  });

  it.each(['en', 'zh-CN'] as const)('label every field, section and choice of the form in %s', (locale) => {
    const messages = MESSAGES[locale];
    for (const field of allFields(model)) {
      if (field.path === '') continue;
      expect(fieldLabel(messages, field.path), `${locale} label of ${field.path}`).toBeTruthy();
      if ((field.kind === 'choice' || field.kind === 'multi') && field.path !== 'ecog.score') {
        for (const option of field.options) expect(optionLabel(messages, field, option), `${locale} ${field.path}=${option}`).toBeTruthy();
      }
    }
    for (let score = 0; score <= 5; score++) expect(optionLabel(messages, fieldAt(model, 'ecog.score') as FormField, String(score))).toBeTruthy();
    for (const section of FORM_SECTIONS) expect(messages.sections[section.id].title).toBeTruthy();
  });

  it('name only fields the form has (no label left behind by a renamed field)', () => {
    for (const path of Object.keys(EN.fields)) expect(fieldAt(model, path), path).toBeDefined();
    expect(fieldHelp(EN, 'labs.hemoglobin')).toMatch(/transfusion/);
  });
});

describe('draft and profile', () => {
  it.each(examples)('gives back %s exactly after showing it in the form', (_name, profile) => {
    const parsed = PatientProfile.parse(profile);
    const { profile: again, problems } = profileFromDraft(model, draftFromProfile(model, parsed));
    expect(problems).toEqual([]);
    // A single CD7 result is shown as the form's list of one.
    const expected = { ...parsed, ...(parsed.cd7 === undefined || Array.isArray(parsed.cd7) ? {} : { cd7: [parsed.cd7] }) };
    expect(again).toEqual(expected);
    expect(checkProfile(again).errors).toEqual([]);
  });

  it('gives back any valid profile after showing it in the form (generated)', () => {
    fc.assert(
      fc.property(profileArbitrary('2026-11-25'), (profile) => {
        const { profile: again } = profileFromDraft(model, draftFromProfile(model, profile as Record<string, unknown>));
        const expected = { ...profile, ...(profile.cd7 === undefined || Array.isArray(profile.cd7) ? {} : { cd7: [profile.cd7] }) };
        expect(again).toEqual(withoutEmptyLists(JSON.parse(JSON.stringify(expected))));
      }),
      { numRuns: 300, seed: 9 },
    );
  });

  it('leaves empty fields out (absent is unknown) and applies a unit only to a filled group', () => {
    expect(profileFromDraft(model, {}).profile).toEqual({});
    expect(profileFromDraft(model, { labs: { hemoglobin: { value: '' } } }).profile).toEqual({});
    const typed = setDraftValue(setDraftValue({}, 'labs.hemoglobin.value', '8,6'), 'labs.hemoglobin.date', '2026年11月2日');
    expect(profileFromDraft(model, typed).profile).toEqual({ labs: { hemoglobin: { value: 8.6, unit: 'g/L', date: '2026-11-02' } } });
  });

  it('says "none" with an empty list only where the schema gives it that meaning', () => {
    expect(profileFromDraft(model, { priorTherapy: { carT: NONE } }).profile).toEqual({ priorTherapy: { carT: [] } });
    expect(draftFromProfile(model, { priorTherapy: { carT: [] } })).toEqual({ priorTherapy: { carT: NONE } });
  });

  it('removes a list entry and drops an emptied list', () => {
    const two = setDraftValue(setDraftValue({}, 'blasts.0.percent', '40'), 'blasts.1.percent', '12');
    expect(profileFromDraft(model, removeListItem(two, 'blasts', 0)).profile).toEqual({ blasts: [{ percent: 12 }] });
    expect(removeListItem(setDraftValue({}, 'blasts.0.percent', '40'), 'blasts', 0)).toEqual({});
  });

  it('reads numbers and days as physicians type them, and refuses what is neither', () => {
    expect(parseDecimal('７．５')).toBe(7.5);
    expect(parseDecimal('1e3')).toBe(1000);
    expect(parseDecimal('7.5 g')).toBeUndefined();
    expect(parseDay('2026/1/5')).toBe('2026-01-05');
    expect(parseDay('２０２６－１１－２０'.replace(/－/g, '-'))).toBe('2026-11-20');
    expect(parseDay('20261120')).toBe('2026-11-20');
    expect(parseDay('11/20/2026')).toBeUndefined();
    const { problems } = profileFromDraft(model, { labs: { hemoglobin: { value: 'abc', date: '20/11/2026' } } });
    expect(problems).toEqual([
      { path: 'labs.hemoglobin.value', code: 'not-a-number' },
      { path: 'labs.hemoglobin.date', code: 'not-a-date' },
    ]);
  });
});

describe('checking what was typed', () => {
  it('names each error at its field and screens the rest of the profile', () => {
    const candidate = {
      demographics: { birthDate: '1990-02-30' },
      labs: { hemoglobin: { value: 92, unit: 'g/L' }, ast: { value: 30, unit: 'U/L', date: '2026-11-20' } },
      cd7: [{ percent: 170, method: 'flow-cytometry', date: '2026-11-20' }],
      karnofsky: { score: 75, date: '2026-11-20' },
    };
    const checked = checkProfile(candidate);
    expect(checked.profile).toBeUndefined();
    expect(checked.errors).toEqual(
      expect.arrayContaining([
        { path: 'demographics.birthDate', code: 'not-a-date' },
        { path: 'labs.hemoglobin.date', code: 'required' },
        { path: 'cd7.0.percent', code: 'too-big', limit: 100 },
        { path: 'karnofsky.score', code: 'multiple-of', limit: 10 },
      ]),
    );
    expect(checked.screenable).toEqual({ labs: { ast: { value: 30, unit: 'U/L', date: '2026-11-20' } } });
    expect(PatientProfile.safeParse(checked.screenable).success).toBe(true);
  });

  it('reports a field the profile does not have (a file with a typo)', () => {
    expect(checkProfile({ labs: { hemoglobine: { value: 1 } } }).errors).toEqual([{ path: 'labs.hemoglobine', code: 'unknown-field' }]);
  });
});
