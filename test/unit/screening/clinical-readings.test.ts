/**
 * Readings a haematologist would sign (issue 7): each vignette starts from a fully eligible patient and changes
 * one fact, on both sides of every boundary, for children and adults.
 */
import { describe, expect, it } from 'vitest';
import { renderReasons } from '#i18n/render.js';
import type { PatientProfile } from '#profile/schema.js';
import { daysBefore } from '#test/support/profiles.js';
import { AS_OF, outcomeOf, renderedVariant, screenVariant } from '#test/support/screening.js';

const RECENT = '2026-11-20';
type Change = (p: PatientProfile) => PatientProfile;
const born = (birthDate: string): Change => (p) => ({ ...p, demographics: { ...p.demographics, birthDate } });
const both = (...changes: Change[]): Change => (p) => changes.reduce((profile, change) => change(profile), p);
/** Born so that the patient is `years` old on the screening date (birthday in March). */
const aged = (years: number) => born(`${2026 - years}-03-14`);

describe('hemoglobin "≥70 g/L (can be transfused)"', () => {
  const hemoglobin = (value: number, transfused?: boolean): Change => (p) => ({
    ...p,
    labs: { ...p.labs, hemoglobin: { value, unit: 'g/L', date: RECENT, ...(transfused === undefined ? {} : { transfused }) } },
  });
  it.each([undefined, false])('69.9 g/L not marked as after transfusion (%s) is correctable: unknown, never ineligible', (transfused) => {
    const result = outcomeOf('inc-hemoglobin', hemoglobin(69.9, transfused));
    expect(result.outcome).toBe('unknown');
    expect(result.missing).toEqual([expect.objectContaining({ field: 'labs.hemoglobin', problem: 'follow-up', need: 'hemoglobin-after-transfusion' })]);
    expect(result.missing[0]?.request).toContain('hemoglobin after transfusion, ≥ 70 g/L');
    expect(result.reason).toBe('hemoglobin 69.9 g/L on 2026-11-20 is below 70 g/L, which a transfusion can correct: a value after transfusion decides');
    expect(screenVariant(hemoglobin(69.9, transfused)).verdict).toBe('potential');
  });
  it('a hemoglobin of 40 g/L is still only correctable, not a failure', () => {
    expect(screenVariant(hemoglobin(40)).verdict).toBe('potential');
  });
  it.each([
    [70, undefined, 'met'],
    [70, true, 'met'],
    [69.9, true, 'not_met'],
  ] as const)('%s g/L (after transfusion: %s) is %s', (value, transfused, outcome) => {
    expect(outcomeOf('inc-hemoglobin', hemoglobin(value, transfused)).outcome).toBe(outcome);
  });
});

describe('every row points one way', () => {
  it('an exclusion the patient is clear of reads "clear", one that applies reads "excluded"', () => {
    const clear = renderedVariant((p) => p);
    for (const row of clear.criteria.filter((c) => c.kind === 'exclusion' && !c.siteVerified)) expect(row.outcome).toBe('clear');
    expect(outcomeOf('exc-pulmonary', (p) => ({ ...p, history: { ...p.history, severePulmonaryDysfunction: { status: 'present' } } })).outcome).toBe('excluded');
  });
  it('reasons never read as requirements', () => {
    const variants: Change[] = [
      (p) => p,
      (p) => ({ ...p, consent: { status: 'pending' } }),
      (p) => ({ ...p, consent: { status: 'declined' } }),
      (p) => ({ ...p, diagnosis: { type: 'other' } }),
      (p) => ({ ...p, diagnosis: { type: 'T-LBL' }, blasts: [{ specimen: 'bone-marrow', percent: 1, date: RECENT }] }),
      () => ({}),
    ];
    for (const change of variants) {
      for (const locale of ['en', 'zh-CN'] as const) {
        for (const row of renderedVariant(change, AS_OF, locale).criteria) expect(row.reason).not.toMatch(/required|必须/);
      }
    }
  });
  it('the refusal exclusion reads the consent as it is: pending is not a refusal', () => {
    const result = outcomeOf('exc-declined-consent', (p) => ({ ...p, consent: { status: 'pending' } }));
    expect(result.outcome).toBe('clear');
    expect(result.reason).toBe('trial consent: pending');
  });
});

describe('CD7 from several results: any current one of 70% or more decides', () => {
  const cd7 = (...results: [number, 'flow-cytometry' | 'immunohistochemistry', string][]): Change => (p) => ({
    ...p,
    cd7: results.map(([percent, method, date]) => ({ percent, method, date })),
  });
  it('flow cytometry 65% and immunohistochemistry 75%: met, citing the result that qualifies', () => {
    const result = outcomeOf('inc-cd7-expression', cd7([65, 'flow-cytometry', RECENT], [75, 'immunohistochemistry', '2026-11-18']));
    expect(result.outcome).toBe('met');
    expect(result.reason).toBe('CD7 expression by immunohistochemistry 75% on 2026-11-18 is at least 70%');
  });
  it.each([
    [69.9, 'not_met'],
    [70, 'met'],
  ] as const)('the better of two current results at %s%% is %s', (percent, outcome) => {
    expect(outcomeOf('inc-cd7-expression', cd7([50, 'flow-cytometry', RECENT], [percent, 'immunohistochemistry', RECENT])).outcome).toBe(outcome);
  });
  it('a stale qualifying result does not count; the current one below 70% decides', () => {
    const result = outcomeOf('inc-cd7-expression', cd7([90, 'flow-cytometry', daysBefore(AS_OF, 29)], [60, 'immunohistochemistry', RECENT]));
    expect(result.outcome).toBe('not_met');
  });
  it('asks for CD7 as a percentage of leukemic blasts', () => {
    const result = outcomeOf('inc-cd7-expression', (p) => ({ ...p, cd7: undefined }));
    expect(result.missing[0]?.request).toContain('% of leukemic blasts');
  });
  it('one result on its own (the first profile shape) is still read', () => {
    expect(outcomeOf('inc-cd7-expression', (p) => ({ ...p, cd7: { percent: 70, method: 'flow-cytometry', date: RECENT } })).outcome).toBe('met');
  });
});

describe('children: QTc limits by age, Lansky and Karnofsky', () => {
  const qtc = (value: number, date = RECENT): Change => (p) => ({ ...p, cardiac: { ...p.cardiac, qtcMs: { value, date } } });
  const sex = (value: 'male' | 'female' | 'unknown'): Change => (p) => ({ ...p, demographics: { ...p.demographics, sex: value } });
  it.each([
    [10, 'male', 460, 'clear'],
    [10, 'male', 461, 'excluded'],
    [10, 'female', 461, 'excluded'],
    [10, 'unknown', 455, 'clear'],
    [15, 'male', 455, 'clear'],
    [16, 'male', 451, 'excluded'],
    [16, 'female', 465, 'clear'],
  ] as const)('aged %s, %s, QTc %s ms: %s', (years, patientSex, value, outcome) => {
    expect(outcomeOf('exc-cardiac', both(aged(years), sex(patientSex), qtc(value))).outcome).toBe(outcome);
  });
  it('the child limit applies by age on the ECG date: an ECG taken the day before the 16th birthday', () => {
    const change = both(born('2010-11-21'), sex('male'), qtc(455, '2026-11-20'));
    expect(outcomeOf('exc-cardiac', change).outcome).toBe('clear');
  });
  it('age unknown: a QTc between the child and adult limits asks for the date of birth (sex known)', () => {
    const result = outcomeOf('exc-cardiac', both((p) => ({ ...p, demographics: { sex: 'male' } }), qtc(455)));
    expect(result.outcome).toBe('unknown');
    expect(result.missing.map((m) => m.field)).toEqual(['demographics.birthDate']);
  });
  it('age and sex unknown: between every limit that could apply, both are asked for', () => {
    const result = outcomeOf('exc-cardiac', both((p) => ({ ...p, demographics: {} }), qtc(455)));
    expect(result.missing.map((m) => m.field)).toEqual(['demographics.birthDate', 'demographics.sex']);
  });

  const performance = (scale: 'ecog' | 'karnofsky' | 'lansky', score: number, date = RECENT): Change => (p) => ({
    ...p,
    ecog: undefined,
    [scale]: { score, date },
  });
  it.each([
    [12, 'lansky', 50, 'met'],
    [12, 'lansky', 40, 'not_met'],
    [12, 'karnofsky', 60, 'met'],
    [30, 'karnofsky', 60, 'met'],
    [30, 'karnofsky', 50, 'not_met'],
  ] as const)('aged %s, %s %s: %s', (years, scale, score, outcome) => {
    expect(outcomeOf('inc-ecog', both(aged(years), performance(scale, score))).outcome).toBe(outcome);
  });
  it('the reason names the scale and the equivalence', () => {
    const result = outcomeOf('inc-ecog', both(aged(9), performance('lansky', 60)));
    expect(result.reason).toBe("Lansky 60 on 2026-11-20 is at least 50, read as ECOG ≤ 2 (the trial's equivalence)");
  });
  it('Lansky does not apply from 16: unknown, and another scale is asked for', () => {
    const result = outcomeOf('inc-ecog', both(aged(16), performance('lansky', 80)));
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toContain('applies to patients under 16');
    expect(result.missing.map((m) => m.field)).toEqual(['ecog']);
  });
  it('the most recent assessment decides, whatever its scale', () => {
    const change: Change = (p) => ({ ...p, ecog: { score: 3, date: '2026-11-10' }, karnofsky: { score: 70, date: RECENT } });
    expect(outcomeOf('inc-ecog', change).outcome).toBe('met');
    const sameDay: Change = (p) => ({ ...p, ecog: { score: 3, date: RECENT }, karnofsky: { score: 70, date: RECENT } });
    expect(outcomeOf('inc-ecog', sameDay).outcome).toBe('not_met');
  });
});

describe('a statement never hides a measurement', () => {
  it('"no QT prolongation" beside a QTc between the limits (sex unknown) stays unknown', () => {
    const result = outcomeOf('exc-cardiac', (p) => ({
      ...p,
      demographics: { ...p.demographics, sex: 'unknown' },
      cardiac: { ...p.cardiac, qtProlongation: { status: 'absent' }, qtcMs: { value: 460, date: RECENT } },
    }));
    expect(result.outcome).toBe('unknown');
    expect(result.missing.map((m) => m.field)).toEqual(['demographics.sex']);
  });
  it('a stale QTc decides nothing: the statement stands', () => {
    const result = outcomeOf('exc-cardiac', (p) => ({ ...p, cardiac: { ...p.cardiac, qtProlongation: { status: 'absent' }, qtcMs: { value: 500, date: daysBefore(AS_OF, 40) } } }));
    expect(result.outcome).toBe('clear');
  });

  const af = (value: NonNullable<NonNullable<PatientProfile['cardiac']>['atrialFibrillation']>): Change => (p) => ({
    ...p,
    cardiac: { ...p.cardiac, atrialFibrillation: value },
  });
  it('remote paroxysmal atrial fibrillation is history, and the reason says which', () => {
    const result = outcomeOf('exc-cardiac', af({ status: 'present', pattern: 'paroxysmal', lastEpisodeOn: '2025-11-24' }));
    expect(result.outcome).toBe('clear');
    expect(result.reason).toContain('paroxysmal atrial fibrillation, last episode 2025-11-24 (more than 12 months ago): a history of AF, not current AF');
  });
  it('paroxysmal atrial fibrillation 12 months ago to the day is still current', () => {
    const result = outcomeOf('exc-cardiac', af({ status: 'present', pattern: 'paroxysmal', lastEpisodeOn: '2025-11-25' }));
    expect(result.outcome).toBe('excluded');
    expect(result.reason).toContain('current AF');
  });
  it.each(['persistent', 'permanent'] as const)('%s atrial fibrillation excludes', (pattern) => {
    expect(outcomeOf('exc-cardiac', af({ status: 'present', pattern })).outcome).toBe('excluded');
  });
  it('paroxysmal atrial fibrillation without the last episode asks for its date', () => {
    const result = outcomeOf('exc-cardiac', af({ status: 'present', pattern: 'paroxysmal' }));
    expect(result.outcome).toBe('unknown');
    expect(result.missing.map((m) => m.field)).toEqual(['cardiac.atrialFibrillation.lastEpisodeOn']);
  });
});

describe('no needless requests', () => {
  const heart = (cardiac: NonNullable<PatientProfile['cardiac']>): Change => (p) => ({ ...p, cardiac: { ...p.cardiac, nyhaClass: undefined, ...cardiac } });
  it('no NYHA class is asked for when the patient is reported free of heart failure', () => {
    const result = outcomeOf('exc-cardiac', heart({ heartFailure: { status: 'absent' } }));
    expect(result.outcome).toBe('clear');
    expect(result.reason).toContain('no cardiac insufficiency: no NYHA class is needed');
  });
  it('without anything about heart failure, the question is whether there is any, not its class', () => {
    const result = outcomeOf('exc-cardiac', heart({}));
    expect(result.missing.map((m) => m.field)).toEqual(['cardiac.heartFailure']);
  });
  it('reported heart failure without a class asks for the class', () => {
    const result = outcomeOf('exc-cardiac', heart({ heartFailure: { status: 'present' } }));
    expect(result.missing.map((m) => m.field)).toEqual(['cardiac.nyhaClass.value']);
  });

  const withoutUln = (field: 'totalBilirubin' | 'ast' | 'alt', value: number, unit: string): Change => (p) => ({
    ...p,
    labs: { ...p.labs, [field]: { value, unit, date: RECENT } },
  });
  it.each([
    ['alt', 95, 'U/L', 'met'],
    ['alt', 95.1, 'U/L', 'unknown'],
    ['ast', 95, 'U/L', 'met'],
    ['totalBilirubin', 41.1, 'umol/L', 'met'],
    ['totalBilirubin', 41.2, 'umol/L', 'unknown'],
    ['totalBilirubin', 0.8, 'mg/dL', 'met'],
  ] as const)('%s %s %s without the lab’s ULN: %s', (field, value, unit, outcome) => {
    expect(outcomeOf('inc-liver-function', withoutUln(field, value, unit)).outcome).toBe(outcome);
  });
  it('an assumed ULN is reported as assumed', () => {
    const result = outcomeOf('inc-liver-function', withoutUln('alt', 42, 'U/L'));
    expect(result.reason).toContain('ALT 42 U/L on 2026-11-20 is within 5× even the lowest ULN in use (19 U/L), assumed as the lab\'s ULN was not sent');
    expect(result.missing).toEqual([]);
  });
});

describe('reviewAt and rescreenAt', () => {
  it('a patient over the age limit is never scheduled again, though a result will still go out of date', () => {
    const result = screenVariant(born('1960-01-01'));
    expect(result.verdict).toBe('ineligible');
    expect(result.reviewAt).not.toBeNull();
    expect(result.rescreenAt).toBeNull();
  });
  it('a patient too young today is rescreened on the second birthday', () => {
    const result = screenVariant(born('2025-03-14'));
    expect(result.verdict).toBe('ineligible');
    expect(result.rescreenAt).toBe('2027-03-14');
  });
  it('ineligible for two reasons that both pass with time: rescreened when the last of them has', () => {
    const result = screenVariant(both(born('2025-03-14'), (p) => ({ ...p, cardiac: { ...p.cardiac, myocardialInfarction: { status: 'present', mostRecentOn: '2026-06-01' } } })));
    expect(result.rescreenAt).toBe('2027-06-02');
  });
  it('for a candidate, rescreenAt is reviewAt: the first day any outcome can change', () => {
    const result = screenVariant((p) => p);
    expect(result.rescreenAt).toBe(result.reviewAt);
    expect(result.reviewAt).toBe('2026-12-19');
  });
});

describe('"eligible" is a pre-screen', () => {
  it.each([
    ['en', 'Pre-screen eligible — the site confirms eligibility'],
    ['zh-CN', '预筛符合——最终入组资格由研究中心确认'],
  ] as const)('in %s the verdict says the site confirms', (locale, label) => {
    expect(renderedVariant((p) => p, AS_OF, locale).verdictLabel).toBe(label);
  });
});

describe('prior transplant, CAR-T and the site’s first questions', () => {
  const hsct: Change = (p) => ({ ...p, priorTherapy: { allogeneicHsct: { status: 'present', date: '2025-02-10', donor: 'haploidentical' } } });
  it('a prior allogeneic HSCT is never a solid organ transplant, and the reason says so', () => {
    const result = outcomeOf('exc-solid-organ-transplant', hsct);
    expect(result.outcome).toBe('clear');
    expect(result.reason).toBe('prior solid organ transplant: absent; the prior allogeneic HSCT (2025-02-10) is not a solid organ transplant');
  });
  it('with an HSCT reported and solid organ transplant not, the question is asked without confusing the two', () => {
    const result = outcomeOf('exc-solid-organ-transplant', both(hsct, (p) => ({ ...p, history: { ...p.history, solidOrganTransplant: undefined } })));
    expect(result.outcome).toBe('unknown');
    expect(result.missing[0]?.request).toContain('an HSCT is not one');
  });
  it('prior CAR-T, CD7-directed therapy, GVHD and CNS status are carried; no criterion of the record reads them', () => {
    const result = screenVariant((p) => ({
      ...p,
      priorTherapy: { carT: [{ target: 'CD19', date: '2025-08-01' }], cd7Directed: { status: 'absent' }, activeGvhd: { status: 'present', grade: 'II' } },
      diseaseStatus: { status: 'relapsed', cns: { status: 'CNS2', assessedOn: RECENT } },
    }));
    expect(result.verdict).toBe('eligible');
  });
});

describe('serology decides hepatitis, HIV and viral infection under named readings', () => {
  const serology = (panel: NonNullable<PatientProfile['serology']>, statement?: 'absent' | 'present'): Change => (p) => ({
    ...p,
    serology: panel,
    infections: {
      ...p.infections,
      activeHepatitis: statement === undefined ? undefined : { status: statement, assessedOn: RECENT },
      significantViralInfection: statement === undefined ? undefined : { status: statement, assessedOn: RECENT },
    },
    history: { ...p.history, hivInfection: undefined },
  });
  const pos = { result: 'positive', date: RECENT } as const;
  const neg = { result: 'negative', date: RECENT } as const;
  const detected = { detected: true, value: 2400, unit: '[IU]/mL', date: RECENT } as const;
  const notDetected = { detected: false, date: RECENT } as const;

  it('detectable HBV DNA is active hepatitis B: excluded, whatever the statement', () => {
    expect(outcomeOf('exc-active-hepatitis', serology({ hbsAg: pos, hbvDna: detected }, 'absent')).outcome).toBe('excluded');
  });
  it('HBsAg positive with undetectable DNA goes to the site (prophylaxis), never silently either way', () => {
    const result = outcomeOf('exc-active-hepatitis', serology({ hbsAg: pos, hbvDna: notDetected }, 'absent'));
    expect(result.outcome).toBe('unknown');
    expect(result.missing).toEqual([expect.objectContaining({ problem: 'site-review', need: 'hbv-chronic-review' })]);
  });
  it('resolved hepatitis B is not active hepatitis; the reason says the site may require prophylaxis', () => {
    const result = outcomeOf('exc-active-hepatitis', serology({ hbsAg: neg, antiHbc: pos, hbvDna: notDetected }, 'absent'));
    expect(result.outcome).toBe('clear');
    expect(result.reason).toContain('resolved hepatitis B (HBsAg negative, anti-HBc positive, HBV DNA not detected on 2026-11-20): not active hepatitis; the site may require antiviral prophylaxis or HBV DNA monitoring');
  });
  it('anti-HBc positive without HBV DNA asks for the DNA, even beside a "no active hepatitis" statement', () => {
    const result = outcomeOf('exc-active-hepatitis', serology({ hbsAg: neg, antiHbc: pos }, 'absent'));
    expect(result.outcome).toBe('unknown');
    expect(result.missing.map((m) => m.field)).toEqual(['serology.hbvDna']);
  });
  it('serology alone does not clear "active hepatitis" (any cause): the statement is asked for, never the missing markers', () => {
    const result = outcomeOf('exc-active-hepatitis', serology({ hbsAg: neg, antiHcv: neg }));
    expect(result.outcome).toBe('unknown');
    expect(result.missing.map((m) => m.field)).toEqual(['infections.activeHepatitis']);
  });
  it.each([
    [{ hcvRna: detected }, 'excluded'],
    [{ antiHcv: pos, hcvRna: notDetected }, 'clear'],
    [{ antiHcv: pos }, 'unknown'],
  ] as const)('hepatitis C %j: %s', (panel, outcome) => {
    expect(outcomeOf('exc-active-hepatitis', serology(panel, 'absent')).outcome).toBe(outcome);
  });
  it.each([
    [{ result: 'non-reactive', date: RECENT }, 'clear'],
    [{ result: 'reactive', date: RECENT }, 'unknown'],
    [{ result: 'reactive', date: RECENT, confirmed: true }, 'excluded'],
  ] as const)('HIV antigen/antibody %j: %s (no statement needed)', (hivAgAb, outcome) => {
    const result = outcomeOf('exc-hiv', serology({ hivAgAb }));
    expect(result.outcome).toBe(outcome);
    if (outcome === 'unknown') expect(result.missing.map((m) => m.need)).toEqual(['hiv-confirmation']);
  });
  it('a detectable EBV load goes to the site, even beside a "no significant viral infection" statement', () => {
    const result = outcomeOf('exc-viral-infection', serology({ ebvDna: { detected: true, value: 5000, unit: '{copies}/mL', date: RECENT } }, 'absent'));
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toContain('EBV DNA detected on 2026-11-20 (5000 copies/mL): the site judges whether it is clinically significant or uncontrolled');
  });
  it('undetectable loads with the statement clear it; the loads alone do not (other viruses)', () => {
    expect(outcomeOf('exc-viral-infection', serology({ cmvDna: notDetected, ebvDna: notDetected }, 'absent')).outcome).toBe('clear');
    expect(outcomeOf('exc-viral-infection', serology({ cmvDna: notDetected, ebvDna: notDetected })).outcome).toBe('unknown');
  });
  it('out-of-date serology decides nothing: the statement stands', () => {
    const old = daysBefore(AS_OF, 40);
    expect(outcomeOf('exc-active-hepatitis', serology({ hbvDna: { detected: true, date: old } }, 'absent')).outcome).toBe('clear');
  });
  it('renders every serology reason in Chinese too', () => {
    const result = outcomeOf('exc-active-hepatitis', serology({ hbsAg: neg, antiHbc: pos, hbvDna: notDetected }, 'absent'), AS_OF, 'zh-CN');
    expect(result.reason).toContain('乙肝既往感染已恢复');
    expect(renderReasons(result.reasons, 'en')).toContain('resolved hepatitis B');
  });
});

describe('who consented', () => {
  const consent = (value: NonNullable<PatientProfile['consent']>): Change => (p) => ({ ...p, consent: value });
  it('a minor’s consent signed by the patient alone asks for the guardian’s', () => {
    const result = outcomeOf('inc-consent', both(aged(15), consent({ status: 'signed', signedBy: 'patient' })));
    expect(result.outcome).toBe('unknown');
    expect(result.missing.map((m) => m.need)).toEqual(['guardian-consent']);
  });
  it.each([
    [15, 'guardian'],
    [15, 'patient-and-guardian'],
    [18, 'patient'],
  ] as const)('aged %s, signed by %s: met', (years, signedBy) => {
    expect(outcomeOf('inc-consent', both(aged(years), consent({ status: 'signed', signedBy, assent: 'given' }))).outcome).toBe('met');
  });
  it('a child who declines assent goes to the site', () => {
    const result = outcomeOf('inc-consent', both(aged(10), consent({ status: 'signed', signedBy: 'guardian', assent: 'declined' })));
    expect(result.outcome).toBe('unknown');
    expect(result.missing.map((m) => m.problem)).toEqual(['site-review']);
  });
  it('consent stays the site’s to verify: a minor’s open question does not hold back "eligible"', () => {
    expect(screenVariant(both(aged(15), consent({ status: 'signed', signedBy: 'patient' }))).verdict).toBe('eligible');
  });
});
