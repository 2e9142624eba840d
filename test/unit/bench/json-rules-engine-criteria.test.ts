import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JSON_RULES, jsonRulesScreener, outcomeOfTree } from '#bench/json-rules-engine-criteria.js';
import { crossCheck, screeningBatch } from '#bench/screening.js';
import { PatientProfile } from '#profile/schema.js';
import { addMonths, dayNumber, isoDate } from '#screening/calendar.js';
import { screen } from '#screening/screen.js';
import { NCT05212584 } from '#trial/nct05212584.js';
import { daysBefore, eligibleProfile, nearEligibleArbitrary, profileArbitrary } from '#test/support/profiles.js';

const AS_OF = '2026-11-25';
const CRITERIA = NCT05212584.criteria.length;
const screenJsonRules = jsonRulesScreener();

/** Both engines on one profile: the same verdict and the same outcome for every criterion, as the result reads it. */
async function expectAgreement(profile: PatientProfile, asOf: string): Promise<void> {
  const ours = screen(profile, NCT05212584, asOf);
  const theirs = await screenJsonRules(profile, asOf);
  expect(Object.fromEntries(theirs.outcomes)).toEqual(Object.fromEntries(ours.criteria.map((c) => [c.id, c.outcome])));
  expect(theirs.verdict).toBe(ours.verdict);
}

/** The json-rules-engine outcome of one criterion for a variation of the eligible profile. */
async function outcomeOf(id: string, change: (profile: PatientProfile) => PatientProfile): Promise<string | undefined> {
  const profile = change(eligibleProfile(AS_OF));
  await expectAgreement(profile, AS_OF);
  return (await screenJsonRules(profile, AS_OF)).outcomes.get(id);
}

describe('the criteria written for json-rules-engine', () => {
  it('have one rule per criterion, named by the criterion id', () => {
    expect(JSON_RULES.map((rule) => rule.name)).toEqual(NCT05212584.criteria.map((c) => c.id));
  });

  it('agree with the engine on every example profile', async () => {
    const dir = resolve(import.meta.dirname, '../../../examples');
    const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      await expectAgreement(PatientProfile.parse(JSON.parse(readFileSync(join(dir, name), 'utf8'))), AS_OF);
    }
  });

  it('agree with the engine on generated profiles, criterion by criterion', async () => {
    await fc.assert(
      fc.asyncProperty(profileArbitrary(AS_OF), (profile) => expectAgreement(profile, AS_OF)),
      { numRuns: 300 },
    );
  });

  it('agree with the engine on near misses of the eligible profile, where each criterion decides alone', async () => {
    await fc.assert(
      fc.asyncProperty(nearEligibleArbitrary(AS_OF), (profile) => expectAgreement(profile, AS_OF)),
      { numRuns: 1000 },
    );
  });

  it('agree with the engine on generated profiles screened on other days', async () => {
    await fc.assert(
      fc.asyncProperty(profileArbitrary(AS_OF), fc.integer({ min: -60, max: 60 }), (profile, shift) =>
        expectAgreement(profile, daysBefore(AS_OF, shift)),
      ),
      { numRuns: 100 },
    );
  });

  // The readings json-rules-engine has no combinator for, each on the eligible profile with one thing changed.
  it('lets a QTc between the limits contest a "no QT prolongation" statement (corroborated)', async () => {
    const withQtc = (value: number, sex?: 'male' | 'female') => (p: PatientProfile): PatientProfile => {
      const { sex: _sex, ...demographics } = p.demographics ?? {};
      return {
        ...p,
        demographics: sex === undefined ? demographics : { ...demographics, sex },
        cardiac: { ...p.cardiac, qtcMs: { value, date: daysBefore(AS_OF, 3) } },
      };
    };
    expect(await outcomeOf('exc-cardiac', withQtc(460))).toBe('unknown');
    expect(await outcomeOf('exc-cardiac', withQtc(450))).toBe('clear');
    expect(await outcomeOf('exc-cardiac', withQtc(471))).toBe('excluded');
    expect(await outcomeOf('exc-cardiac', withQtc(460, 'female'))).toBe('clear');
    expect(await outcomeOf('exc-cardiac', withQtc(460, 'male'))).toBe('excluded');
  });

  it('lets serology exclude or contest, never clear, active hepatitis on its own (attested)', async () => {
    const recent = daysBefore(AS_OF, 3);
    const withSerology = (serology: PatientProfile['serology'], statement = true) => (p: PatientProfile): PatientProfile => {
      const { activeHepatitis: _statement, ...infections } = p.infections ?? {};
      return { ...p, infections: statement ? p.infections : infections, serology };
    };
    const resolvedHbv = {
      hbsAg: { result: 'negative' as const, date: recent },
      antiHbc: { result: 'positive' as const, date: recent },
      hbvDna: { detected: false, date: recent },
    };
    expect(await outcomeOf('exc-active-hepatitis', withSerology(resolvedHbv))).toBe('clear');
    expect(await outcomeOf('exc-active-hepatitis', withSerology(resolvedHbv, false))).toBe('unknown');
    expect(await outcomeOf('exc-active-hepatitis', withSerology({ antiHbc: { result: 'positive', date: recent } }))).toBe('unknown');
    expect(await outcomeOf('exc-active-hepatitis', withSerology({ hbvDna: { detected: true, date: recent } }, false))).toBe('excluded');
  });

  it('keeps a correctable hemoglobin open until it is measured after transfusion', async () => {
    const withHemoglobin = (value: number, transfused?: boolean) => (p: PatientProfile): PatientProfile => ({
      ...p,
      labs: { ...p.labs, hemoglobin: { value, unit: 'g/L', date: daysBefore(AS_OF, 2), ...(transfused === undefined ? {} : { transfused }) } },
    });
    expect(await outcomeOf('inc-hemoglobin', withHemoglobin(69))).toBe('unknown');
    expect(await outcomeOf('inc-hemoglobin', withHemoglobin(69, true))).toBe('not_met');
    expect(await outcomeOf('inc-hemoglobin', withHemoglobin(70, true))).toBe('met');
  });
});

/** One way to change the eligible profile, named for the failure message. */
type Modifier = readonly [label: string, apply: (profile: PatientProfile) => void];

/** Every combination of one modifier from each dimension, applied to the eligible profile. */
function grid(...dimensions: readonly (readonly Modifier[])[]): { label: string; profile: PatientProfile }[] {
  let combined: Modifier[] = [['', () => undefined]];
  for (const dimension of dimensions) {
    combined = combined.flatMap(([label, apply]) =>
      dimension.map(([next, then]): Modifier => [`${label} ${next}`.trim(), (p) => (apply(p), then(p))]),
    );
  }
  return combined.map(([label, apply]) => {
    const profile = structuredClone(eligibleProfile(AS_OF));
    apply(profile);
    return { label, profile: PatientProfile.parse(profile) };
  });
}

/** The combinations on which the two screeners disagree (none, when they agree). */
async function disagreements(cases: readonly { label: string; profile: PatientProfile }[]): Promise<string[]> {
  const found: string[] = [];
  for (const { label, profile } of cases) {
    const ours = screen(profile, NCT05212584, AS_OF);
    const theirs = await screenJsonRules(profile, AS_OF);
    for (const c of ours.criteria) {
      const other = theirs.outcomes.get(c.id);
      if (other !== c.outcome) found.push(`${label}: ${c.id} engine ${c.outcome}, json-rules-engine ${String(other)}`);
    }
    if (theirs.verdict !== ours.verdict) found.push(`${label}: verdict engine ${ours.verdict}, json-rules-engine ${theirs.verdict}`);
  }
  return found;
}

const RECENT = daysBefore(AS_OF, 3);
const STALE = daysBefore(AS_OF, 40);
const FUTURE = daysBefore(AS_OF, -2);
/** A birth date that makes the patient `years` old on `on`, or one day short of it. */
const bornFor = (years: number, on: string, shortByADay = false) => isoDate(addMonths(on, -12 * years) + (shortByADay ? 1 : 0));
const unset = (label: string, apply: (p: PatientProfile) => void = () => undefined): Modifier => [label, apply];
const birth = (label: string, birthDate: string | undefined): Modifier => [
  label,
  (p) => {
    const { birthDate: _dropped, ...demographics } = p.demographics ?? {};
    p.demographics = birthDate === undefined ? demographics : { ...demographics, birthDate };
  },
];
const sex = (value: 'male' | 'female' | 'other' | 'unknown' | undefined): Modifier => [
  `sex ${value ?? 'absent'}`,
  (p) => {
    const { sex: _dropped, ...demographics } = p.demographics ?? {};
    p.demographics = value === undefined ? demographics : { ...demographics, sex: value };
  },
];
const statement = (
  section: 'infections' | 'history',
  key: 'activeHepatitis' | 'significantViralInfection' | 'hivInfection' | 'uncontrolledInfection',
): Modifier[] => {
  const set = (status: 'present' | 'absent' | undefined) => (p: PatientProfile) => {
    const group: Record<string, unknown> = { ...p[section] };
    if (status === undefined) Reflect.deleteProperty(group, key);
    else group[key] = { status, assessedOn: RECENT };
    (p as Record<string, unknown>)[section] = group;
  };
  return [
    [`${key} absent`, set('absent')],
    [`${key} present`, set('present')],
    [`${key} not reported`, set(undefined)],
  ];
};
type Serology = NonNullable<PatientProfile['serology']>;
const marker = <K extends keyof Serology>(key: K, values: readonly (readonly [string, Serology[K]])[]): Modifier[] =>
  values.map(([label, value]) => [
    `${String(key)} ${label}`,
    (p) => {
      const panel: Record<string, unknown> = { ...p.serology };
      if (value === undefined) Reflect.deleteProperty(panel, key);
      else panel[key] = value;
      p.serology = panel as Serology;
    },
  ]);
const qualitative = (key: 'hbsAg' | 'antiHbc' | 'antiHcv') =>
  marker(key, [
    ['absent', undefined],
    ['positive', { result: 'positive', date: RECENT }],
    ['negative', { result: 'negative', date: RECENT }],
    ['stale positive', { result: 'positive', date: STALE }],
  ]);
const nucleicAcid = (key: 'hbvDna' | 'hcvRna' | 'cmvDna' | 'ebvDna') =>
  marker(key, [
    ['absent', undefined],
    ['detected', { detected: true, value: 2400, unit: '[IU]/mL', date: RECENT }],
    ['undetected', { detected: false, date: RECENT }],
    ['undetected, dated after screening', { detected: false, date: FUTURE }],
  ]);

describe('the criteria written for json-rules-engine, on every combination the v2 readings turn on', () => {
  it('active hepatitis: statement × HBsAg × anti-HBc × HBV DNA, and × anti-HCV × HCV RNA', async () => {
    const hepatitis = statement('infections', 'activeHepatitis');
    expect(await disagreements(grid(hepatitis, qualitative('hbsAg'), qualitative('antiHbc'), nucleicAcid('hbvDna')))).toEqual([]);
    expect(await disagreements(grid(hepatitis, qualitative('antiHcv'), nucleicAcid('hcvRna')))).toEqual([]);
  });

  it('HIV and viral infection: statement × screen or loads', async () => {
    const hiv = marker('hivAgAb', [
      ['absent', undefined],
      ['non-reactive', { result: 'non-reactive', date: RECENT }],
      ['reactive', { result: 'reactive', date: RECENT }],
      ['reactive, confirmed', { result: 'reactive', confirmed: true, date: RECENT }],
      ['non-reactive, stale', { result: 'non-reactive', date: STALE }],
    ]);
    expect(await disagreements(grid(statement('history', 'hivInfection'), hiv))).toEqual([]);
    expect(await disagreements(grid(statement('infections', 'significantViralInfection'), nucleicAcid('cmvDna'), nucleicAcid('ebvDna')))).toEqual([]);
  });

  it('QTc: value around every limit × age on the ECG date × sex × a QT prolongation statement', async () => {
    const values = [440, 450, 451, 460, 461, 470, 471].map((value): Modifier => [
      `QTc ${value}`,
      (p) => (p.cardiac = { ...p.cardiac, qtcMs: { value, date: RECENT } }),
    ]);
    const ages = [
      birth('15 on the ECG date', bornFor(16, RECENT, true)),
      birth('16 on the ECG date', bornFor(16, RECENT)),
      birth('no birth date', undefined),
      birth('born after screening', FUTURE),
    ];
    const statements = (['absent', 'present', undefined] as const).map((status): Modifier => [
      `qtProlongation ${status ?? 'not reported'}`,
      (p) => {
        const { qtProlongation: _dropped, ...cardiac } = p.cardiac ?? {};
        p.cardiac = status === undefined ? cardiac : { ...cardiac, qtProlongation: { status } };
      },
    ]);
    const sexes = [sex('male'), sex('female'), sex('other'), sex('unknown'), sex(undefined)];
    expect(await disagreements(grid(values, ages, sexes, statements))).toEqual([]);
  });

  it('performance status: ECOG × Karnofsky × Lansky × their dates × age around 16', async () => {
    const scale = (key: 'ecog' | 'karnofsky' | 'lansky', scores: readonly number[]): Modifier[] => [
      unset(`${key} absent`, (p) => Reflect.deleteProperty(p, key)),
      ...scores.map((score): Modifier => [`${key} ${score}`, (p) => (p[key] = { score, date: RECENT })]),
    ];
    const newer = (key: 'karnofsky' | 'lansky' | undefined): Modifier => [
      key === undefined ? 'same day' : `${key} newer`,
      (p) => {
        const assessment = key === undefined ? undefined : p[key];
        if (assessment) assessment.date = daysBefore(AS_OF, 1);
      },
    ];
    const ages = [
      birth('15 at assessment', bornFor(16, RECENT, true)),
      birth('16 at assessment', bornFor(16, RECENT)),
      birth('no birth date', undefined),
    ];
    const cases = grid(scale('ecog', [2, 3]), scale('karnofsky', [50, 60]), scale('lansky', [40, 50]), [newer(undefined), newer('karnofsky'), newer('lansky')], ages);
    expect(await disagreements(cases)).toEqual([]);
  });

  it('consent: status × who signed × assent × age around 18', async () => {
    const statuses = (['signed', 'declined', 'pending', undefined] as const).map((status): Modifier => [
      `consent ${status ?? 'not reported'}`,
      (p) => (status === undefined ? delete p.consent : (p.consent = { status, date: RECENT })),
    ]);
    const signedBy = (['patient', 'guardian', 'patient-and-guardian', undefined] as const).map((who): Modifier => [
      `signed by ${who ?? 'not said'}`,
      (p) => {
        if (p.consent && who !== undefined) p.consent.signedBy = who;
      },
    ]);
    const assent = (['given', 'declined', 'not-applicable', undefined] as const).map((value): Modifier => [
      `assent ${value ?? 'not said'}`,
      (p) => {
        if (p.consent && value !== undefined) p.consent.assent = value;
      },
    ]);
    const ages = [birth('17', bornFor(18, AS_OF, true)), birth('18', bornFor(18, AS_OF)), birth('no birth date', undefined)];
    expect(await disagreements(grid(statuses, signedBy, assent, ages))).toEqual([]);
  });

  it('cardiac: heart failure × NYHA class, and atrial fibrillation status × pattern × last episode around 12 months', async () => {
    const heartFailure = (['absent', 'present', 'unknown', undefined] as const).map((status): Modifier => [
      `heart failure ${status ?? 'not reported'}`,
      (p) => {
        const { heartFailure: _dropped, nyhaClass: _class, ...cardiac } = p.cardiac ?? {};
        p.cardiac = status === undefined ? cardiac : { ...cardiac, heartFailure: { status } };
      },
    ]);
    const nyha = (['I', 'II', 'III', 'IV', undefined] as const).map((value): Modifier => [
      `NYHA ${value ?? 'not sent'}`,
      (p) => {
        if (value !== undefined) p.cardiac = { ...p.cardiac, nyhaClass: { value } };
      },
    ]);
    expect(await disagreements(grid(heartFailure, nyha))).toEqual([]);

    const yearAgo = addMonths(AS_OF, -12);
    const af = (['absent', 'present', 'unknown'] as const).map((status): Modifier => [
      `AF ${status}`,
      (p) => (p.cardiac = { ...p.cardiac, atrialFibrillation: { status } }),
    ]);
    const pattern = (['paroxysmal', 'persistent', 'permanent', undefined] as const).map((value): Modifier => [
      `pattern ${value ?? 'not said'}`,
      (p) => {
        const current = p.cardiac?.atrialFibrillation;
        if (current && value !== undefined) current.pattern = value;
      },
    ]);
    const lastEpisode = [yearAgo - 1, yearAgo, yearAgo + 1, dayNumber(RECENT), dayNumber(FUTURE), undefined].map((day): Modifier => [
      `last episode ${day === undefined ? 'not dated' : isoDate(day)}`,
      (p) => {
        const current = p.cardiac?.atrialFibrillation;
        if (current && day !== undefined) current.lastEpisodeOn = isoDate(day);
      },
    ]);
    expect(await disagreements(grid(af, pattern, lastEpisode))).toEqual([]);
  });

  it('hemoglobin around 70 g/L in each unit × transfused × current or stale', async () => {
    const values = ([[69.9, 'g/L'], [70, 'g/L'], [4.34, 'mmol/L'], [4.35, 'mmol/L'], [6.9, 'g/dL']] as const).map(([value, unit]): Modifier => [
      `${value} ${unit}`,
      (p) => (p.labs = { ...p.labs, hemoglobin: { value, unit, date: RECENT } }),
    ]);
    const transfused = ([true, false, undefined] as const).map((flag): Modifier => [
      `transfused ${String(flag)}`,
      (p) => {
        if (p.labs?.hemoglobin && flag !== undefined) p.labs.hemoglobin.transfused = flag;
      },
    ]);
    const dated = [unset('current'), unset('stale', (p) => p.labs?.hemoglobin && (p.labs.hemoglobin.date = STALE))];
    expect(await disagreements(grid(values, transfused, dated))).toEqual([]);
  });

  it('liver function around the multiple of the lowest plausible ULN × the lab ULN sent or not', async () => {
    const lab = (key: 'totalBilirubin' | 'ast' | 'alt', values: readonly (readonly [number, string])[], uln: readonly [number, string]) => [
      ...values.map(([value, unit]): Modifier => [
        `${key} ${value} ${unit} without ULN`,
        (p) => (p.labs = { ...p.labs, [key]: { value, unit, date: RECENT } }),
      ]),
      ...values.map(([value, unit]): Modifier => [
        `${key} ${value} ${unit} with ULN ${uln.join(' ')}`,
        (p) => (p.labs = { ...p.labs, [key]: { value, unit, date: RECENT, upperLimitOfNormal: { value: uln[0], unit: uln[1] } } }),
      ]),
      [`${key} with a ULN of 0`, (p) => (p.labs = { ...p.labs, [key]: { value: 20, unit: 'U/L', date: RECENT, upperLimitOfNormal: { value: 0, unit: 'U/L' } } })] as Modifier,
    ];
    const bilirubin = lab('totalBilirubin', [[41.1, 'umol/L'], [41.2, 'umol/L'], [2.4, 'mg/dL'], [2.41, 'mg/dL']], [0.7, 'mg/dL']).filter(([label]) => !label.includes('ULN of 0'));
    const enzymes = (key: 'ast' | 'alt') => lab(key, [[95, 'U/L'], [95.1, 'U/L'], [1.58, 'ukat/L'], [1.59, 'ukat/L']], [19, 'U/L']);
    expect(await disagreements(grid(bilirubin, enzymes('ast'), enzymes('alt')))).toEqual([]);
  });

  it('CD7 by flow cytometry and IHC around 70%, each current or stale', async () => {
    const result = (method: 'flow-cytometry' | 'immunohistochemistry'): Modifier[] =>
      ([69.9, 70, undefined] as const).flatMap((percent) =>
        (percent === undefined ? [RECENT] : [RECENT, STALE]).map((date): Modifier => [
          `${method} ${percent ?? 'none'}${date === STALE ? ' stale' : ''}`,
          (p) => {
            const list = Array.isArray(p.cd7) ? p.cd7 : [];
            const rest = list.filter((r) => r.method !== method);
            const next = percent === undefined ? rest : [...rest, { percent, method, date }];
            if (next.length === 0) delete p.cd7;
            else p.cd7 = next.length === 1 && method === 'immunohistochemistry' ? next[0] : next;
          },
        ]),
      );
    const start: Modifier = ['', (p) => (p.cd7 = [])];
    expect(await disagreements(grid([start], result('flow-cytometry'), result('immunohistochemistry')))).toEqual([]);
  });

  it('blasts at 5% in blood and marrow × extramedullary disease', async () => {
    const specimen = (name: 'peripheral-blood' | 'bone-marrow'): Modifier[] =>
      ([undefined, 5, 5.1] as const).map((percent): Modifier => [
        `${name} ${percent ?? 'none'}`,
        (p) => {
          const rest = (p.blasts ?? []).filter((b) => b.specimen !== name);
          p.blasts = percent === undefined ? rest : [...rest, { specimen: name, percent, date: RECENT }];
        },
      ]);
    const emd = (
      [
        ['not reported', undefined],
        ['present', { status: 'present', assessedOn: RECENT, sites: ['mediastinum'] }],
        ['present, stale', { status: 'present', assessedOn: STALE }],
        ['present, undated', { status: 'present' }],
        ['absent', { status: 'absent', assessedOn: RECENT }],
      ] as const
    ).map(([label, value]): Modifier => [
      `extramedullary disease ${label}`,
      (p) => {
        const { extramedullaryDisease: _dropped, ...status } = p.diseaseStatus ?? { status: 'relapsed' as const };
        p.diseaseStatus = value === undefined ? status : { ...status, extramedullaryDisease: structuredClone(value) as never };
      },
    ]);
    const start: Modifier = ['', (p) => (p.blasts = [])];
    expect(await disagreements(grid([start], specimen('peripheral-blood'), specimen('bone-marrow'), emd))).toEqual([]);
  });
});

describe('outcomeOfTree (three outcomes from a two-valued result)', () => {
  const met = { result: true, factResult: 1, value: 0 };
  const notMet = { result: false, factResult: 1, value: 2 };
  const missing = { result: false, factResult: null, value: 2 };
  const undecidedReading = { result: false, factResult: { undecided: 'between-limits' }, value: null };
  const noLimit = { result: false, factResult: 460, value: { fact: 'qtc' }, valueResult: null };
  const passesWithoutLimit = { result: true, factResult: 460, value: { fact: 'qtc' }, valueResult: null };

  it('reads a failed leaf without data, or with data that cannot decide, as unknown, and one with data as not met', () => {
    expect(outcomeOfTree(met)).toBe('met');
    expect(outcomeOfTree(notMet)).toBe('not_met');
    expect(outcomeOfTree(missing)).toBe('unknown');
    expect(outcomeOfTree(undecidedReading)).toBe('unknown');
    expect(outcomeOfTree({ result: false })).toBe('unknown');
    expect(outcomeOfTree(noLimit)).toBe('unknown');
    // Compared with a fact that decides nothing, even a passing comparison decides nothing.
    expect(outcomeOfTree(passesWithoutLimit)).toBe('unknown');
    // A leaf that passes on missing data ("reported nothing") is met.
    expect(outcomeOfTree({ result: true, factResult: null, value: null })).toBe('met');
  });

  it('combines all/any/not by Kleene logic', () => {
    expect(outcomeOfTree({ all: [met, missing] })).toBe('unknown');
    expect(outcomeOfTree({ all: [notMet, missing] })).toBe('not_met');
    expect(outcomeOfTree({ all: [met, met] })).toBe('met');
    expect(outcomeOfTree({ any: [notMet, missing] })).toBe('unknown');
    expect(outcomeOfTree({ any: [met, missing] })).toBe('met');
    expect(outcomeOfTree({ any: [notMet, notMet] })).toBe('not_met');
    expect(outcomeOfTree({ all: [{ any: [notMet, met] }, { any: [missing] }] })).toBe('unknown');
    expect(outcomeOfTree({ not: met })).toBe('not_met');
    expect(outcomeOfTree({ not: notMet })).toBe('met');
    expect(outcomeOfTree({ not: missing })).toBe('unknown');
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
    expect(check).toMatchObject({
      profiles: 300,
      verdictsAgreeing: 300,
      outcomes: 300 * CRITERIA,
      outcomesAgreeing: 300 * CRITERIA,
      examples: [],
    });
  });

  it('notices a screener that disagrees', async () => {
    const batch = screeningBatch(30, 7, AS_OF);
    const alwaysMet = async () => ({
      verdict: 'eligible' as const,
      outcomes: new Map(NCT05212584.criteria.map((c) => [c.id, c.kind === 'inclusion' ? ('met' as const) : ('clear' as const)])),
    });
    const { check } = await crossCheck(batch, AS_OF, alwaysMet);
    expect(check.verdictsAgreeing).toBeLessThan(30);
    expect(check.outcomesAgreeing).toBeLessThan(30 * CRITERIA);
    expect(check.examples.length).toBeGreaterThan(0);
  });
});
