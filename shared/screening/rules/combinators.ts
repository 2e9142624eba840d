/**
 * Kleene three-valued logic over rule outcomes. A combined outcome keeps the reasons of the parts that decided
 * it, asks for the data of the parts still unknown, and may change as soon as any part may.
 */
import type { DataRequest, Outcome } from '../result.js';
import type { Evaluator } from './evaluation.js';

const NONE: readonly DataRequest[] = [];

export type Combinator = 'allOf' | 'anyOf' | 'corroborated';

function combinedOutcome(combinator: Combinator, met: number, notMet: number, total: number): Outcome {
  switch (combinator) {
    case 'allOf':
      return notMet > 0 ? 'not_met' : met === total ? 'met' : 'unknown';
    case 'anyOf':
      return met > 0 ? 'met' : notMet === total ? 'not_met' : 'unknown';
    case 'corroborated':
      return notMet > 0 ? 'not_met' : met > 0 ? 'met' : 'unknown';
  }
}

const join = (left: string, right: string) => (left === '' ? right : `${left}; ${right}`);

export function combine(combinator: Combinator, parts: readonly Evaluator[]): Evaluator {
  return (profile, asOf) => {
    // One pass, no intermediate list: this runs for every combined criterion of every screening.
    let met = 0;
    let notMet = 0;
    let changesOn: number | null = null;
    let metReasons = '';
    let notMetReasons = '';
    let unknownReasons = '';
    let missing: DataRequest[] | undefined;
    for (const part of parts) {
      const result = part(profile, asOf);
      if (result.outcome === 'met') {
        met++;
        metReasons = join(metReasons, result.reason);
      } else if (result.outcome === 'not_met') {
        notMet++;
        notMetReasons = join(notMetReasons, result.reason);
      } else {
        unknownReasons = join(unknownReasons, result.reason);
        missing ??= [];
        for (const request of result.missing) missing.push(request);
      }
      if (result.changesOn !== null && (changesOn === null || result.changesOn < changesOn)) changesOn = result.changesOn;
    }
    const outcome = combinedOutcome(combinator, met, notMet, parts.length);
    if (outcome !== 'unknown') return { outcome, reason: outcome === 'met' ? metReasons : notMetReasons, missing: NONE, changesOn };
    // An unknown "any of" also shows what was found lacking, so the physician sees the whole picture.
    const reason = combinator === 'anyOf' && notMetReasons !== '' ? join(notMetReasons, unknownReasons) : unknownReasons;
    return { outcome, reason, missing: missing ?? NONE, changesOn };
  };
}
