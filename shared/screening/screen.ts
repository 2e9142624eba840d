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

interface CompiledCriterion {
  readonly definition: CriterionDefinition;
  readonly evaluate: Evaluator;
}

/** Compiled once per definition object: rules are data, evaluators are closures built from it. */
const compiled = new WeakMap<TrialDefinition, readonly CompiledCriterion[]>();

function compiledCriteria(trial: TrialDefinition): readonly CompiledCriterion[] {
  let criteria = compiled.get(trial);
  if (!criteria) {
    criteria = trial.criteria.map((definition) => ({ definition, evaluate: compileRule(definition.rule, definition.id) }));
    compiled.set(trial, criteria);
  }
  return criteria;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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
 */
export function screen(profile: PatientProfile, trial: TrialDefinition, asOf: string): ScreeningResult {
  if (!ISO_DATE.test(asOf) || Number.isNaN(dayNumber(asOf))) throw new RangeError(`asOf must be YYYY-MM-DD, got ${asOf}`);
  const today = dayNumber(asOf);
  const criteria: CriterionResult[] = [];
  const missingData: DataRequest[] = [];
  let anyNotMet = false;
  let verifiable = 0;
  let verifiableMet = 0;
  let reviewDay: number | null = null;
  /** The day every failing criterion can have stopped failing; null once one never can. */
  let recoveryDay: number | null = today;

  for (const { definition, evaluate } of compiledCriteria(trial)) {
    const evaluation = evaluate(profile, today);
    criteria.push({
      id: definition.id,
      kind: definition.kind,
      text: definition.text,
      outcome: outcomeFor(definition.kind, evaluation.outcome),
      reasons: evaluation.reasons,
      siteVerified: definition.siteVerified,
      missing: evaluation.missing,
    });
    const changesOn = evaluation.changesOn !== null && evaluation.changesOn > today ? evaluation.changesOn : null;
    if (evaluation.outcome === 'not_met') {
      anyNotMet = true;
      recoveryDay = recoveryDay === null || changesOn === null ? null : Math.max(recoveryDay, changesOn);
    }
    if (!definition.siteVerified) {
      verifiable++;
      if (evaluation.outcome === 'met') verifiableMet++;
    }
    // Each field is asked for once, by the first criterion that needs it (a handful of fields: a scan beats a Set).
    for (const request of evaluation.missing) {
      let asked = false;
      for (const seen of missingData) {
        if (seen.field === request.field) {
          asked = true;
          break;
        }
      }
      if (!asked) missingData.push(request);
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
