/**
 * The screening engine: a pure function from (profile, trial, screening date) to a result that says, criterion
 * by criterion, met / not met / unknown and why, what data is missing, the verdict, a rank score, and the first
 * day the verdict could change with no new data. No I/O, no clock.
 */
import type { PatientProfile } from '#profile/schema.js';
import type { CriterionDefinition, TrialDefinition } from '#trial/definition.js';
import { dayNumber, isoDate } from './calendar.js';
import { compileRule } from './compile.js';
import type { CriterionOutcome, CriterionResult, DataRequest, Outcome, ScreeningResult, Verdict } from './result.js';
import type { Evaluator } from './rules/evaluation.js';
import { ProfileFields } from './rules/profile-fields.js';

interface CompiledCriterion {
  readonly definition: CriterionDefinition;
  readonly evaluate: Evaluator;
}

interface CompiledTrial {
  readonly criteria: readonly CompiledCriterion[];
  /** Every profile field the criteria read, read once per screening. */
  readonly fields: ProfileFields;
  /**
   * For asking for each field once: a number per requested field, and the screening that last asked for it.
   * Cheaper than comparing every request with every earlier one when many are missing.
   */
  readonly fieldNumbers: Map<string, number>;
  readonly askedIn: number[];
  screenings: number;
  /** The last screening day seen and its day number: a batch or a rescreening run screens many on one day. */
  lastAsOf: string;
  lastToday: number;
}

/** Compiled once per definition object: rules are data, evaluators are closures built from it. */
const compiled = new WeakMap<TrialDefinition, CompiledTrial>();

/** The trial screened last: a service screens one trial, so this spares the WeakMap lookup on almost every call. */
let lastTrial: TrialDefinition | undefined;
let lastCompiled: CompiledTrial | undefined;

function compiledTrial(trial: TrialDefinition): CompiledTrial {
  if (trial === lastTrial && lastCompiled !== undefined) return lastCompiled;
  let entry = compiled.get(trial);
  if (!entry) {
    const fields = new ProfileFields();
    const criteria = trial.criteria.map((definition) => ({ definition, evaluate: compileRule(definition.rule, definition.id, fields) }));
    entry = { criteria, fields, fieldNumbers: new Map(), askedIn: [], screenings: 0, lastAsOf: '', lastToday: Number.NaN };
    compiled.set(trial, entry);
  }
  lastTrial = trial;
  lastCompiled = entry;
  return entry;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The screening day's number, checked once per distinct day rather than once per profile. */
function screeningDay(entry: CompiledTrial, asOf: string): number {
  if (asOf === entry.lastAsOf) return entry.lastToday;
  if (!ISO_DATE.test(asOf) || Number.isNaN(dayNumber(asOf))) throw new RangeError(`asOf must be YYYY-MM-DD, got ${asOf}`);
  entry.lastToday = dayNumber(asOf);
  entry.lastAsOf = asOf;
  return entry.lastToday;
}

/** How a row reads: an exclusion the patient is clear of says `clear`, never `met`. */
function outcomeFor(kind: CriterionDefinition['kind'], outcome: Outcome): CriterionOutcome {
  if (kind === 'inclusion' || outcome === 'unknown') return outcome;
  return outcome === 'met' ? 'clear' : 'excluded';
}

/**
 * `eligible`: every criterion met except site-verified ones; `ineligible`: any criterion not met (a site-verified
 * refusal included); otherwise `potential`. The score ranks candidates: 0 when ineligible, else the share of
 * physician-verifiable criteria already met, in percent with one decimal (100 = eligible).
 *
 * `reviewAt` is the first day any outcome can change with no new data; `rescreenAt` the first day the verdict can:
 * for an ineligible patient, the day the last of its failing criteria can stop failing, or never when one of
 * them cannot (over the age limit).
 *
 * Written for speed (it runs for every referral, every edit and every rescreening): indexed loops, no iterators.
 */
export function screen(profile: PatientProfile, trial: TrialDefinition, asOf: string): ScreeningResult {
  const entry = compiledTrial(trial);
  const today = screeningDay(entry, asOf);
  const compiledCriteria = entry.criteria;
  const values = entry.fields.read(profile);
  const { fieldNumbers, askedIn } = entry;
  const screening = ++entry.screenings;
  const criteria = new Array<CriterionResult>(compiledCriteria.length);
  const missingData: DataRequest[] = [];
  let anyNotMet = false;
  let verifiable = 0;
  let verifiableMet = 0;
  let reviewDay: number | null = null;
  /** The day every failing criterion can have stopped failing; null once one never can. */
  let recoveryDay: number | null = today;

  for (let c = 0; c < compiledCriteria.length; c++) {
    const { definition, evaluate } = compiledCriteria[c] as CompiledCriterion;
    const evaluation = evaluate(values, today);
    criteria[c] = {
      id: definition.id,
      kind: definition.kind,
      text: definition.text,
      outcome: outcomeFor(definition.kind, evaluation.outcome),
      reasons: evaluation.reasons,
      siteVerified: definition.siteVerified,
      missing: evaluation.missing,
    };
    const changesOn = evaluation.changesOn !== null && evaluation.changesOn > today ? evaluation.changesOn : null;
    if (evaluation.outcome === 'not_met') {
      anyNotMet = true;
      recoveryDay = recoveryDay === null || changesOn === null ? null : Math.max(recoveryDay, changesOn);
    }
    if (!definition.siteVerified) {
      verifiable++;
      if (evaluation.outcome === 'met') verifiableMet++;
    }
    // Each field is asked for once, by the first criterion that needs it.
    const requests = evaluation.missing;
    for (let r = 0; r < requests.length; r++) {
      const request = requests[r] as DataRequest;
      let number = fieldNumbers.get(request.field);
      if (number === undefined) {
        number = fieldNumbers.size;
        fieldNumbers.set(request.field, number);
        askedIn.push(0);
      }
      if (askedIn[number] === screening) continue;
      askedIn[number] = screening;
      missingData.push(request);
    }
    if (changesOn !== null && (reviewDay === null || changesOn < reviewDay)) reviewDay = changesOn;
  }

  const verdict: Verdict = anyNotMet ? 'ineligible' : verifiableMet === verifiable ? 'eligible' : 'potential';
  const rescreenDay = anyNotMet ? recoveryDay : reviewDay;
  return {
    trialId: trial.id,
    criteriaVersion: trial.criteriaVersion,
    asOf,
    verdict,
    score: verdict === 'ineligible' ? 0 : verifiable === 0 ? 100 : Math.round((verifiableMet * 1000) / verifiable) / 10,
    criteria,
    missingData,
    reviewAt: reviewDay === null ? null : isoDate(reviewDay),
    rescreenAt: rescreenDay === null ? null : isoDate(rescreenDay),
  };
}
