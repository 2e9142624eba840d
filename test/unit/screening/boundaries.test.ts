/**
 * Vignettes on both sides of every boundary the record words: each starts from a fully eligible patient and
 * changes one fact.
 */
import { describe, expect, it } from 'vitest';
import type { PatientProfile } from '#profile/schema.js';
import { AS_OF, outcomeOf, screenVariant } from '#test/support/screening.js';

const RECENT = '2026-11-20';
type Labs = NonNullable<PatientProfile['labs']>;
const withLabs = (labs: Partial<Labs>) => (p: PatientProfile): PatientProfile => ({ ...p, labs: { ...p.labs, ...labs } });

describe('CD7 expression ≥70%', () => {
  it.each([
    [69.9, 'not_met'],
    [70, 'met'],
    [70.1, 'met'],
  ] as const)('%s%% is %s', (percent, outcome) => {
    const result = outcomeOf('inc-cd7-expression', (p) => ({ ...p, cd7: { percent, method: 'immunohistochemistry', date: RECENT } }));
    expect(result.outcome).toBe(outcome);
    expect(result.reason).toContain(`${percent}%`);
    expect(result.reason).toContain('70%');
  });
});

describe('blast burden greater than 5% in peripheral blood or bone marrow', () => {
  const blasts = (pb: number | undefined, bm: number | undefined) => (p: PatientProfile): PatientProfile => ({
    ...p,
    blasts: [
      ...(pb === undefined ? [] : [{ specimen: 'peripheral-blood' as const, percent: pb, date: RECENT }]),
      ...(bm === undefined ? [] : [{ specimen: 'bone-marrow' as const, percent: bm, date: RECENT }]),
    ],
  });
  const noExtramedullaryDisease = (p: PatientProfile): PatientProfile => ({
    ...p,
    diseaseStatus: { status: 'relapsed', extramedullaryDisease: { status: 'absent', assessedOn: RECENT } },
  });
  it('5% in both specimens is not greater than 5%', () => {
    const result = outcomeOf('inc-blast-burden', (p) => noExtramedullaryDisease(blasts(5, 5)(p)));
    expect(result.outcome).toBe('not_met');
    expect(result.reason).toContain('is not greater than 5%');
  });
  it('5.1% in either specimen is enough', () => {
    expect(outcomeOf('inc-blast-burden', blasts(5.1, 0)).outcome).toBe('met');
    expect(outcomeOf('inc-blast-burden', blasts(0, 5.1)).outcome).toBe('met');
  });
  it('a low blood count with no marrow count is unknown and asks for the marrow', () => {
    const result = outcomeOf('inc-blast-burden', blasts(3, undefined));
    expect(result.outcome).toBe('unknown');
    expect(result.missing.map((m) => m.request).join()).toContain('bone-marrow');
  });
  it('the most recent count of a specimen decides, not the highest ever', () => {
    const result = outcomeOf('inc-blast-burden', (p) => ({
      ...noExtramedullaryDisease(p),
      blasts: [
        { specimen: 'bone-marrow', percent: 40, date: '2026-11-01' },
        { specimen: 'bone-marrow', percent: 2, date: RECENT },
        { specimen: 'peripheral-blood', percent: 0, date: RECENT },
      ],
    }));
    expect(result.outcome).toBe('not_met');
  });
  it.each(['T-LBL', 'T-ALL'] as const)(
    '%s with low blasts and measurable extramedullary disease goes to the site for review: never a silent pass or fail',
    (type) => {
      const relapse = (p: PatientProfile): PatientProfile => ({
        ...blasts(0, 2)(p),
        diagnosis: { type },
        diseaseStatus: { status: 'relapsed', extramedullaryDisease: { status: 'present', assessedOn: RECENT, sites: ['mediastinum'] } },
      });
      const result = outcomeOf('inc-blast-burden', relapse);
      expect(result.outcome).toBe('unknown');
      expect(result.missing).toEqual([expect.objectContaining({ field: 'diseaseStatus.extramedullaryDisease', problem: 'site-review' })]);
      expect(result.reason).toContain('measurable extramedullary disease: present (assessed 2026-11-20); the site reviews it');
      expect(screenVariant(relapse).verdict).toBe('potential');
    },
  );
  it.each(['T-LBL', 'T-ALL'] as const)('%s with low blasts and extramedullary disease reported absent is not met', (type) => {
    const result = outcomeOf('inc-blast-burden', (p) => ({
      ...blasts(0, 2)(p),
      diagnosis: { type },
      diseaseStatus: { status: 'relapsed', extramedullaryDisease: { status: 'absent', assessedOn: RECENT } },
    }));
    expect(result.outcome).toBe('not_met');
  });
});

describe('ECOG ≤2', () => {
  it.each([
    [2, 'met'],
    [3, 'not_met'],
  ] as const)('ECOG %s is %s', (score, outcome) => {
    expect(outcomeOf('inc-ecog', (p) => ({ ...p, ecog: { score, date: RECENT } })).outcome).toBe(outcome);
  });
});

describe('life expectancy greater than 12 weeks', () => {
  it.each([
    [12, 'wk', 'not_met'],
    [84, 'd', 'not_met'],
    [85, 'd', 'met'],
    [12.1, 'wk', 'met'],
    [3, 'mo', 'met'], // 3 × 30.4375 d = 91.3125 d
    [2.75, 'mo', 'not_met'], // 83.703125 d
  ] as const)('%s %s is %s', (value, unit, outcome) => {
    expect(outcomeOf('inc-life-expectancy', (p) => ({ ...p, lifeExpectancy: { value, unit } })).outcome).toBe(outcome);
  });
});

describe('age 2-60 in completed years, both ends included', () => {
  const born = (birthDate: string) => (p: PatientProfile): PatientProfile => ({ ...p, demographics: { ...p.demographics, birthDate } });
  it.each([
    ['2024-11-25', 'met', 'turns 2 today'],
    ['2024-11-26', 'not_met', 'turns 2 tomorrow'],
    ['1966-11-25', 'met', 'turned 60 today'],
    ['1965-11-26', 'met', 'turns 61 tomorrow'],
    ['1965-11-25', 'not_met', 'turned 61 today'],
  ] as const)('born %s: %s (%s)', (birthDate, outcome, _why) => {
    expect(outcomeOf('inc-age', born(birthDate)).outcome).toBe(outcome);
  });
  it('a 29 February birthday is reached on 1 March in a common year', () => {
    expect(outcomeOf('inc-age', born('2024-02-29'), '2026-02-28').outcome).toBe('not_met');
    expect(outcomeOf('inc-age', born('2024-02-29'), '2026-03-01').outcome).toBe('met');
  });
  it('a birth date after the screening date is unknown, not a crash', () => {
    const result = outcomeOf('inc-age', born('2027-01-01'));
    expect(result.outcome).toBe('unknown');
    expect(result.missing[0]?.field).toBe('demographics.birthDate');
  });
});

describe('hemoglobin ≥70 g/L (can be transfused)', () => {
  it.each([
    [70, 'g/L', 'met'],
    [69.9, 'g/L', 'not_met'],
    [7, 'g/dL', 'met'],
    [6.9, 'g/dL', 'not_met'],
    [4.35, 'mmol/L', 'met'], // 70.098 g/L on the monomer basis
    [4.34, 'mmol/L', 'not_met'], // 69.937 g/L
  ] as const)('after transfusion, %s %s is %s', (value, unit, outcome) => {
    expect(outcomeOf('inc-hemoglobin', withLabs({ hemoglobin: { value, unit, date: RECENT, transfused: true } })).outcome).toBe(outcome);
  });
  it('cites the value, its conversion and the threshold', () => {
    const result = outcomeOf('inc-hemoglobin', withLabs({ hemoglobin: { value: 6.9, unit: 'g/dL', date: RECENT, transfused: true } }));
    expect(result.reason).toBe('hemoglobin after transfusion 6.9 g/dL (69 g/L) on 2026-11-20 is below 70 g/L');
  });
  it('says so in plain g/L', () => {
    const result = outcomeOf('inc-hemoglobin', withLabs({ hemoglobin: { value: 71, unit: 'g/L', date: RECENT } }));
    expect(result.reason).toBe('hemoglobin 71 g/L on 2026-11-20 is at least 70 g/L');
  });
});

describe('liver function: bilirubin ≤3×ULN, AST and ALT ≤5×ULN, exactly', () => {
  const bilirubin = (value: number, unit: string, uln: number, ulnUnit = unit) =>
    withLabs({ totalBilirubin: { value, unit, date: RECENT, upperLimitOfNormal: { value: uln, unit: ulnUnit } } });
  it('3.6 mg/dL against a ULN of 1.2 mg/dL is exactly 3 times, and qualifies (3 * 1.2 = 3.5999999999999996 in floating point)', () => {
    expect(3 * 1.2 < 3.6).toBe(true);
    const result = outcomeOf('inc-liver-function', bilirubin(3.6, 'mg/dL', 1.2));
    expect(result.outcome).toBe('met');
    expect(result.reason).toContain('3× the upper limit of normal');
  });
  it('3.61 mg/dL against 1.2 mg/dL exceeds 3 times', () => {
    expect(outcomeOf('inc-liver-function', bilirubin(3.61, 'mg/dL', 1.2)).outcome).toBe('not_met');
  });
  it('compares across units: against a ULN of 1.2 mg/dL (20.525 µmol/L), 3× is 61.57 µmol/L', () => {
    expect(outcomeOf('inc-liver-function', bilirubin(61.5, 'µmol/L', 1.2, 'mg/dL')).outcome).toBe('met');
    expect(outcomeOf('inc-liver-function', bilirubin(61.5, 'umol/L', 1.2, 'mg/dL')).outcome).toBe('met');
    expect(outcomeOf('inc-liver-function', bilirubin(61.6, 'umol/L', 1.2, 'mg/dL')).outcome).toBe('not_met');
  });
  it.each([
    ['ast', 200, 'met'],
    ['ast', 200.1, 'not_met'],
    ['alt', 200, 'met'],
    ['alt', 200.1, 'not_met'],
  ] as const)('%s %s U/L against a ULN of 40 U/L is %s', (enzyme, value, outcome) => {
    expect(
      outcomeOf('inc-liver-function', withLabs({ [enzyme]: { value, unit: 'U/L', date: RECENT, upperLimitOfNormal: { value: 40, unit: 'U/L' } } }))
        .outcome,
    ).toBe(outcome);
  });
  it('converts µkat/L: 3.34 µkat/L (200.4 U/L) exceeds 5 × 40 U/L; 3.33 µkat/L (199.8 U/L) does not', () => {
    const ast = (value: number) => withLabs({ ast: { value, unit: 'ukat/L', date: RECENT, upperLimitOfNormal: { value: 40, unit: 'U/L' } } });
    expect(outcomeOf('inc-liver-function', ast(3.34)).outcome).toBe('not_met');
    expect(outcomeOf('inc-liver-function', ast(3.33)).outcome).toBe('met');
  });
  it('without the lab’s upper limit of normal, a value that could exceed the limit is unknown and asks for it', () => {
    const result = outcomeOf('inc-liver-function', withLabs({ alt: { value: 96, unit: 'U/L', date: RECENT } }));
    expect(result.outcome).toBe('unknown');
    expect(result.missing).toEqual([expect.objectContaining({ field: 'labs.alt.upperLimitOfNormal', problem: 'incomplete' })]);
  });
});

describe('myocardial infarction within the past 12 months (inclusive)', () => {
  const mi = (mostRecentOn: string) => (p: PatientProfile): PatientProfile => ({
    ...p,
    cardiac: { ...p.cardiac, myocardialInfarction: { status: 'present', mostRecentOn } },
  });
  it('exactly 12 months ago still excludes', () => {
    expect(outcomeOf('exc-cardiac', mi('2025-11-25')).outcome).toBe('excluded');
  });
  it('12 months and a day ago no longer excludes', () => {
    expect(outcomeOf('exc-cardiac', mi('2025-11-24')).outcome).toBe('clear');
  });
  it('a reported infarction without a date is unknown and asks for the date', () => {
    const result = outcomeOf('exc-cardiac', (p) => ({ ...p, cardiac: { ...p.cardiac, myocardialInfarction: { status: 'present' } } }));
    expect(result.outcome).toBe('unknown');
    expect(result.missing[0]?.field).toBe('cardiac.myocardialInfarction.mostRecentOn');
  });
});

describe('QT prolongation', () => {
  const qtc = (value: number, sex: 'male' | 'female' | 'unknown', qtProlongation?: 'present' | 'absent') => (p: PatientProfile): PatientProfile => ({
    ...p,
    demographics: { ...p.demographics, sex },
    cardiac: {
      ...p.cardiac,
      qtcMs: { value, date: RECENT },
      qtProlongation: qtProlongation === undefined ? undefined : { status: qtProlongation },
    },
  });
  it.each([
    [450, 'male', 'clear'],
    [451, 'male', 'excluded'],
    [470, 'female', 'clear'],
    [471, 'female', 'excluded'],
    [450, 'unknown', 'clear'],
    [471, 'unknown', 'excluded'],
  ] as const)('QTc %s ms, adult, %s: %s', (value, sex, outcome) => {
    expect(outcomeOf('exc-cardiac', qtc(value, sex)).outcome).toBe(outcome);
  });
  it('between the adult limits with sex unknown asks for the sex, and only the sex', () => {
    const result = outcomeOf('exc-cardiac', qtc(460, 'unknown'));
    expect(result.outcome).toBe('unknown');
    expect(result.missing.map((m) => m.field)).toEqual(['demographics.sex']);
  });
  it('a reported QT prolongation excludes whatever the QTc', () => {
    expect(outcomeOf('exc-cardiac', qtc(420, 'male', 'present')).outcome).toBe('excluded');
  });
  it('the physician’s "absent" stands without an ECG', () => {
    expect(outcomeOf('exc-cardiac', (p) => ({ ...p, cardiac: { ...p.cardiac, qtcMs: undefined } })).outcome).toBe('clear');
  });
});

describe('NYHA class III or IV excludes', () => {
  it.each([
    ['II', 'clear'],
    ['III', 'excluded'],
    ['IV', 'excluded'],
  ] as const)('class %s: %s', (value, outcome) => {
    expect(outcomeOf('exc-cardiac', (p) => ({ ...p, cardiac: { ...p.cardiac, nyhaClass: { value } } })).outcome).toBe(outcome);
  });
});

describe('each exclusion condition', () => {
  it.each([
    ['exc-solid-organ-transplant', (p: PatientProfile, status: 'present' | 'absent'): PatientProfile => ({ ...p, history: { ...p.history, solidOrganTransplant: { status } } })],
    ['exc-pulmonary', (p: PatientProfile, status: 'present' | 'absent'): PatientProfile => ({ ...p, history: { ...p.history, severePulmonaryDysfunction: { status } } })],
    ['exc-autoimmune-immunodeficiency', (p: PatientProfile, status: 'present' | 'absent'): PatientProfile => ({ ...p, history: { ...p.history, congenitalImmunodeficiency: { status } } })],
    ['exc-hiv', (p: PatientProfile, status: 'present' | 'absent'): PatientProfile => ({ ...p, history: { ...p.history, hivInfection: { status } } })],
    ['exc-cardiac', (p: PatientProfile, status: 'present' | 'absent'): PatientProfile => ({ ...p, cardiac: { ...p.cardiac, atrialFibrillation: { status } } })],
    ['exc-uncontrolled-infection', (p: PatientProfile, status: 'present' | 'absent'): PatientProfile => ({ ...p, infections: { ...p.infections, uncontrolledInfection: { status, assessedOn: RECENT } } })],
    ['exc-active-hepatitis', (p: PatientProfile, status: 'present' | 'absent'): PatientProfile => ({ ...p, infections: { ...p.infections, activeHepatitis: { status, assessedOn: RECENT } } })],
    ['exc-viral-infection', (p: PatientProfile, status: 'present' | 'absent'): PatientProfile => ({ ...p, infections: { ...p.infections, significantViralInfection: { status, assessedOn: RECENT } } })],
  ])('%s: present excludes, absent clears', (id, set) => {
    expect(outcomeOf(id, (p) => set(p, 'present')).outcome).toBe('excluded');
    expect(outcomeOf(id, (p) => set(p, 'absent')).outcome).toBe('clear');
    expect(screenVariant((p) => set(p, 'present')).verdict).toBe('ineligible');
  });
  it('an infection reported absent without an assessment date is unknown: it is a current state', () => {
    const result = outcomeOf('exc-uncontrolled-infection', (p) => ({ ...p, infections: { ...p.infections, uncontrolledInfection: { status: 'absent' } } }));
    expect(result.outcome).toBe('unknown');
    expect(result.missing[0]?.field).toBe('infections.uncontrolledInfection.assessedOn');
  });
});

describe('diagnosis, disease status and consent', () => {
  it.each([
    ['T-ALL', 'met'],
    ['T-LBL', 'met'],
    ['other', 'not_met'],
  ] as const)('diagnosis %s: %s', (type, outcome) => {
    expect(outcomeOf('inc-diagnosis', (p) => ({ ...p, diagnosis: { type, classification: 'WHO-2008' } })).outcome).toBe(outcome);
  });
  it.each([
    ['primary-refractory', 'met'],
    ['relapsed', 'met'],
    ['in-remission', 'not_met'],
    ['newly-diagnosed', 'not_met'],
  ] as const)('disease status %s: %s', (status, outcome) => {
    expect(outcomeOf('inc-relapsed-refractory', (p) => ({ ...p, diseaseStatus: { status } })).outcome).toBe(outcome);
  });
  it('consent is verified by the site: unknown consent leaves an otherwise complete patient eligible', () => {
    const result = screenVariant((p) => p);
    expect(result.verdict).toBe('eligible');
    expect(result.score).toBe(100);
    expect(result.criteria.filter((c) => c.outcome === 'unknown').map((c) => c.id)).toEqual(['inc-consent', 'exc-declined-consent']);
  });
  it('a declined consent makes the patient ineligible', () => {
    const result = screenVariant((p) => ({ ...p, consent: { status: 'declined' } }));
    expect(result.verdict).toBe('ineligible');
    expect(result.score).toBe(0);
  });
  it('a signed consent meets the consent inclusion and clears the refusal exclusion', () => {
    const result = screenVariant((p) => ({ ...p, consent: { status: 'signed', date: RECENT, signedBy: 'patient' } }));
    expect(result.criteria.every((c) => c.outcome === (c.kind === 'inclusion' ? 'met' : 'clear'))).toBe(true);
  });
});

it('screens on the date it is given', () => {
  expect(screenVariant((p) => p).asOf).toBe(AS_OF);
});
