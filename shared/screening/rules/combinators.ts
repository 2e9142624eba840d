/**
 * Kleene three-valued logic over rule outcomes. A combined outcome keeps the reasons of the parts that decided
 * it, asks for the data of the parts still unknown, and may change as soon as any part may.
 */
import type { DataRequest, Outcome } from '../result.js';
import type { Evaluation, Evaluator } from './evaluation.js';

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

export function combine(combinator: Combinator, parts: readonly Evaluator[]): Evaluator {
  return (profile, asOf) => {
    const results: Evaluation[] = [];
    let met = 0;
    let notMet = 0;
    let changesOn: number | null = null;
    for (const part of parts) {
      const result = part(profile, asOf);
      results.push(result);
      if (result.outcome === 'met') met++;
      else if (result.outcome === 'not_met') notMet++;
      if (result.changesOn !== null && (changesOn === null || result.changesOn < changesOn)) changesOn = result.changesOn;
    }
    const outcome = combinedOutcome(combinator, met, notMet, parts.length);
    // An unknown "any of" also shows what was found lacking, so the physician sees the whole picture.
    const alsoExplains = outcome === 'unknown' && combinator === 'anyOf' ? 'not_met' : outcome;
    let reason = '';
    const missing: DataRequest[] = [];
    for (const result of results) {
      if (result.outcome === outcome || result.outcome === alsoExplains) reason = reason === '' ? result.reason : `${reason}; ${result.reason}`;
      if (outcome === 'unknown') for (const request of result.missing) missing.push(request);
    }
    return { outcome, reason, missing, changesOn };
  };
}
