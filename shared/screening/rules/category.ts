/** A coded value sorted into met / not met; any other value (`pending`, absent) is unknown. */
import type { CategoryRule } from '../../trial/definition.js';
import { asString, decided, missingData, pathReader, request, unknown, type Evaluator } from './evaluation.js';

export function categoryEvaluator(rule: CategoryRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const met = new Set(rule.met);
  const notMet = new Set(rule.notMet);
  return (profile) => {
    const value = asString(read(profile));
    if (value === undefined) return missingData(rule.subject, rule.field, criterionId, rule.need);
    const reason = { code: 'category', subject: rule.subject, value } as const;
    if (met.has(value)) return decided('met', reason);
    if (notMet.has(value)) return decided('not_met', reason);
    return unknown(reason, request(rule.field, criterionId, 'incomplete', rule.need));
  };
}
