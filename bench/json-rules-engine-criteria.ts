/**
 * NCT05212584's criteria written for json-rules-engine: what a team would otherwise reach for, written the way
 * its documentation teaches and as carefully as our own engine, so the benchmark compares engines, not effort.
 *
 * - One rule per criterion, named by the criterion id; its conditions state what "met" means (for an exclusion:
 *   that the patient is clear of it). Thresholds, windows and age limits come from the trial's own parameters.
 * - Facts come from the profile: the runtime facts `profile` and `asOfDay`, and dynamic facts with params for what
 *   depends on the screening date (a result is current, an age, a 12-month window), needs a choice among entries
 *   (the latest blast count of a specimen, every current CD7 result, the latest performance assessment on any
 *   scale), or reads a panel the way the record's words do (HBV markers into a finding).
 * - Custom operators compare quantities across UCUM units and against multiples of a ULN, exactly, with the same
 *   unit table and decimal comparison as the engine (floating point would misjudge 3.6 vs 3 × 1.2). CD7 uses the
 *   documented `someFact` operator decorator: any current result ≥ 70%.
 *
 * json-rules-engine is two-valued; three outcomes come from the evaluated condition tree it returns. A fact
 * answers with a value that decides, with `null` when nothing usable was reported (missing, stale, dated after
 * the screening day), or with an {@link Undecided} reading when current data was read and still cannot decide (a
 * QTc between the limits that could apply, a hemoglobin below 70 g/L not yet transfused, a positive anti-HBc
 * awaiting HBV DNA, a finding the site reviews). A failed leaf whose fact (or compared fact) resolved to `null`
 * or to an undecided reading is unknown, otherwise not met; all / any / not combine by Kleene logic, the engine's
 * allOf / anyOf.
 *
 * The engine's two ways of weighing a physician's statement against measured data have no json-rules-engine
 * combinator; both are written out in all / any with the `null` test json-rules-engine's `equal` gives:
 * - corroborated(a, b): all[any[a, b], any[a, a reported nothing], any[b, b reported nothing]]: not met when
 *   a part is not met, unknown when a part read data and could not decide (its "reported nothing" fails on an
 *   undecided reading, which reads unknown), else met when a part is met;
 * - attested(statement, evidence…): all[statement, any[e, e reported nothing]…]: the statement is needed for
 *   met; evidence can only exclude or contest it.
 */
import { Engine, type Almanac, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { PatientProfile } from '#profile/schema.js';
import { addMonths, completedYears, dayNumber } from '#screening/calendar.js';
import type { CriterionOutcome, Outcome, Verdict } from '#screening/result.js';
import type { CriterionKind } from '#trial/definition.js';
import { NCT05212584, NCT05212584_PARAMETERS as P } from '#trial/nct05212584.js';
import type { Analyte } from '#units/conversion-table.js';
import { canonicalFactor } from '#units/convert.js';
import { compareProducts } from '#units/exact-decimal.js';

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

/** Current data that was read and still cannot decide: a follow-up result or the site's review decides. */
export interface Undecided {
  readonly undecided: string;
}
const undecided = (why: string): Undecided => ({ undecided: why });
export const isUndecided = (value: unknown): value is Undecided => text(record(value)?.['undecided']) !== undefined;

// ---- facts ------------------------------------------------------------------------------------------------

async function inputs(almanac: Almanac): Promise<{ profile: PatientProfile; asOf: number }> {
  const [profile, asOf] = await Promise.all([almanac.factValue<PatientProfile>('profile'), almanac.factValue<number>('asOfDay')]);
  return { profile, asOf };
}

/** A coded value, or null when it is absent or outside the values the criterion decides on. */
async function coded(params: Json, almanac: Almanac): Promise<string | null> {
  const { profile } = await inputs(almanac);
  const value = text(at(profile, String(params['path'])));
  return value !== undefined && (params['values'] as readonly string[]).includes(value) ? value : null;
}

/**
 * `present` / `absent` as reported, or null when unknown; a current state must have been assessed in the window.
 * A finding the site reviews (measurable extramedullary disease) reported present is undecided.
 */
async function reportedCondition(params: Json, almanac: Almanac): Promise<string | Undecided | null> {
  const { profile, asOf } = await inputs(almanac);
  const condition = record(at(profile, String(params['path'])));
  const status = text(condition?.['status']);
  if (status !== 'present' && status !== 'absent') return null;
  const window = finiteNumber(params['currentWithinDays']);
  if (window !== undefined) {
    const assessedOn = text(condition?.['assessedOn']);
    if (assessedOn === undefined || !isCurrent(assessedOn, asOf, window)) return null;
  }
  return status === 'present' && params['siteReviewsPresent'] === true ? undecided('site-review') : status;
}

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

/**
 * A dated measurement that is current (no date: taken as current), in a supported unit; otherwise null. With
 * `correctable`, a value below `correctable.below` that was not flagged as measured after the correction
 * (hemoglobin after transfusion) is undecided: the record allows correcting it.
 */
async function currentResult(params: Json, almanac: Almanac): Promise<Json | Undecided | null> {
  const { profile, asOf } = await inputs(almanac);
  const result = record(at(profile, String(params['path'])));
  if (!result || finiteNumber(result[String(params['valueKey'])]) === undefined) return null;
  const date = text(result[String(params['dateKey'])]);
  if (date !== undefined && !isCurrent(date, asOf, Number(params['freshnessDays']))) return null;
  const analyte = params['analyte'] as Analyte | undefined;
  if (analyte !== undefined && canonicalFactor(analyte, text(result['unit']) ?? '') === undefined) return null;
  const correctable = record(params['correctable']);
  if (correctable && date !== undefined && result[String(correctable['flagKey'])] !== true) {
    if ((compareQuantity(result, correctable['below'] as QuantityLimit) ?? 0) < 0) return undecided('correctable');
  }
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

/** The values of every current result of a field holding one result or several (CD7); null when none is current. */
async function currentValues(params: Json, almanac: Almanac): Promise<number[] | null> {
  const { profile, asOf } = await inputs(almanac);
  const raw = at(profile, String(params['path']));
  const valueKey = String(params['valueKey']);
  const dateKey = String(params['dateKey']);
  const days = Number(params['freshnessDays']);
  const values: number[] = [];
  for (const item of Array.isArray(raw) ? raw : [raw]) {
    const entry = record(item);
    const value = finiteNumber(entry?.[valueKey]);
    const date = text(entry?.[dateKey]);
    if (value !== undefined && date !== undefined && isCurrent(date, asOf, days)) values.push(value);
  }
  return values.length > 0 ? values : null;
}

/**
 * The performance assessment that speaks for now: the most recent current one on any scale (on the same day
 * ECOG, then Karnofsky, then Lansky), Lansky only under the age limit on its date; null when there is none.
 */
async function performanceStatus(params: Json, almanac: Almanac): Promise<{ scale: string; score: number } | null> {
  const { profile, asOf } = await inputs(almanac);
  const birthDate = profile.demographics?.birthDate;
  const days = Number(params['freshnessDays']);
  let chosen: { scale: string; score: number; day: number } | null = null;
  for (const scale of ['ecog', 'karnofsky', 'lansky'] as const) {
    const assessment = profile[scale];
    if (assessment === undefined || !isCurrent(assessment.date, asOf, days)) continue;
    const day = dayNumber(assessment.date);
    if (scale === 'lansky') {
      if (birthDate === undefined || dayNumber(birthDate) > day) continue;
      if (completedYears(birthDate, day) >= Number(params['lanskyUnderYears'])) continue;
    }
    if (chosen === null || day > chosen.day) chosen = { scale, score: assessment.score, day };
  }
  return chosen === null ? null : { scale: chosen.scale, score: chosen.score };
}

/**
 * Age in completed years on the screening day; null without a usable date of birth. A birth date known only to the
 * year or month (`birthDateRange`) gives an age when every possible day of birth falls on the same side of both
 * bounds (`params.min`, `params.max`), and null on a boundary.
 */
async function ageInYears(params: Json, almanac: Almanac): Promise<number | null> {
  const { profile, asOf } = await inputs(almanac);
  const birthDate = profile.demographics?.birthDate;
  if (birthDate === undefined) {
    const range = profile.demographics?.birthDateRange;
    if (range === undefined || dayNumber(range.earliest) > asOf) return null;
    const oldest = completedYears(range.earliest, asOf);
    const youngest = dayNumber(range.latest) > asOf ? 0 : completedYears(range.latest, asOf);
    const side = (age: number) => (age < Number(params['min']) ? -1 : age > Number(params['max']) ? 1 : 0);
    return side(youngest) === side(oldest) ? oldest : null;
  }
  if (dayNumber(birthDate) > asOf) return null;
  return completedYears(birthDate, asOf);
}

/** A current lab result in a supported unit; null otherwise. */
async function currentLab(params: Json, almanac: Almanac): Promise<Json | null> {
  const { profile, asOf } = await inputs(almanac);
  const result = record(at(profile, String(params['path'])));
  const date = text(result?.['date']);
  if (!result || finiteNumber(result['value']) === undefined || date === undefined) return null;
  if (!isCurrent(date, asOf, Number(params['freshnessDays']))) return null;
  return canonicalFactor(params['analyte'] as Analyte, text(result['unit']) ?? '') === undefined ? null : result;
}

interface MultipleLimit extends QuantityLimit {
  readonly multiple: number;
}

/** `multiple` × the reporting lab's own ULN of a current result; null when there is no usable ULN (none, 0). */
async function ulnLimit(params: Json, almanac: Almanac): Promise<MultipleLimit | null> {
  const result = await currentLab(params, almanac);
  const uln = record(result?.['upperLimitOfNormal']);
  const value = finiteNumber(uln?.['value']);
  const unit = text(uln?.['unit']) ?? '';
  const analyte = params['analyte'] as Analyte;
  if (value === undefined || value === 0 || canonicalFactor(analyte, unit) === undefined) return null;
  return { multiple: Number(params['multiple']), value, unit, analyte };
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

/**
 * Atrial fibrillation as reported: absent, or present with its pattern (`unspecified` when not given) and, for
 * paroxysmal AF, the last day its last episode keeps it current (null without a usable date).
 */
async function atrialFibrillation(params: Json, almanac: Almanac): Promise<Json | null> {
  const { profile, asOf } = await inputs(almanac);
  const af = profile.cardiac?.atrialFibrillation;
  if (af?.status === 'absent') return { status: 'absent' };
  if (af?.status !== 'present') return null;
  const last = af.lastEpisodeOn;
  const windowEnd = last === undefined || dayNumber(last) > asOf ? null : addMonths(last, Number(params['months']));
  return { status: 'present', pattern: af.pattern ?? 'unspecified', windowEnd };
}

/**
 * A current QTc with the limit that decides it: a child's under the age limit on the ECG date, else the limit
 * for the patient's sex. With age or sex unknown, the lowest limit that could apply when the QTc is within every
 * one, the highest when it is above every one, and undecided between them.
 */
async function qtc(params: Json, almanac: Almanac): Promise<{ value: number; limit: number } | Undecided | null> {
  const { profile, asOf } = await inputs(almanac);
  const ecg = profile.cardiac?.qtcMs;
  if (ecg === undefined || !isCurrent(ecg.date, asOf, Number(params['freshnessDays']))) return null;
  const ecgDay = dayNumber(ecg.date);
  const maxBySex = params['maxBySex'] as Readonly<Record<string, number>>;
  const childMax = Number(params['childMax']);
  const birthDate = profile.demographics?.birthDate;
  const age = birthDate !== undefined && dayNumber(birthDate) <= ecgDay ? completedYears(birthDate, ecgDay) : undefined;
  const sex = profile.demographics?.sex;
  const sexLimit = sex !== undefined && Object.hasOwn(maxBySex, sex) ? maxBySex[sex] : undefined;
  if (age !== undefined && age < Number(params['childUnderYears'])) return { value: ecg.value, limit: childMax };
  if (age !== undefined && sexLimit !== undefined) return { value: ecg.value, limit: sexLimit };
  const adult = sexLimit === undefined ? Object.values(maxBySex) : [sexLimit];
  const possible = age === undefined ? [childMax, ...adult] : adult;
  const low = Math.min(...possible);
  const high = Math.max(...possible);
  if (ecg.value <= low) return { value: ecg.value, limit: low };
  if (ecg.value > high) return { value: ecg.value, limit: high };
  return undecided('between-limits');
}

/** The serology results of the panel that are current on the screening day. */
async function currentSerology(params: Json, almanac: Almanac): Promise<Readonly<Record<string, Json | undefined>>> {
  const { profile, asOf } = await inputs(almanac);
  const panel = profile.serology ?? {};
  const days = Number(params['freshnessDays']);
  const current: Record<string, Json> = {};
  for (const [marker, result] of Object.entries(panel)) {
    if (result !== undefined && isCurrent(result.date, asOf, days)) current[marker] = result;
  }
  return current;
}

/**
 * Active hepatitis B from HBsAg, anti-HBc and HBV DNA: `replicating` (DNA detected), `resolved`,
 * `never-infected`, `hbsag-negative`; undecided for chronic infection without replication (the site reviews it)
 * and when HBV DNA or HBsAg is still needed; null when nothing current speaks either way.
 */
async function hepatitisB(params: Json, almanac: Almanac): Promise<string | Undecided | null> {
  const { hbsAg, antiHbc, hbvDna } = await currentSerology(params, almanac);
  if (hbvDna?.['detected'] === true) return 'replicating';
  const dnaNegative = hbvDna?.['detected'] === false;
  if (hbsAg?.['result'] === 'positive') return undecided(dnaNegative ? 'chronic-without-replication' : 'dna-needed');
  if (hbsAg?.['result'] === 'negative') {
    if (antiHbc?.['result'] === 'positive') return dnaNegative ? 'resolved' : undecided('dna-needed');
    return antiHbc?.['result'] === 'negative' ? 'never-infected' : 'hbsag-negative';
  }
  if (antiHbc?.['result'] === 'positive') return undecided('hbsag-needed');
  // Nothing current, or reassuring results without HBsAg: HBsAg decides, and nothing contests a statement.
  return null;
}

/** Active hepatitis C: `viremic` (RNA detected), `cleared`, `rna-negative`, `never-infected`; undecided without RNA. */
async function hepatitisC(params: Json, almanac: Almanac): Promise<string | Undecided | null> {
  const { antiHcv, hcvRna } = await currentSerology(params, almanac);
  if (hcvRna?.['detected'] === true) return 'viremic';
  if (hcvRna?.['detected'] === false) return antiHcv?.['result'] === 'positive' ? 'cleared' : 'rna-negative';
  if (antiHcv?.['result'] === 'negative') return 'never-infected';
  if (antiHcv?.['result'] === 'positive') return undecided('rna-needed');
  return null;
}

/** The HIV Ag/Ab screen: `confirmed` (reactive and confirmed, at any age), a current `non-reactive`, or undecided until confirmed. */
async function hivScreen(params: Json, almanac: Almanac): Promise<string | Undecided | null> {
  // A confirmed infection is lifelong: it counts whatever its age, once its date has come.
  const { profile, asOf } = await inputs(almanac);
  const screened = profile.serology?.hivAgAb;
  if (screened?.result === 'reactive' && screened.confirmed === true && dayNumber(screened.date) <= asOf) return 'confirmed';
  const { hivAgAb } = await currentSerology(params, almanac);
  if (hivAgAb === undefined) return null;
  if (hivAgAb['result'] === 'non-reactive') return 'non-reactive';
  return hivAgAb['confirmed'] === true ? 'confirmed' : undecided('confirmation-needed');
}

/** A current viral load (CMV, EBV DNA); detected, it is the site's to judge: undecided. */
async function viralLoad(params: Json, almanac: Almanac): Promise<Json | Undecided | null> {
  const load = (await currentSerology(params, almanac))[String(params['marker'])];
  if (load === undefined) return null;
  return load['detected'] === true ? undecided('site-review') : load;
}

/**
 * Trial consent as the criterion asks it. Asking for a signature: `signed` or `declined`, null while pending or
 * not reported, undecided when a minor signed alone. Asking only that nobody refused: the status as reported.
 * Either way a child's declined assent is undecided (the site's call).
 */
async function consent(params: Json, almanac: Almanac): Promise<string | Undecided | null> {
  const { profile, asOf } = await inputs(almanac);
  const given = profile.consent;
  if (given === undefined) return null;
  if (given.status === 'declined') return 'declined';
  if (given.assent === 'declined') return undecided('assent-declined');
  if (params['asks'] === 'no-refusal') return given.status;
  if (given.status === 'pending') return null;
  const birthDate = profile.demographics?.birthDate;
  const minor = birthDate !== undefined && dayNumber(birthDate) <= asOf && completedYears(birthDate, asOf) < Number(params['adultAgeYears']);
  return minor && given.signedBy === 'patient' ? undecided('guardian-needed') : 'signed';
}

// ---- operators --------------------------------------------------------------------------------------------

/** value ≤ multiple × limit, exactly, across units. */
function withinMultipleOf(fact: unknown, limit: MultipleLimit | null): boolean {
  const result = record(fact);
  const value = finiteNumber(result?.['value']);
  if (!limit || value === undefined) return false;
  const factor = canonicalFactor(limit.analyte, text(result?.['unit']) ?? '');
  const limitFactor = canonicalFactor(limit.analyte, limit.unit);
  if (factor === undefined || limitFactor === undefined) return false;
  return compareProducts([value, factor], [limit.multiple, limit.value, limitFactor]) <= 0;
}

// ---- rules ------------------------------------------------------------------------------------------------

const LAB_DAYS = P.labResultWindowDays.value;
const DISEASE_DAYS = P.diseaseAssessmentWindowDays.value;
const CLINICAL_DAYS = P.clinicalAssessmentWindowDays.value;
const SEROLOGY_DAYS = P.serologyWindowDays.value;

interface FactReference {
  readonly fact: string;
  readonly params?: Json;
}
interface Leaf extends FactReference {
  readonly operator: string;
  readonly value: unknown;
  readonly path?: string;
}
type Condition = Leaf | TopLevelCondition;

/** A part of a criterion, and the fact it reads (for "reported nothing" when it is weighed against another part). */
interface Part {
  readonly condition: Condition;
  readonly reads: FactReference;
}

const reportedNothing = (part: Part): Leaf => ({ ...part.reads, operator: 'equal', value: null });
/** Met unless the part is not met; unknown when it read data and could not decide. */
const notContradicted = (part: Part): Condition => ({ any: [part.condition, reportedNothing(part)] });
const corroborated = (parts: readonly Part[]): TopLevelCondition => ({
  all: [{ any: parts.map((part) => part.condition) }, ...parts.map(notContradicted)],
});
const attested = (statement: Part, ...evidence: readonly Part[]): TopLevelCondition => ({
  all: [statement.condition, ...evidence.map(notContradicted)],
});

const isCoded = (path: string, values: readonly string[], operator: 'equal' | 'in', value: string | readonly string[] | null): Leaf => ({
  fact: 'coded',
  params: { path, values },
  operator,
  value,
});
const condition = (path: string, currentWithinDays?: number, siteReviewsPresent?: boolean): FactReference => ({
  fact: 'reportedCondition',
  params: { path, ...(currentWithinDays === undefined ? {} : { currentWithinDays }), ...(siteReviewsPresent ? { siteReviewsPresent } : {}) },
});
const conditionIs = (path: string, status: 'absent' | 'present', currentWithinDays?: number, siteReviewsPresent?: boolean): Leaf => ({
  ...condition(path, currentWithinDays, siteReviewsPresent),
  operator: 'equal',
  value: status,
});
const statement = (path: string, currentWithinDays?: number): Part => ({
  condition: conditionIs(path, 'absent', currentWithinDays),
  reads: condition(path, currentWithinDays),
});
const blastsAbove = (specimen: string): Leaf => ({
  fact: 'latestResult',
  params: { path: 'blasts', where: { specimen }, valueKey: 'percent', dateKey: 'date', freshnessDays: DISEASE_DAYS },
  path: 'percent',
  operator: 'greaterThan',
  value: P.blastBurdenMinPercentExclusive.value,
});

/**
 * Within `multiple` × the lab's own ULN; without one, within `multiple` × the lowest ULN in clinical use (for any
 * lab), and above that unknown until the lab's ULN is sent.
 */
const withinUln = (path: string, analyte: Analyte, multiple: number, lowest: { value: number; unit: string }): Condition => {
  const lab = { fact: 'currentLab', params: { path, analyte, freshnessDays: LAB_DAYS } };
  const labUln = { fact: 'ulnLimit', params: { path, analyte, multiple, freshnessDays: LAB_DAYS } };
  return {
    any: [
      { ...lab, operator: 'withinMultipleOf', value: labUln },
      {
        all: [
          { ...labUln, operator: 'equal', value: null },
          { ...lab, operator: 'withinMultipleOf', value: { multiple, ...lowest, analyte } },
        ],
      },
    ],
  };
};

const serology = (fact: string, marker?: string): FactReference => ({
  fact,
  params: { freshnessDays: SEROLOGY_DAYS, ...(marker === undefined ? {} : { marker }) },
});
const serologyIn = (fact: string, clear: readonly string[]): Part => {
  const reads = serology(fact);
  return { condition: { ...reads, operator: 'in', value: clear }, reads };
};
const viralLoadUndetected = (marker: string): Part => {
  const reads = serology('viralLoad', marker);
  return { condition: { ...reads, path: 'detected', operator: 'equal', value: false }, reads };
};

const CONSENT = { adultAgeYears: P.guardianConsentUnderYears.value };
const DIAGNOSES = ['T-ALL', 'T-LBL', 'other'] as const;
const NYHA = ['I', 'II', 'III', 'IV'] as const;
const PERFORMANCE = P.performanceScaleEquivalence.value;
const QTC = {
  fact: 'qtc',
  params: {
    maxBySex: P.qtcMaxMs.value,
    childMax: P.qtcChildLimit.value.maxMs,
    childUnderYears: P.qtcChildLimit.value.underYears,
    freshnessDays: CLINICAL_DAYS,
  },
};
const performanceIs = (scale: string, operator: string, limit: number): TopLevelCondition => {
  const reads = { fact: 'performanceStatus', params: { lanskyUnderYears: PERFORMANCE.lanskyUnderYears, freshnessDays: CLINICAL_DAYS } };
  return { all: [{ ...reads, path: 'scale', operator: 'equal', value: scale }, { ...reads, path: 'score', operator, value: limit }] };
};
const extramedullaryDisease = P.extramedullaryDisease.value as 'site-review' | 'qualifies' | 'does-not-qualify';

const CRITERIA: Readonly<Record<string, TopLevelCondition>> = {
  'inc-consent': { all: [{ fact: 'consent', params: { ...CONSENT, asks: 'signature' }, operator: 'equal', value: 'signed' }] },
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
      // Measurable extramedullary disease, either lineage: with the site reviewing it, reported present it is undecided.
      ...(extramedullaryDisease === 'does-not-qualify'
        ? []
        : [conditionIs('diseaseStatus.extramedullaryDisease', 'present', DISEASE_DAYS, extramedullaryDisease === 'site-review')]),
    ],
  },
  'inc-cd7-expression': {
    all: [
      {
        fact: 'currentValues',
        params: { path: 'cd7', valueKey: 'percent', dateKey: 'date', freshnessDays: DISEASE_DAYS },
        operator: 'someFact:greaterThanInclusive',
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
    any: [
      performanceIs('ecog', 'lessThanInclusive', P.ecogMaxInclusive.value),
      performanceIs('karnofsky', 'greaterThanInclusive', PERFORMANCE.karnofskyMin),
      performanceIs('lansky', 'greaterThanInclusive', PERFORMANCE.lanskyMin),
    ],
  },
  'inc-age': {
    all: [
      { fact: 'ageInYears', params: P.ageRangeYearsInclusive.value, operator: 'greaterThanInclusive', value: P.ageRangeYearsInclusive.value.min },
      { fact: 'ageInYears', params: P.ageRangeYearsInclusive.value, operator: 'lessThanInclusive', value: P.ageRangeYearsInclusive.value.max },
    ],
  },
  'inc-hemoglobin': {
    all: [
      {
        fact: 'currentResult',
        params: {
          path: 'labs.hemoglobin',
          valueKey: 'value',
          dateKey: 'date',
          freshnessDays: LAB_DAYS,
          analyte: 'hemoglobin',
          ...(P.hemoglobinCorrectableByTransfusion.value
            ? { correctable: { flagKey: 'transfused', below: { value: P.hemoglobinMinInclusive.value, unit: 'g/L', analyte: 'hemoglobin' } } }
            : {}),
        },
        operator: 'quantityAtLeast',
        value: { value: P.hemoglobinMinInclusive.value, unit: 'g/L', analyte: 'hemoglobin' },
      },
    ],
  },
  'inc-liver-function': {
    all: [
      withinUln('labs.totalBilirubin', 'totalBilirubin', P.bilirubinMaxTimesUln.value, {
        value: P.lowestPlausibleUln.value.totalBilirubinUmolPerL,
        unit: 'umol/L',
      }),
      withinUln('labs.ast', 'aminotransferase', P.aminotransferaseMaxTimesUln.value, { value: P.lowestPlausibleUln.value.aminotransferaseUPerL, unit: 'U/L' }),
      withinUln('labs.alt', 'aminotransferase', P.aminotransferaseMaxTimesUln.value, { value: P.lowestPlausibleUln.value.aminotransferaseUPerL, unit: 'U/L' }),
    ],
  },
  'exc-declined-consent': {
    all: [{ fact: 'consent', params: { ...CONSENT, asks: 'no-refusal' }, operator: 'in', value: ['signed', 'pending'] }],
  },
  'exc-solid-organ-transplant': { all: [conditionIs('history.solidOrganTransplant', 'absent')] },
  'exc-cardiac': {
    all: [
      // Current AF: not reported absent, and not paroxysmal AF whose last episode is outside the window.
      {
        any: [
          { fact: 'atrialFibrillation', params: { months: P.paroxysmalAtrialFibrillationWindowMonths.value }, path: 'status', operator: 'equal', value: 'absent' },
          {
            all: [
              { fact: 'atrialFibrillation', params: { months: P.paroxysmalAtrialFibrillationWindowMonths.value }, path: 'pattern', operator: 'equal', value: 'paroxysmal' },
              {
                fact: 'atrialFibrillation',
                params: { months: P.paroxysmalAtrialFibrillationWindowMonths.value },
                path: 'windowEnd',
                operator: 'lessThan',
                value: { fact: 'asOfDay' },
              },
            ],
          },
        ],
      },
      {
        fact: 'eventWindowEnd',
        params: { path: 'cardiac.myocardialInfarction', months: P.myocardialInfarctionWindowMonths.value },
        operator: 'lessThan',
        value: { fact: 'asOfDay' },
      },
      corroborated([
        statement('cardiac.qtProlongation'),
        { condition: { ...QTC, path: 'value', operator: 'lessThanInclusive', value: { ...QTC, path: 'limit' } }, reads: QTC },
      ]),
      conditionIs('cardiac.pericardialEffusion', 'absent'),
      // NYHA III or IV: the class decides when sent; without it, no heart failure is clear.
      {
        any: [
          isCoded('cardiac.nyhaClass.value', NYHA, 'in', ['I', 'II']),
          { all: [isCoded('cardiac.nyhaClass.value', NYHA, 'equal', null), conditionIs('cardiac.heartFailure', 'absent')] },
        ],
      },
    ],
  },
  'exc-pulmonary': { all: [conditionIs('history.severePulmonaryDysfunction', 'absent')] },
  'exc-uncontrolled-infection': { all: [conditionIs('infections.uncontrolledInfection', 'absent', CLINICAL_DAYS)] },
  'exc-autoimmune-immunodeficiency': {
    all: [conditionIs('history.severeAutoimmuneDisease', 'absent'), conditionIs('history.congenitalImmunodeficiency', 'absent')],
  },
  'exc-active-hepatitis': attested(
    statement('infections.activeHepatitis', CLINICAL_DAYS),
    serologyIn('hepatitisB', ['resolved', 'never-infected', 'hbsag-negative']),
    serologyIn('hepatitisC', ['cleared', 'rna-negative', 'never-infected']),
  ),
  'exc-hiv': corroborated([statement('history.hivInfection'), serologyIn('hivScreen', ['non-reactive'])]),
  'exc-viral-infection': attested(
    statement('infections.significantViralInfection', CLINICAL_DAYS),
    viralLoadUndetected('cmvDna'),
    viralLoadUndetected('ebvDna'),
  ),
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
  readonly not?: EvaluatedNode;
  readonly result?: boolean;
  readonly value?: unknown;
  readonly factResult?: unknown;
  readonly valueResult?: unknown;
}

const isFactReference = (value: unknown): boolean => record(value)?.['fact'] !== undefined;
/** Nothing usable was reported, or what was read cannot decide. */
const decidesNothing = (value: unknown): boolean => value == null || isUndecided(value);

/**
 * Kleene logic over the evaluated tree: a leaf compared with a fact that decides nothing is unknown; a passing
 * leaf is met; a failed leaf whose fact decides nothing (or that was never evaluated) is unknown, else not met.
 */
export function outcomeOfTree(node: EvaluatedNode): Outcome {
  if (node.all) {
    const parts = node.all.map(outcomeOfTree);
    return parts.includes('not_met') ? 'not_met' : parts.every((p) => p === 'met') ? 'met' : 'unknown';
  }
  if (node.any) {
    const parts = node.any.map(outcomeOfTree);
    return parts.includes('met') ? 'met' : parts.every((p) => p === 'not_met') ? 'not_met' : 'unknown';
  }
  if (node.not) {
    const inner = outcomeOfTree(node.not);
    return inner === 'met' ? 'not_met' : inner === 'not_met' ? 'met' : 'unknown';
  }
  if (isFactReference(node.value) && decidesNothing(node.valueResult)) return 'unknown';
  if (node.result === true) return 'met';
  if (decidesNothing(node.factResult)) return 'unknown';
  return 'not_met';
}

export interface JsonRulesScreening {
  readonly verdict: Verdict;
  /** Each criterion's outcome as the engine's result reads it: exclusions `clear` / `excluded` / `unknown`. */
  readonly outcomes: ReadonlyMap<string, CriterionOutcome>;
}

const KIND = new Map<string, CriterionKind>(NCT05212584.criteria.map((c) => [c.id, c.kind]));
const SITE_VERIFIED = new Set(NCT05212584.criteria.filter((c) => c.siteVerified).map((c) => c.id));

const asRow = (kind: CriterionKind | undefined, outcome: Outcome): CriterionOutcome =>
  kind !== 'exclusion' || outcome === 'unknown' ? outcome : outcome === 'met' ? 'clear' : 'excluded';

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
  engine.addFact('currentValues', currentValues);
  engine.addFact('performanceStatus', performanceStatus);
  engine.addFact('ageInYears', ageInYears);
  engine.addFact('currentLab', currentLab);
  engine.addFact('ulnLimit', ulnLimit);
  engine.addFact('eventWindowEnd', eventWindowEnd);
  engine.addFact('atrialFibrillation', atrialFibrillation);
  engine.addFact('qtc', qtc);
  engine.addFact('hepatitisB', hepatitisB);
  engine.addFact('hepatitisC', hepatitisC);
  engine.addFact('hivScreen', hivScreen);
  engine.addFact('viralLoad', viralLoad);
  engine.addFact('consent', consent);
  engine.addOperator<unknown, QuantityLimit>('quantityAtLeast', (fact, limit) => (compareQuantity(fact, limit) ?? -1) >= 0);
  engine.addOperator<unknown, QuantityLimit>('quantityGreaterThan', (fact, limit) => (compareQuantity(fact, limit) ?? -1) > 0);
  engine.addOperator<unknown, MultipleLimit | null>('withinMultipleOf', withinMultipleOf);

  return async (profile, asOf) => {
    const { results, failureResults } = await engine.run({ profile, asOfDay: dayNumber(asOf) });
    const raw = new Map<string, Outcome>();
    for (const result of results) raw.set(result.name, 'met');
    for (const result of failureResults) raw.set(result.name, outcomeOfTree(result.conditions as EvaluatedNode));
    let anyNotMet = false;
    let allVerifiableMet = true;
    const outcomes = new Map<string, CriterionOutcome>();
    for (const id of Object.keys(CRITERIA)) {
      const outcome = raw.get(id) ?? 'unknown';
      outcomes.set(id, asRow(KIND.get(id), outcome));
      if (outcome === 'not_met') anyNotMet = true;
      else if (outcome === 'unknown' && !SITE_VERIFIED.has(id)) allVerifiableMet = false;
    }
    return { verdict: anyNotMet ? 'ineligible' : allVerifiableMet ? 'eligible' : 'potential', outcomes };
  };
}
