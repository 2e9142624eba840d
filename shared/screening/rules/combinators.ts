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

/** The reasons of the parts marked in `keep`, in part order, in one list sized once. */
function keptReasons(results: readonly Evaluation[], keep: Uint8Array): Reason[] {
  let length = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i] !== KEEP_NOTHING) length += (results[i] as Evaluation).reasons.length;
  const kept = new Array<Reason>(length);
  let at = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] === KEEP_NOTHING) continue;
    const reasons = (results[i] as Evaluation).reasons;
    for (let r = 0; r < reasons.length; r++) kept[at++] = reasons[r] as Reason;
  }
  return kept;
}

/** The data requests of the parts marked KEEP_ALL, in part order; the shared empty list when there are none. */
function keptRequests(results: readonly Evaluation[], keep: Uint8Array): readonly DataRequest[] {
  let length = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i] === KEEP_ALL) length += (results[i] as Evaluation).missing.length;
  if (length === 0) return NO_REQUESTS;
  const kept = new Array<DataRequest>(length);
  let at = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] !== KEEP_ALL) continue;
    const missing = (results[i] as Evaluation).missing;
    for (let r = 0; r < missing.length; r++) kept[at++] = missing[r] as DataRequest;
  }
  return kept;
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
    // An outcome held up by several parts lasts until the last of them gives way: "not met" while any part fails
    // (all but anyOf), "met" while any part is met (anyOf). Otherwise any part's change may change it.
    const heldBy = outcome === 'not_met' && combinator !== 'anyOf' ? 'not_met' : outcome === 'met' && combinator === 'anyOf' ? 'met' : undefined;
    if (heldBy !== undefined) {
      let last: number | null = -Infinity;
      for (let index = 0; index < total; index++) {
        const result = results[index] as Evaluation;
        if (result.outcome !== heldBy) continue;
        last = last === null || result.changesOn === null ? null : Math.max(last, result.changesOn);
      }
      changesOn = last;
    }

    if (outcome !== 'unknown') {
      // The parts that decided it speak for it.
      for (let index = 0; index < total; index++) keep[index] = (results[index] as Evaluation).outcome === outcome ? KEEP_REASONS : KEEP_NOTHING;
      return { outcome, reasons: keptReasons(results, keep), missing: NO_REQUESTS, changesOn, observed: true };
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
