/**
 * The screening engine: a pure function from (profile, trial, screening date) to a result that says, criterion
 * by criterion, met / not met / unknown and why, what data is missing, the verdict, a rank score, and the first
 * day the verdict could change with no new data. No I/O, no clock.
 */
import type { PatientProfile } from '../profile/schema.js';
import type { CriterionDefinition, TrialDefinition } from '../trial/definition.js';
import { dayNumber, isoDate } from './calendar.js';
import { compileRule } from './compile.js';
import type { CriterionResult, DataRequest, ScreeningResult, Verdict } from './result.js';
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

/**
 * `eligible`: every criterion met except site-verified ones; `ineligible`: any criterion not met (a site-verified
 * refusal included); otherwise `potential`. The score ranks candidates: 0 when ineligible, else the share of
 * physician-verifiable criteria already met, in percent with one decimal (100 = eligible).
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

  for (const { definition, evaluate } of compiledCriteria(trial)) {
    const evaluation = evaluate(profile, today);
    criteria.push({
      id: definition.id,
      kind: definition.kind,
      text: definition.text,
      outcome: evaluation.outcome,
      reason: evaluation.reason,
      siteVerified: definition.siteVerified,
      missing: evaluation.missing,
    });
    if (evaluation.outcome === 'not_met') anyNotMet = true;
    if (!definition.siteVerified) {
      verifiable++;
      if (evaluation.outcome === 'met') verifiableMet++;
    }
    for (const request of evaluation.missing) if (!missingData.some((seen) => seen.field === request.field)) missingData.push(request);
    const changesOn = evaluation.changesOn;
    if (changesOn !== null && changesOn > today && (reviewDay === null || changesOn < reviewDay)) reviewDay = changesOn;
  }

  const verdict: Verdict = anyNotMet ? 'ineligible' : verifiableMet === verifiable ? 'eligible' : 'potential';
  return {
    trialId: trial.id,
    criteriaVersion: trial.criteriaVersion,
    asOf,
    verdict,
    score: verdict === 'ineligible' ? 0 : verifiable === 0 ? 100 : Math.round((verifiableMet * 1000) / verifiable) / 10,
    criteria,
    missingData,
    reviewAt: reviewDay === null ? null : isoDate(reviewDay),
  };
}
