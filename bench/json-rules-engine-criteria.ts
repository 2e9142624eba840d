/**
 * NCT05212584's criteria written for json-rules-engine: what a team would otherwise reach for, written the way
 * its documentation teaches and as carefully as our own engine, so the benchmark compares engines, not effort.
 *
 * - One rule per criterion, named by the criterion id; conditions state what "met" means.
 * - Facts come from the profile: the runtime facts `profile` and `asOfDay`, and dynamic facts with params for what
 *   depends on the screening date (a result is current, an age, a 12-month window) or needs a choice among list
 *   entries (the latest blast count of a specimen). Thresholds and windows come from the trial's own parameters.
 * - Custom operators compare quantities across UCUM units and against multiples of the lab's ULN, exactly, with
 *   the same unit table and decimal comparison as the engine (floating point would misjudge 3.6 vs 3 × 1.2).
 * - json-rules-engine is two-valued. Three outcomes come from the rule result's condition tree: a failed leaf
 *   whose fact resolved to nothing (missing, stale, not current) is unknown, and all/any combine unknowns by
 *   Kleene logic, the same logic as the engine's allOf/anyOf. Facts return null for "no usable data".
 * - The engine's "corroborated" (QT prolongation reported, or a QTc) has no json-rules-engine combinator; it is
 *   written out in all/any as AND(OR(a, b), notFalse(a), notFalse(b)), which is the same three-valued function.
 */
import { Engine, type Almanac, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { PatientProfile } from '../shared/profile/schema.js';
import { addMonths, completedYears, dayNumber } from '../shared/screening/calendar.js';
import type { Outcome, Verdict } from '../shared/screening/result.js';
import { NCT05212584, NCT05212584_PARAMETERS as P } from '../shared/trial/nct05212584.js';
import type { Analyte } from '../shared/units/conversion-table.js';
import { canonicalFactor } from '../shared/units/convert.js';
import { compareProducts } from '../shared/units/exact-decimal.js';

type Json = Readonly<Record<string, unknown>>;

const record = (value: unknown): Json | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
const finiteNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) current = record(current)?.[key];
  return current;
}

/** A result dated `date` is current on `asOf` when not in the future and at most `days` old (the engine's reading). */
const isCurrent = (date: string, asOf: number, days: number): boolean => {
  const day = dayNumber(date);
  return day <= asOf && asOf - day <= days;
};

// ---- facts ------------------------------------------------------------------------------------------------

async function inputs(almanac: Almanac): Promise<{ profile: PatientProfile; asOf: number }> {
  const [profile, asOf] = await Promise.all([almanac.factValue<PatientProfile>('profile'), almanac.factValue<number>('asOfDay')]);
  return { profile, asOf };
}

/** A coded value, or null when it is absent or outside the values the criterion decides on (`pending`). */
async function coded(params: Json, almanac: Almanac): Promise<string | null> {
  const { profile } = await inputs(almanac);
  const value = text(at(profile, String(params['path'])));
  return value !== undefined && (params['values'] as readonly string[]).includes(value) ? value : null;
}

/** `present` / `absent` as reported, or null when unknown; a current state must have been assessed in the window. */
async function reportedCondition(params: Json, almanac: Almanac): Promise<string | null> {
  const { profile, asOf } = await inputs(almanac);
  const condition = record(at(profile, String(params['path'])));
  const status = text(condition?.['status']);
  if (status !== 'present' && status !== 'absent') return null;
  const window = finiteNumber(params['currentWithinDays']);
  if (window === undefined) return status;
  const assessedOn = text(condition?.['assessedOn']);
  return assessedOn !== undefined && isCurrent(assessedOn, asOf, window) ? status : null;
}

/** A dated measurement that is current (no date: taken as current), in a supported unit; otherwise null. */
async function currentResult(params: Json, almanac: Almanac): Promise<Json | null> {
  const { profile, asOf } = await inputs(almanac);
  const result = record(at(profile, String(params['path'])));
  if (!result || finiteNumber(result[String(params['valueKey'])]) === undefined) return null;
  const date = text(result[String(params['dateKey'])]);
  if (date !== undefined && !isCurrent(date, asOf, Number(params['freshnessDays']))) return null;
  const analyte = params['analyte'] as Analyte | undefined;
  if (analyte !== undefined && canonicalFactor(analyte, text(result['unit']) ?? '') === undefined) return null;
  return result;
}

/** Of a list (blast counts), the latest entry of a kind not dated after the screening day, if it is current. */
async function latestResult(params: Json, almanac: Almanac): Promise<Json | null> {
  const { profile, asOf } = await inputs(almanac);
  const list = at(profile, String(params['path']));
  if (!Array.isArray(list)) return null;
  const where = params['where'] as Readonly<Record<string, string>>;
  const valueKey = String(params['valueKey']);
  const dateKey = String(params['dateKey']);
  let best: Json | null = null;
  let bestDay = -Infinity;
  let bestValue = -Infinity;
  for (const item of list) {
    const entry = record(item);
    if (!entry || Object.entries(where).some(([key, value]) => entry[key] !== value)) continue;
    const date = text(entry[dateKey]);
    const value = finiteNumber(entry[valueKey]);
    if (date === undefined || value === undefined) continue;
    const day = dayNumber(date);
    if (day > asOf) continue;
    if (day > bestDay || (day === bestDay && value > bestValue)) {
      best = entry;
      bestDay = day;
      bestValue = value;
    }
  }
  return best && asOf - bestDay <= Number(params['freshnessDays']) ? best : null;
}

/** A current lab result with a usable upper limit of normal from the reporting lab; otherwise null. */
async function labWithUln(params: Json, almanac: Almanac): Promise<Json | null> {
  const { profile, asOf } = await inputs(almanac);
  const result = record(at(profile, String(params['path'])));
  const date = text(result?.['date']);
  if (!result || finiteNumber(result['value']) === undefined || date === undefined) return null;
  if (!isCurrent(date, asOf, Number(params['freshnessDays']))) return null;
  const analyte = params['analyte'] as Analyte;
  const uln = record(result['upperLimitOfNormal']);
  const ulnValue = finiteNumber(uln?.['value']);
  if (ulnValue === undefined || ulnValue === 0) return null;
  if (canonicalFactor(analyte, text(uln?.['unit']) ?? '') === undefined) return null;
  if (canonicalFactor(analyte, text(result['unit']) ?? '') === undefined) return null;
  return result;
}

/** Age in completed years on the screening day; null without a usable date of birth. */
async function ageInYears(_params: Json, almanac: Almanac): Promise<number | null> {
  const { profile, asOf } = await inputs(almanac);
  const birthDate = profile.demographics?.birthDate;
  if (birthDate === undefined || dayNumber(birthDate) > asOf) return null;
  return completedYears(birthDate, asOf);
}

/**
 * Last day of an event's exclusion window (the same calendar day `months` later), compared with `asOfDay` in the
 * rule. Never happened: a window that closed long ago. Reported without a usable date: null.
 */
async function eventWindowEnd(params: Json, almanac: Almanac): Promise<number | null> {
  const { profile, asOf } = await inputs(almanac);
  const event = record(at(profile, String(params['path'])));
  const status = text(event?.['status']);
  if (status === 'absent') return Number.MIN_SAFE_INTEGER;
  if (status !== 'present') return null;
  const on = text(event?.['mostRecentOn']);
  if (on === undefined || dayNumber(on) > asOf) return null;
  return addMonths(on, Number(params['months']));
}

/** The QTc limit for the patient's sex; with `orHighest`, the highest limit when the sex has none. */
async function qtcLimit(params: Json, almanac: Almanac): Promise<number | null> {
  const { profile } = await inputs(almanac);
  const limits: Readonly<Record<string, number>> = P.qtcMaxMs.value;
  const sex = profile.demographics?.sex;
  if (sex !== undefined && Object.hasOwn(limits, sex)) return limits[sex] ?? null;
  return params['orHighest'] === true ? Math.max(...Object.values(limits)) : null;
}

// ---- operators --------------------------------------------------------------------------------------------

interface QuantityLimit {
  readonly value: number;
  readonly unit: string;
  readonly analyte: Analyte;
}

/** Sign of (measured quantity − limit), exactly, across units of the analyte; null when not comparable. */
function compareQuantity(fact: unknown, limit: QuantityLimit): number | null {
  const result = record(fact);
  const value = finiteNumber(result?.['value']);
  const factor = canonicalFactor(limit.analyte, text(result?.['unit']) ?? '');
  const limitFactor = canonicalFactor(limit.analyte, limit.unit);
  if (value === undefined || factor === undefined || limitFactor === undefined) return null;
  return compareProducts([value, factor], [limit.value, limitFactor]);
}

/** value ≤ multiple × the lab's ULN, exactly, across units. */
function withinUlnMultiple(fact: unknown, limit: { multiple: number; analyte: Analyte }): boolean {
  const result = record(fact);
  const uln = record(result?.['upperLimitOfNormal']);
  const value = finiteNumber(result?.['value']);
  const ulnValue = finiteNumber(uln?.['value']);
  const factor = canonicalFactor(limit.analyte, text(result?.['unit']) ?? '');
  const ulnFactor = canonicalFactor(limit.analyte, text(uln?.['unit']) ?? '');
  if (value === undefined || ulnValue === undefined || factor === undefined || ulnFactor === undefined) return false;
  return compareProducts([value, factor], [limit.multiple, ulnValue, ulnFactor]) <= 0;
}

// ---- rules ------------------------------------------------------------------------------------------------

const LAB_DAYS = P.labResultWindowDays.value;
const DISEASE_DAYS = P.diseaseAssessmentWindowDays.value;
const CLINICAL_DAYS = P.clinicalAssessmentWindowDays.value;

const isCoded = (path: string, values: readonly string[], operator: 'equal' | 'in', value: string | readonly string[]) => ({
  fact: 'coded',
  params: { path, values },
  operator,
  value,
});
const conditionIs = (path: string, status: 'absent' | 'present', currentWithinDays?: number) => ({
  fact: 'reportedCondition',
  params: currentWithinDays === undefined ? { path } : { path, currentWithinDays },
  operator: 'equal',
  value: status,
});
const blastsAbove = (specimen: string) => ({
  fact: 'latestResult',
  params: { path: 'blasts', where: { specimen }, valueKey: 'percent', dateKey: 'date', freshnessDays: DISEASE_DAYS },
  path: 'percent',
  operator: 'greaterThan',
  value: P.blastBurdenMinPercentExclusive.value,
});
const liver = (path: string, analyte: Analyte, multiple: number) => ({
  fact: 'labWithUln',
  params: { path, analyte, freshnessDays: LAB_DAYS },
  operator: 'withinUlnMultiple',
  value: { multiple, analyte },
});

const CONSENT = ['signed', 'declined'] as const;
const DIAGNOSES = ['T-ALL', 'T-LBL', 'other'] as const;
const qtc = { fact: 'currentResult', params: { path: 'cardiac.qtcMs', valueKey: 'value', dateKey: 'date', freshnessDays: CLINICAL_DAYS } };
const qtcLimits = Object.values(P.qtcMaxMs.value);

/** Met when clear of QT prolongation: corroborated(reported prolongation absent, QTc within the sex's limit). */
const qtClear: TopLevelCondition = {
  all: [
    {
      any: [
        conditionIs('cardiac.qtProlongation', 'absent'),
        {
          any: [
            { ...qtc, path: 'value', operator: 'lessThanInclusive', value: Math.min(...qtcLimits) },
            {
              all: [
                { ...qtc, path: 'value', operator: 'lessThanInclusive', value: { fact: 'qtcLimit', params: { orHighest: false } } },
                { ...qtc, path: 'value', operator: 'lessThanInclusive', value: Math.max(...qtcLimits) },
              ],
            },
          ],
        },
      ],
    },
    { fact: 'reportedCondition', params: { path: 'cardiac.qtProlongation' }, operator: 'notEqual', value: 'present' },
    {
      any: [
        { ...qtc, operator: 'equal', value: null },
        { ...qtc, path: 'value', operator: 'lessThanInclusive', value: { fact: 'qtcLimit', params: { orHighest: true } } },
      ],
    },
  ],
};

const CRITERIA: Readonly<Record<string, TopLevelCondition>> = {
  'inc-consent': { all: [isCoded('consent.status', CONSENT, 'equal', 'signed')] },
  'inc-diagnosis': { all: [isCoded('diagnosis.type', DIAGNOSES, 'in', ['T-ALL', 'T-LBL'])] },
  'inc-relapsed-refractory': {
    all: [
      isCoded('diseaseStatus.status', ['primary-refractory', 'relapsed', 'in-remission', 'newly-diagnosed'], 'in', ['primary-refractory', 'relapsed']),
    ],
  },
  'inc-blast-burden': {
    any: [
      blastsAbove('peripheral-blood'),
      blastsAbove('bone-marrow'),
      ...(P.lymphomaExtramedullaryDiseaseQualifies.value
        ? [{ all: [isCoded('diagnosis.type', DIAGNOSES, 'equal', 'T-LBL'), conditionIs('diseaseStatus.extramedullaryDisease', 'present', DISEASE_DAYS)] }]
        : []),
    ],
  },
  'inc-cd7-expression': {
    all: [
      {
        fact: 'currentResult',
        params: { path: 'cd7', valueKey: 'percent', dateKey: 'date', freshnessDays: DISEASE_DAYS },
        path: 'percent',
        operator: 'greaterThanInclusive',
        value: P.cd7MinPercentInclusive.value,
      },
    ],
  },
  'inc-life-expectancy': {
    all: [
      {
        fact: 'currentResult',
        params: { path: 'lifeExpectancy', valueKey: 'value', dateKey: 'assessedOn', freshnessDays: CLINICAL_DAYS, analyte: 'duration' },
        operator: 'quantityGreaterThan',
        value: { value: P.lifeExpectancyMinWeeksExclusive.value, unit: 'wk', analyte: 'duration' },
      },
    ],
  },
  'inc-ecog': {
    all: [
      {
        fact: 'currentResult',
        params: { path: 'ecog', valueKey: 'score', dateKey: 'date', freshnessDays: CLINICAL_DAYS },
        path: 'score',
        operator: 'lessThanInclusive',
        value: P.ecogMaxInclusive.value,
      },
    ],
  },
  'inc-age': {
    all: [
      { fact: 'ageInYears', operator: 'greaterThanInclusive', value: P.ageRangeYearsInclusive.value.min },
      { fact: 'ageInYears', operator: 'lessThanInclusive', value: P.ageRangeYearsInclusive.value.max },
    ],
  },
  'inc-hemoglobin': {
    all: [
      {
        fact: 'currentResult',
        params: { path: 'labs.hemoglobin', valueKey: 'value', dateKey: 'date', freshnessDays: LAB_DAYS, analyte: 'hemoglobin' },
        operator: 'quantityAtLeast',
        value: { value: P.hemoglobinMinInclusive.value, unit: 'g/L', analyte: 'hemoglobin' },
      },
    ],
  },
  'inc-liver-function': {
    all: [
      liver('labs.totalBilirubin', 'totalBilirubin', P.bilirubinMaxTimesUln.value),
      liver('labs.ast', 'aminotransferase', P.aminotransferaseMaxTimesUln.value),
      liver('labs.alt', 'aminotransferase', P.aminotransferaseMaxTimesUln.value),
    ],
  },
  'exc-declined-consent': { all: [isCoded('consent.status', CONSENT, 'equal', 'signed')] },
  'exc-solid-organ-transplant': { all: [conditionIs('history.solidOrganTransplant', 'absent')] },
  'exc-cardiac': {
    all: [
      conditionIs('cardiac.atrialFibrillation', 'absent'),
      {
        fact: 'eventWindowEnd',
        params: { path: 'cardiac.myocardialInfarction', months: P.myocardialInfarctionWindowMonths.value },
        operator: 'lessThan',
        value: { fact: 'asOfDay' },
      },
      qtClear,
      conditionIs('cardiac.pericardialEffusion', 'absent'),
      isCoded('cardiac.nyhaClass.value', ['I', 'II', 'III', 'IV'], 'in', ['I', 'II']),
    ],
  },
  'exc-pulmonary': { all: [conditionIs('history.severePulmonaryDysfunction', 'absent')] },
  'exc-uncontrolled-infection': { all: [conditionIs('infections.uncontrolledInfection', 'absent', CLINICAL_DAYS)] },
  'exc-autoimmune-immunodeficiency': {
    all: [conditionIs('history.severeAutoimmuneDisease', 'absent'), conditionIs('history.congenitalImmunodeficiency', 'absent')],
  },
  'exc-active-hepatitis': { all: [conditionIs('infections.activeHepatitis', 'absent', CLINICAL_DAYS)] },
  'exc-hiv': { all: [conditionIs('history.hivInfection', 'absent')] },
  'exc-viral-infection': { all: [conditionIs('infections.significantViralInfection', 'absent', CLINICAL_DAYS)] },
};

export const JSON_RULES: readonly RuleProperties[] = Object.entries(CRITERIA).map(([id, conditions]) => ({
  name: id,
  conditions,
  event: { type: 'criterion-met', params: { id } },
}));

// ---- three outcomes from a two-valued result ----------------------------------------------------------------

/** The evaluated condition tree json-rules-engine returns, as far as the outcome needs it. */
interface EvaluatedNode {
  readonly all?: readonly EvaluatedNode[];
  readonly any?: readonly EvaluatedNode[];
  readonly result?: boolean;
  readonly value?: unknown;
  readonly factResult?: unknown;
  readonly valueResult?: unknown;
}

const isFactReference = (value: unknown): boolean => record(value)?.['fact'] !== undefined;

/** Kleene logic over the evaluated tree: a failed leaf whose fact (or compared fact) had no value is unknown. */
export function outcomeOfTree(node: EvaluatedNode): Outcome {
  if (node.all) {
    const parts = node.all.map(outcomeOfTree);
    return parts.includes('not_met') ? 'not_met' : parts.every((p) => p === 'met') ? 'met' : 'unknown';
  }
  if (node.any) {
    const parts = node.any.map(outcomeOfTree);
    return parts.includes('met') ? 'met' : parts.every((p) => p === 'not_met') ? 'not_met' : 'unknown';
  }
  if (node.result === true) return 'met';
  if (node.factResult == null || (isFactReference(node.value) && node.valueResult == null)) return 'unknown';
  return 'not_met';
}

export interface JsonRulesScreening {
  readonly verdict: Verdict;
  readonly outcomes: ReadonlyMap<string, Outcome>;
}

const SITE_VERIFIED = new Set(NCT05212584.criteria.filter((c) => c.siteVerified).map((c) => c.id));

/** Builds the engine once (rules, facts, operators); the returned function screens one profile. */
export function jsonRulesScreener(): (profile: PatientProfile, asOf: string) => Promise<JsonRulesScreening> {
  const engine = new Engine([...JSON_RULES], {
    // Dotted paths (the documented `pathResolver` option) instead of the default JSONPath: cheaper, and enough.
    pathResolver: (value: object, path: string) => at(value, path),
  });
  engine.addFact('coded', coded);
  engine.addFact('reportedCondition', reportedCondition);
  engine.addFact('currentResult', currentResult);
  engine.addFact('latestResult', latestResult);
  engine.addFact('labWithUln', labWithUln);
  engine.addFact('ageInYears', ageInYears);
  engine.addFact('eventWindowEnd', eventWindowEnd);
  engine.addFact('qtcLimit', qtcLimit);
  engine.addOperator<unknown, QuantityLimit>('quantityAtLeast', (fact, limit) => (compareQuantity(fact, limit) ?? -1) >= 0);
  engine.addOperator<unknown, QuantityLimit>('quantityGreaterThan', (fact, limit) => (compareQuantity(fact, limit) ?? -1) > 0);
  engine.addOperator<unknown, { multiple: number; analyte: Analyte }>('withinUlnMultiple', withinUlnMultiple);

  return async (profile, asOf) => {
    const { results, failureResults } = await engine.run({ profile, asOfDay: dayNumber(asOf) });
    const outcomes = new Map<string, Outcome>();
    for (const result of results) outcomes.set(result.name, 'met');
    for (const result of failureResults) outcomes.set(result.name, outcomeOfTree(result.conditions as EvaluatedNode));
    let anyNotMet = false;
    let allVerifiableMet = true;
    for (const [id, outcome] of outcomes) {
      if (outcome === 'not_met') anyNotMet = true;
      else if (outcome === 'unknown' && !SITE_VERIFIED.has(id)) allVerifiableMet = false;
    }
    return { verdict: anyNotMet ? 'ineligible' : allVerifiableMet ? 'eligible' : 'potential', outcomes };
  };
}
