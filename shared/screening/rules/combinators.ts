/**
 * Kleene three-valued logic over rule outcomes, plus the two ways a physician's statement and measured data are
 * weighed together (`corroborated`, `attested`, see trial/definition.ts). A combined outcome keeps the reasons of
 * the parts that decided it, asks for the data of the parts still unknown, and may change as soon as any part may.
 */
import type { Reason } from '../reasons.js';
import type { DataRequest, Outcome } from '../result.js';
import { NO_REQUESTS, type Evaluation, type Evaluator } from './evaluation.js';

export type Combinator = 'allOf' | 'anyOf' | 'corroborated' | 'attested';

interface Tally {
  met: number;
  notMet: number;
  contested: number;
  firstMet: boolean;
}

function combinedOutcome(combinator: Combinator, tally: Tally, total: number): Outcome {
  switch (combinator) {
    case 'allOf':
      return tally.notMet > 0 ? 'not_met' : tally.met === total ? 'met' : 'unknown';
    case 'anyOf':
      return tally.met > 0 ? 'met' : tally.notMet === total ? 'not_met' : 'unknown';
    case 'corroborated':
      return tally.notMet > 0 ? 'not_met' : tally.contested > 0 ? 'unknown' : tally.met > 0 ? 'met' : 'unknown';
    case 'attested':
      return tally.notMet > 0 ? 'not_met' : tally.contested > 0 ? 'unknown' : tally.firstMet ? 'met' : 'unknown';
  }
}

const append = <T>(into: T[] | undefined, items: readonly T[]): T[] | undefined => {
  if (items.length === 0) return into;
  const list = into ?? [];
  for (const item of items) list.push(item);
  return list;
};

function joinedReasons(results: readonly Evaluation[]): Reason[] {
  let count = 0;
  for (const result of results) count += result.reasons.length;
  const joined = new Array<Reason>(count);
  let at = 0;
  for (const result of results) for (const reason of result.reasons) joined[at++] = reason;
  return joined;
}

export function combine(combinator: Combinator, parts: readonly Evaluator[]): Evaluator {
  const weighsStatements = combinator === 'corroborated' || combinator === 'attested';
  // The parts' evaluations of the current call. Reused across calls: evaluation is synchronous and a combinator
  // never runs inside itself, so one list per combinator spares an allocation per criterion per screening.
  const results: Evaluation[] = new Array<Evaluation>(parts.length);
  return (profile, asOf) => {
    const tally: Tally = { met: 0, notMet: 0, contested: 0, firstMet: false };
    let changesOn: number | null = null;
    for (let index = 0; index < parts.length; index++) {
      const result = (parts[index] as Evaluator)(profile, asOf);
      results[index] = result;
      if (result.outcome === 'met') {
        tally.met++;
        if (index === 0) tally.firstMet = true;
      } else if (result.outcome === 'not_met') tally.notMet++;
      else if (result.observed) tally.contested++;
      if (result.changesOn !== null && (changesOn === null || result.changesOn < changesOn)) changesOn = result.changesOn;
    }
    const outcome = combinedOutcome(combinator, tally, parts.length);
    // An outcome held up by several parts lasts until the last of them gives way: "not met" while any part fails
    // (all but anyOf), "met" while any part is met (anyOf). Otherwise any part's change may change it.
    const heldBy = outcome === 'not_met' && combinator !== 'anyOf' ? 'not_met' : outcome === 'met' && combinator === 'anyOf' ? 'met' : undefined;
    if (heldBy !== undefined) {
      let last: number | null = -Infinity;
      for (const result of results) {
        if (result.outcome !== heldBy) continue;
        last = last === null || result.changesOn === null ? null : Math.max(last, result.changesOn);
      }
      changesOn = last;
    }

    let reasons: Reason[] | undefined;
    let missing: DataRequest[] | undefined;
    if (outcome !== 'unknown') {
      // Met with every part met and one reason each (the common case): one list, sized once.
      if (outcome === 'met' && tally.met === parts.length) reasons = joinedReasons(results);
      else for (const result of results) if (result.outcome === outcome) reasons = append(reasons, result.reasons);
      return { outcome, reasons: reasons ?? [], missing: NO_REQUESTS, changesOn, observed: true };
    }

    if (weighsStatements && tally.contested > 0) {
      // Data was read and could not decide: say what was found on every side, ask only what would decide it.
      for (const result of results) {
        if (result.outcome === 'met') reasons = append(reasons, result.reasons);
        else if (result.observed) {
          reasons = append(reasons, result.reasons);
          missing = append(missing, result.missing);
        }
      }
    } else {
      for (let index = 0; index < results.length; index++) {
        const result = results[index] as Evaluation;
        // An unknown "any of" also shows what was found lacking, so the physician sees the whole picture.
        if (result.outcome === 'not_met') reasons = append(reasons, result.reasons);
        if (result.outcome !== 'unknown') continue;
        // Attested: the statement is what is asked for; missing serology or viral loads are never requested.
        if (combinator === 'attested' && index > 0) continue;
        reasons = append(reasons, result.reasons);
        missing = append(missing, result.missing);
      }
    }
    return { outcome, reasons: reasons ?? [], missing: missing ?? NO_REQUESTS, changesOn, observed: tally.contested > 0 };
  };
}
