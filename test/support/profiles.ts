/**
 * Patient profiles for tests and benchmarks: a fully eligible adult with T-ALL relative to a screening date, and
 * a fast-check arbitrary of schema-valid profiles that covers every field of the profile and crowds the
 * protocol's boundaries (dates around the windows and anniversaries, ages around every age the criteria turn on,
 * values around the thresholds in every unit, results that disagree, every field sometimes missing).
 */
import fc from 'fast-check';
import { PatientProfile } from '#profile/schema.js';
import { addMonths, dayNumber, isoDate } from '#screening/calendar.js';
import { NCT05212584_PARAMETERS as P } from '#trial/nct05212584.js';
import { SUPPORTED_UNITS } from '#units/conversion-table.js';

/** The date `days` before `asOf` (negative: after). */
export const daysBefore = (asOf: string, days: number): string => isoDate(dayNumber(asOf) - days);

/** A 34-year-old man with relapsed T-ALL who meets every criterion a physician can report on `asOf`. */
export function eligibleProfile(asOf: string): PatientProfile {
  const recent = daysBefore(asOf, 5);
  const birthYear = Number(asOf.slice(0, 4)) - 34;
  return {
    demographics: { birthDate: `${birthYear}-03-14`, sex: 'male', weight: { value: 68, unit: 'kg', date: recent } },
    diagnosis: { type: 'T-ALL', classification: 'WHO-2016', diagnosedOn: daysBefore(asOf, 400) },
    diseaseStatus: { status: 'relapsed', since: daysBefore(asOf, 20) },
    blasts: [
      { specimen: 'bone-marrow', percent: 38, date: recent, method: 'morphology' },
      { specimen: 'peripheral-blood', percent: 12, date: recent, method: 'flow-cytometry' },
    ],
    cd7: { percent: 92, method: 'flow-cytometry', date: recent },
    ecog: { score: 1, date: recent },
    lifeExpectancy: { value: 6, unit: 'mo', assessedOn: recent },
    labs: {
      hemoglobin: { value: 92, unit: 'g/L', date: recent },
      totalBilirubin: { value: 14, unit: 'umol/L', date: recent, upperLimitOfNormal: { value: 21, unit: 'umol/L' } },
      ast: { value: 35, unit: 'U/L', date: recent, upperLimitOfNormal: { value: 40, unit: 'U/L' } },
      alt: { value: 42, unit: 'U/L', date: recent, upperLimitOfNormal: { value: 40, unit: 'U/L' } },
    },
    history: {
      solidOrganTransplant: { status: 'absent' },
      severePulmonaryDysfunction: { status: 'absent' },
      severeAutoimmuneDisease: { status: 'absent' },
      congenitalImmunodeficiency: { status: 'absent' },
      hivInfection: { status: 'absent' },
    },
    cardiac: {
      atrialFibrillation: { status: 'absent' },
      myocardialInfarction: { status: 'absent' },
      qtProlongation: { status: 'absent' },
      qtcMs: { value: 418, date: recent },
      pericardialEffusion: { status: 'absent' },
      nyhaClass: { value: 'I' },
    },
    infections: {
      uncontrolledInfection: { status: 'absent', assessedOn: recent },
      activeHepatitis: { status: 'absent', assessedOn: recent },
      significantViralInfection: { status: 'absent', assessedOn: recent },
    },
  };
}

/** Two decimals, the way a lab reports: `value` rounded down and up, so one lands each side of an edge. */
const twoDecimalsAround = (value: number): number[] => {
  const down = Math.floor(Math.round(value * 1e6) / 1e4) / 100;
  const up = Math.ceil(Math.round(value * 1e6) / 1e4) / 100;
  return down === up ? [down - 0.01, down, down + 0.01].map((v) => Math.round(v * 100) / 100) : [down, up];
};

/**
 * `[value, unit]` pairs on both sides of `edge` (given in `edgeUnit`) in every unit the analyte accepts: the
 * boundary as a lab in another unit would report it.
 */
function edgeInEveryUnit(analyte: keyof typeof SUPPORTED_UNITS, edge: number, edgeUnit: string): readonly (readonly [number, string])[] {
  const units: Readonly<Record<string, number>> = SUPPORTED_UNITS[analyte];
  const canonical = edge * (units[edgeUnit] ?? 1);
  const pairs: (readonly [number, string])[] = [];
  for (const [unit, factor] of Object.entries(units)) {
    for (const value of twoDecimalsAround(canonical / factor)) if (value > 0) pairs.push([value, unit]);
  }
  return pairs;
}

/** Builds profile arbitraries relative to a screening date. */
export function profileArbitrary(asOf: string): fc.Arbitrary<PatientProfile> {
  const today = dayNumber(asOf);
  const ago = (days: number) => isoDate(today - days);
  // Mostly recent, often right at the 28-day edge, sometimes stale or in the future.
  const date = fc
    .oneof(fc.integer({ min: 0, max: 27 }), fc.constantFrom(27, 28, 29), fc.integer({ min: 29, max: 400 }), fc.integer({ min: -5, max: -1 }))
    .map(ago);
  // Serology is usually sent with the work-up: mostly current, so its combinations meet, still stale or future.
  const serologyDate = fc
    .oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 27 }) },
      { weight: 2, arbitrary: fc.constantFrom(27, 28, 29) },
      { weight: 1, arbitrary: fc.integer({ min: 29, max: 400 }) },
      { weight: 1, arbitrary: fc.integer({ min: -5, max: -1 }) },
    )
    .map(ago);
  /** A date around the day `months` before the screening date: the last day inside such a window and the first outside. */
  const monthsAgo = (months: number) => fc.integer({ min: -3, max: 3 }).map((shift) => isoDate(addMonths(asOf, -months) + shift));
  const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });
  const decimal = (min: number, max: number) => fc.integer({ min: Math.round(min * 10), max: Math.round(max * 10) }).map((n) => n / 10);
  const tenStep = fc.integer({ min: 0, max: 10 }).map((n) => n * 10);
  const status = fc.constantFrom('present' as const, 'absent' as const, 'unknown' as const);
  const condition = fc.record({ status, assessedOn: opt(date) }, { requiredKeys: ['status'] });

  const equivalence = P.performanceScaleEquivalence.value;
  const qtcLimits = [...Object.values(P.qtcMaxMs.value), P.qtcChildLimit.value.maxMs];
  // Ages where a criterion turns, and the days around which the birthday matters: the screening date for the
  // age range and the age of consent; the dates of results for Lansky and the child QTc limit (an ECG or a score
  // from up to 28 days back sees the patient either side of the birthday).
  const aroundScreening = { min: -20, max: 20 };
  const aroundResults = { min: -45, max: 10 };
  const turningAges = [
    [P.ageRangeYearsInclusive.value.min, aroundScreening],
    [P.ageRangeYearsInclusive.value.max + 1, aroundScreening],
    [P.guardianConsentUnderYears.value, aroundScreening],
    [equivalence.lanskyUnderYears, aroundResults],
    [P.qtcChildLimit.value.underYears, aroundResults],
  ] as const;
  const birthDate = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 80 * 366 }).map(ago) },
    {
      weight: 6,
      arbitrary: fc
        .constantFrom(...turningAges)
        .chain(([years, days]) => fc.integer(days).map((shift) => isoDate(addMonths(asOf, -12 * years) + shift))),
    },
    { weight: 1, arbitrary: fc.constantFrom('2008-02-29', '2012-02-29', '1964-02-29') },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: -1 }).map(ago) },
  );

  // A birth date known only to the year or month (from a FHIR Bundle), crowding the 2 and 60 bounds.
  const asOfYear = Number(asOf.slice(0, 4));
  const birthYear = fc.oneof(
    fc.integer({ min: asOfYear - 80, max: asOfYear }),
    fc.constantFrom(...[1, 2, 3, 59, 60, 61, 62].map((age) => asOfYear - age)),
  );
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const birthDateRange = fc.oneof(
    birthYear.map((year) => ({ earliest: `${year}-01-01`, latest: `${year}-12-31` })),
    fc.tuple(birthYear, fc.integer({ min: 1, max: 12 })).map(([year, month]) => ({
      earliest: `${year}-${pad(month)}-01`,
      latest: `${year}-${pad(month)}-${pad(lastDay(year, month))}`,
    })),
  );

  const labValue = (analyte: keyof typeof SUPPORTED_UNITS, max: number) =>
    fc.record({ value: decimal(0, max), unit: fc.constantFrom(...Object.keys(SUPPORTED_UNITS[analyte])) });
  const uln = (analyte: keyof typeof SUPPORTED_UNITS, max: number) =>
    fc.oneof(
      fc.record({ value: decimal(0.1, max / 3), unit: fc.constantFrom(...Object.keys(SUPPORTED_UNITS[analyte])) }),
      // A ULN of 0 cannot be a limit: read as not sent.
      fc.constant({ value: 0, unit: Object.keys(SUPPORTED_UNITS[analyte])[0] as string }),
    );
  /** A lab result; without the lab's ULN, often right at the multiple of the lowest plausible ULN. */
  const lab = (analyte: 'totalBilirubin' | 'aminotransferase', max: number, lowestUlnEdge: readonly (readonly [number, string])[]) =>
    fc
      .tuple(
        fc.oneof(labValue(analyte, max), fc.constantFrom(...lowestUlnEdge).map(([value, unit]) => ({ value, unit }))),
        date,
        opt(uln(analyte, max)),
      )
      .map(([reading, on, limit]) => ({ ...reading, date: on, ...(limit === undefined ? {} : { upperLimitOfNormal: limit }) }));

  const bilirubinEdge = edgeInEveryUnit(
    'totalBilirubin',
    P.bilirubinMaxTimesUln.value * P.lowestPlausibleUln.value.totalBilirubinUmolPerL,
    'umol/L',
  );
  const aminotransferaseEdge = edgeInEveryUnit(
    'aminotransferase',
    P.aminotransferaseMaxTimesUln.value * P.lowestPlausibleUln.value.aminotransferaseUPerL,
    'U/L',
  );
  const hemoglobinEdge = edgeInEveryUnit('hemoglobin', P.hemoglobinMinInclusive.value, 'g/L');

  const cd7Edge = P.cd7MinPercentInclusive.value;
  const cd7Percent = fc.oneof(decimal(0, 100), fc.constantFrom(cd7Edge - 0.1, cd7Edge, cd7Edge + 0.1, cd7Edge - 5, cd7Edge + 5));
  const cd7Result = fc.record(
    {
      percent: cd7Percent,
      method: fc.constantFrom('flow-cytometry' as const, 'immunohistochemistry' as const),
      date,
      specimen: fc.constantFrom('peripheral-blood' as const, 'bone-marrow' as const, 'tissue' as const),
    },
    { requiredKeys: ['percent', 'method', 'date'] },
  );
  // Flow cytometry and IHC on either side of the threshold, each dated on its own.
  const nearCd7Edge = fc.constantFrom(cd7Edge - 0.1, cd7Edge, cd7Edge + 0.1, cd7Edge - 10, cd7Edge + 10);
  const disagreeingCd7 = fc
    .tuple(nearCd7Edge, date, nearCd7Edge, date)
    .map(([flow, flowOn, ihc, ihcOn]) => [
      { percent: flow, method: 'flow-cytometry' as const, date: flowOn },
      { percent: ihc, method: 'immunohistochemistry' as const, date: ihcOn, specimen: 'tissue' as const },
    ]);

  const qualitative = fc.record({ result: fc.constantFrom('positive' as const, 'negative' as const), date: serologyDate });
  const nucleicAcid = fc.record(
    {
      detected: fc.boolean(),
      value: fc.oneof(fc.constant(0), fc.integer({ min: 10, max: 5_000_000 })),
      unit: fc.constantFrom('{copies}/mL' as const, '[IU]/mL' as const),
      date: serologyDate,
    },
    { requiredKeys: ['detected', 'date'] },
  );
  const hivScreen = fc.record(
    { result: fc.constantFrom('reactive' as const, 'non-reactive' as const), date: serologyDate, confirmed: fc.boolean() },
    { requiredKeys: ['result', 'date'] },
  );

  return fc.record(
    {
      demographics: fc.record(
        {
          birthDate,
          birthDateRange,
          sex: fc.constantFrom('female' as const, 'male' as const, 'other' as const, 'unknown' as const),
          weight: fc.record({ value: decimal(8, 150), unit: fc.constantFrom('kg', 'lb', 'g', '[lb_av]'), date }, { requiredKeys: ['value', 'unit'] }),
        },
        { requiredKeys: [] },
      ),
      diagnosis: fc.record(
        {
          type: fc.constantFrom('T-ALL' as const, 'T-LBL' as const, 'other' as const),
          classification: fc.constantFrom('WHO-2008' as const, 'WHO-2016' as const, 'WHO-2022' as const, 'ICC-2022' as const, 'other' as const),
          coding: fc.array(
            fc.record(
              {
                system: fc.constantFrom('http://terminology.hl7.org/CodeSystem/icd-o-3-morphology', 'http://hl7.org/fhir/sid/icd-10', 'http://snomed.info/sct'),
                code: fc.constantFrom('9837/3', 'C91.5', 'C83.5', '91861000119107'),
                display: fc.constantFrom('T lymphoblastic leukaemia/lymphoma', 'Precursor T-cell lymphoblastic leukaemia'),
              },
              { requiredKeys: ['system', 'code'] },
            ),
            { maxLength: 2 },
          ),
          diagnosedOn: fc.integer({ min: 30, max: 3000 }).map(ago),
        },
        { requiredKeys: ['type'] },
      ),
      diseaseStatus: fc.record(
        {
          status: fc.constantFrom('primary-refractory' as const, 'relapsed' as const, 'in-remission' as const, 'newly-diagnosed' as const),
          since: date,
          extramedullaryDisease: fc.record(
            {
              status,
              assessedOn: date,
              sites: fc.uniqueArray(fc.constantFrom('mediastinum' as const, 'lymph-nodes' as const, 'cns' as const, 'testis' as const, 'skin' as const, 'bone' as const, 'other' as const), { maxLength: 3 }),
            },
            { requiredKeys: ['status'] },
          ),
          cns: fc.record({ status: fc.constantFrom('CNS1' as const, 'CNS2' as const, 'CNS3' as const), assessedOn: date }, { requiredKeys: ['status'] }),
        },
        { requiredKeys: ['status'] },
      ),
      blasts: fc.array(
        fc.record(
          {
            specimen: fc.constantFrom('peripheral-blood' as const, 'bone-marrow' as const),
            // Low counts often: the blast-burden criterion then turns on extramedullary disease.
            percent: fc.oneof(decimal(0, 100), fc.constantFrom(5, 5.1, 4.9), decimal(0, 6)),
            date,
            method: fc.constantFrom('morphology' as const, 'flow-cytometry' as const),
          },
          { requiredKeys: ['specimen', 'percent', 'date'] },
        ),
        { maxLength: 4 },
      ),
      cd7: fc.oneof(cd7Result, fc.array(cd7Result, { minLength: 1, maxLength: 3 }), disagreeingCd7),
      ecog: fc.record({ score: fc.integer({ min: 0, max: 5 }), date }),
      karnofsky: fc.record({
        score: fc.oneof(tenStep, fc.constantFrom(equivalence.karnofskyMin - 10, equivalence.karnofskyMin)),
        date,
      }),
      lansky: fc.record({
        score: fc.oneof(tenStep, fc.constantFrom(equivalence.lanskyMin - 10, equivalence.lanskyMin, equivalence.lanskyMin + 10)),
        date,
      }),
      lifeExpectancy: fc.record(
        { value: fc.oneof(decimal(0, 100), fc.constantFrom(12, 84, 85, 3)), unit: fc.constantFrom('d', 'wk', 'mo'), assessedOn: date },
        { requiredKeys: ['value', 'unit'] },
      ),
      labs: fc.record(
        {
          hemoglobin: fc
            .tuple(
              fc.oneof(labValue('hemoglobin', 200), fc.constantFrom(...hemoglobinEdge).map(([value, unit]) => ({ value, unit }))),
              date,
              opt(fc.boolean()),
            )
            .map(([reading, on, transfused]) => ({ ...reading, date: on, ...(transfused === undefined ? {} : { transfused }) })),
          totalBilirubin: lab('totalBilirubin', 60, bilirubinEdge),
          ast: lab('aminotransferase', 400, aminotransferaseEdge),
          alt: lab('aminotransferase', 400, aminotransferaseEdge),
        },
        { requiredKeys: [] },
      ),
      consent: fc.record(
        {
          status: fc.constantFrom('signed' as const, 'declined' as const, 'pending' as const),
          date,
          signedBy: fc.constantFrom('patient' as const, 'guardian' as const, 'patient-and-guardian' as const),
          assent: fc.constantFrom('given' as const, 'declined' as const, 'not-applicable' as const),
        },
        { requiredKeys: ['status'] },
      ),
      history: fc.record(
        {
          solidOrganTransplant: condition,
          severePulmonaryDysfunction: condition,
          severeAutoimmuneDisease: condition,
          congenitalImmunodeficiency: condition,
          hivInfection: condition,
        },
        { requiredKeys: [] },
      ),
      priorTherapy: fc.record(
        {
          allogeneicHsct: fc.record(
            {
              status,
              date: fc.integer({ min: 30, max: 2000 }).map(ago),
              donor: fc.constantFrom(
                'matched-sibling' as const,
                'matched-unrelated' as const,
                'mismatched-unrelated' as const,
                'haploidentical' as const,
                'cord-blood' as const,
                'other' as const,
              ),
            },
            { requiredKeys: ['status'] },
          ),
          activeGvhd: fc.record(
            { status, grade: fc.constantFrom('I' as const, 'II' as const, 'III' as const, 'IV' as const), assessedOn: date },
            { requiredKeys: ['status'] },
          ),
          carT: fc.array(
            fc.record(
              { target: fc.constantFrom('CD7' as const, 'CD5' as const, 'CD19' as const, 'CD22' as const, 'other' as const), date: fc.integer({ min: 30, max: 2000 }).map(ago) },
              { requiredKeys: ['target'] },
            ),
            { maxLength: 2 },
          ),
          cd7Directed: fc.record({ status, date: fc.integer({ min: 30, max: 2000 }).map(ago) }, { requiredKeys: ['status'] }),
        },
        { requiredKeys: [] },
      ),
      cardiac: fc.record(
        {
          atrialFibrillation: fc.record(
            {
              status,
              assessedOn: date,
              pattern: fc.constantFrom('paroxysmal' as const, 'persistent' as const, 'permanent' as const),
              lastEpisodeOn: fc.oneof(monthsAgo(P.paroxysmalAtrialFibrillationWindowMonths.value), date),
            },
            { requiredKeys: ['status'] },
          ),
          myocardialInfarction: fc.record(
            { status, assessedOn: date, mostRecentOn: fc.oneof(monthsAgo(P.myocardialInfarctionWindowMonths.value), date) },
            { requiredKeys: ['status'] },
          ),
          qtProlongation: condition,
          qtcMs: fc.record({
            value: fc.oneof(
              { weight: 1, arbitrary: fc.integer({ min: 380, max: 520 }) },
              { weight: 2, arbitrary: fc.constantFrom(...qtcLimits.flatMap((limit) => [limit - 1, limit, limit + 0.5, limit + 1])) },
            ),
            date,
          }),
          pericardialEffusion: condition,
          heartFailure: condition,
          nyhaClass: fc.record(
            { value: fc.constantFrom('I' as const, 'II' as const, 'III' as const, 'IV' as const), assessedOn: date },
            { requiredKeys: ['value'] },
          ),
          lvef: fc.record({ percent: fc.integer({ min: 10, max: 75 }), date }),
        },
        { requiredKeys: [] },
      ),
      infections: fc.record(
        { uncontrolledInfection: condition, activeHepatitis: condition, significantViralInfection: condition },
        { requiredKeys: [] },
      ),
      serology: fc.record(
        {
          hbsAg: qualitative,
          antiHbc: qualitative,
          hbvDna: nucleicAcid,
          antiHcv: qualitative,
          hcvRna: nucleicAcid,
          hivAgAb: hivScreen,
          cmvDna: nucleicAcid,
          ebvDna: nucleicAcid,
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );
}

/** Top-level fields that group several facts, each replaced on its own; every other top-level field is one fact. */
const GROUPS = ['demographics', 'diseaseStatus', 'labs', 'history', 'priorTherapy', 'cardiac', 'infections', 'serology'] as const;

/** Every fact of the profile, as `field` or `group.field`, read from the schema so new fields are included. */
export const PROFILE_FACTS: readonly string[] = Object.keys(PatientProfile.shape).flatMap((field) =>
  (GROUPS as readonly string[]).includes(field)
    ? Object.keys(PatientProfile.shape[field as (typeof GROUPS)[number]].def.innerType.shape).map((key) => `${field}.${key}`)
    : [field],
);

/** Facts one criterion reads together: replaced at once, they meet each other's boundaries. */
const READ_TOGETHER: readonly (readonly string[])[] = [
  ['demographics.birthDate', 'demographics.sex', 'cardiac.qtcMs', 'cardiac.qtProlongation'],
  ['demographics.birthDate', 'ecog', 'karnofsky', 'lansky'],
  ['demographics.birthDate', 'consent'],
  // A FHIR birth date to the year or month: the range alone decides the age criterion.
  ['demographics.birthDate', 'demographics.birthDateRange'],
  ['blasts', 'diseaseStatus.extramedullaryDisease'],
  ['labs.totalBilirubin', 'labs.ast', 'labs.alt'],
  ['cardiac.atrialFibrillation', 'cardiac.myocardialInfarction', 'cardiac.heartFailure', 'cardiac.nyhaClass'],
  ['infections.activeHepatitis', 'serology.hbsAg', 'serology.antiHbc', 'serology.hbvDna', 'serology.antiHcv', 'serology.hcvRna'],
  ['history.hivInfection', 'serology.hivAgAb'],
  ['infections.significantViralInfection', 'serology.cmvDna', 'serology.ebvDna'],
];

/** The eligible profile with `facts` taken from `generated` (removed where `generated` lacks them). */
function withFactsFrom(eligible: PatientProfile, generated: PatientProfile, facts: readonly string[]): unknown {
  const profile: Record<string, unknown> = structuredClone(eligible);
  const source: Readonly<Record<string, unknown>> = generated;
  for (const fact of facts) {
    const [field = '', key] = fact.split('.');
    if (key === undefined) {
      if (source[field] === undefined) Reflect.deleteProperty(profile, field);
      else profile[field] = structuredClone(source[field]);
      continue;
    }
    const group: Record<string, unknown> = { ...(profile[field] as Record<string, unknown> | undefined) };
    const value = (source[field] as Record<string, unknown> | undefined)?.[key];
    if (value === undefined) Reflect.deleteProperty(group, key);
    else group[key] = structuredClone(value);
    profile[field] = group;
  }
  return profile;
}

/**
 * Near misses: the eligible profile with one to three facts, or a set of facts one criterion reads together,
 * replaced by generated ones (or removed). Every branch of every criterion is then seen with the rest of the
 * profile clean, where a purely generated profile is almost always excluded several times over.
 */
export function nearEligibleArbitrary(asOf: string): fc.Arbitrary<PatientProfile> {
  const eligible = eligibleProfile(asOf);
  const facts = fc.oneof(fc.subarray([...PROFILE_FACTS], { minLength: 1, maxLength: 3 }), fc.constantFrom(...READ_TOGETHER));
  return fc
    .tuple(profileArbitrary(asOf), facts)
    .map(([generated, replaced]) => withFactsFrom(eligible, generated, replaced))
    .filter((profile): profile is PatientProfile => PatientProfile.safeParse(profile).success);
}
