/**
 * Kleene three-valued logic over rule outcomes, plus the two ways a physician's statement and measured data are
 * weighed together (`corroborated`, `attested`, see trial/definition.ts). A combined outcome keeps the reasons of
 * the parts that decided it, asks for the data of the parts still unknown, and may change as soon as any part may.
 */
import type { Reason } from '../reasons.js';
import type { DataRequest, Outcome } from '../result.js';
import { NO_REQUESTS, type Evaluation, type Evaluator } from './evaluation.js';

export type Combinator = 'allOf' | 'anyOf' | 'corroborated' | 'attested';

function combinedOutcome(combinator: Combinator, met: number, notMet: number, contested: number, firstMet: boolean, total: number): Outcome {
  switch (combinator) {
    case 'allOf':
      return notMet > 0 ? 'not_met' : met === total ? 'met' : 'unknown';
    case 'anyOf':
      return met > 0 ? 'met' : notMet === total ? 'not_met' : 'unknown';
    case 'corroborated':
      return notMet > 0 ? 'not_met' : contested > 0 ? 'unknown' : met > 0 ? 'met' : 'unknown';
    case 'attested':
      return notMet > 0 ? 'not_met' : contested > 0 ? 'unknown' : firstMet ? 'met' : 'unknown';
  }
}

/** What a combined evaluation keeps of a part: nothing, its reasons, or its reasons and its data requests. */
const KEEP_NOTHING = 0;
const KEEP_REASONS = 1;
const KEEP_ALL = 2;

/**
 * The reasons of the parts marked in `keep`, in part order, in one list sized once; when one part alone has any,
 * its own list, unchanged (lists in results are read-only and shared).
 */
function keptReasons(results: readonly Evaluation[], keep: Uint8Array): readonly Reason[] {
  let length = 0;
  let lastWithReasons = -1;
  let partsWithReasons = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] === KEEP_NOTHING) continue;
    const count = (results[i] as Evaluation).reasons.length;
    if (count === 0) continue;
    length += count;
    lastWithReasons = i;
    partsWithReasons++;
  }
  if (partsWithReasons === 1) return (results[lastWithReasons] as Evaluation).reasons;
  const kept = new Array<Reason>(length);
  let at = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] === KEEP_NOTHING) continue;
    const reasons = (results[i] as Evaluation).reasons;
    for (let r = 0; r < reasons.length; r++) kept[at++] = reasons[r] as Reason;
  }
  return kept;
}

/** The data requests of the parts marked KEEP_ALL, in part order; a part's own list when it alone has any. */
function keptRequests(results: readonly Evaluation[], keep: Uint8Array): readonly DataRequest[] {
  let length = 0;
  let lastWithRequests = -1;
  let partsWithRequests = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] !== KEEP_ALL) continue;
    const count = (results[i] as Evaluation).missing.length;
    if (count === 0) continue;
    length += count;
    lastWithRequests = i;
    partsWithRequests++;
  }
  if (partsWithRequests === 0) return NO_REQUESTS;
  if (partsWithRequests === 1) return (results[lastWithRequests] as Evaluation).missing;
  const kept = new Array<DataRequest>(length);
  let at = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] !== KEEP_ALL) continue;
    const missing = (results[i] as Evaluation).missing;
    for (let r = 0; r < missing.length; r++) kept[at++] = missing[r] as DataRequest;
  }
  return kept;
}

/** The day the last of the parts holding `outcome` can give way; null when one of them never can. */
function lastChange(results: readonly Evaluation[], outcome: Outcome): number | null {
  let last: number | null = -Infinity;
  for (let index = 0; index < results.length; index++) {
    const result = results[index] as Evaluation;
    if (result.outcome !== outcome) continue;
    last = last === null || result.changesOn === null ? null : Math.max(last, result.changesOn);
  }
  return last;
}

/**
 * A decided combination: the parts that reached its outcome speak for it, in part order. Often one part decides
 * alone (an anyOf met by one specimen, an allOf failed by one test): then its evaluation already says everything the
 * combination would, and is returned as it is, or lends its reasons list unchanged.
 */
function decidedByParts(results: readonly Evaluation[], outcome: 'met' | 'not_met', deciders: number, changesOn: number | null): Evaluation {
  if (deciders === 1) {
    let only = results[0] as Evaluation;
    for (let index = 1; only.outcome !== outcome; index++) only = results[index] as Evaluation;
    if (only.changesOn === changesOn && only.missing === NO_REQUESTS && only.observed) return only;
    return { outcome, reasons: only.reasons, missing: NO_REQUESTS, changesOn, observed: true };
  }
  let length = 0;
  for (let index = 0; index < results.length; index++) {
    const result = results[index] as Evaluation;
    if (result.outcome === outcome) length += result.reasons.length;
  }
  const reasons = new Array<Reason>(length);
  let at = 0;
  for (let index = 0; index < results.length; index++) {
    const result = results[index] as Evaluation;
    if (result.outcome !== outcome) continue;
    for (let r = 0; r < result.reasons.length; r++) reasons[at++] = result.reasons[r] as Reason;
  }
  return { outcome, reasons, missing: NO_REQUESTS, changesOn, observed: true };
}

/**
 * Written for speed (half the criteria are combinations): counters in locals, indexed loops, and lists built only
 * for what the combined evaluation keeps.
 */
export function combine(combinator: Combinator, parts: readonly Evaluator[]): Evaluator {
  const weighsStatements = combinator === 'corroborated' || combinator === 'attested';
  const total = parts.length;
  // The parts' evaluations of the current call. Reused across calls: evaluation is synchronous and a combinator
  // never runs inside itself, so one list per combinator spares an allocation per criterion per screening.
  const results: Evaluation[] = new Array<Evaluation>(total);
  const keep = new Uint8Array(total);
  return (values, asOf) => {
    let met = 0;
    let notMet = 0;
    let contested = 0;
    let firstMet = false;
    let changesOn: number | null = null;
    for (let index = 0; index < total; index++) {
      const result = (parts[index] as Evaluator)(values, asOf);
      results[index] = result;
      if (result.outcome === 'met') {
        met++;
        if (index === 0) firstMet = true;
      } else if (result.outcome === 'not_met') notMet++;
      else if (result.observed) contested++;
      if (result.changesOn !== null && (changesOn === null || result.changesOn < changesOn)) changesOn = result.changesOn;
    }
    const outcome = combinedOutcome(combinator, met, notMet, contested, firstMet, total);
    if (outcome !== 'unknown') {
      // An outcome held up by several parts lasts until the last of them gives way: "not met" while any part fails
      // (all but anyOf), "met" while any part is met (anyOf). Otherwise any part's change may change it.
      const held = outcome === 'not_met' ? combinator !== 'anyOf' : combinator === 'anyOf';
      if (held) changesOn = lastChange(results, outcome);
      return decidedByParts(results, outcome, outcome === 'met' ? met : notMet, changesOn);
    }

    if (weighsStatements && contested > 0) {
      // Data was read and could not decide: say what was found on every side, ask only what would decide it.
      for (let index = 0; index < total; index++) {
        const result = results[index] as Evaluation;
        keep[index] = result.outcome === 'met' ? KEEP_REASONS : result.observed ? KEEP_ALL : KEEP_NOTHING;
      }
    } else {
      for (let index = 0; index < total; index++) {
        const result = results[index] as Evaluation;
        // An unknown "any of" also shows what was found lacking, so the physician sees the whole picture.
        // Attested: the statement is what is asked for; missing serology or viral loads are never requested.
        keep[index] =
          result.outcome === 'not_met' ? KEEP_REASONS : result.outcome === 'unknown' && !(combinator === 'attested' && index > 0) ? KEEP_ALL : KEEP_NOTHING;
      }
    }
    return { outcome, reasons: keptReasons(results, keep), missing: keptRequests(results, keep), changesOn, observed: contested > 0 };
  };
}
