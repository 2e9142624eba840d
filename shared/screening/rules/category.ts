/** A coded value sorted into met / not met; any other value (`pending`, absent) is unknown. */
import type { CategoryRule } from '../../trial/definition.js';
import { asString, decided, missingData, pathReader, unknown, type Evaluator } from './evaluation.js';

export function categoryEvaluator(rule: CategoryRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const met = new Set(rule.met);
  const notMet = new Set(rule.notMet);
  const required = rule.met.join(' or ');
  return (profile) => {
    const value = asString(read(profile));
    if (value === undefined) return missingData(rule.label, rule.field, criterionId, rule.request);
    if (met.has(value)) return decided('met', `${rule.label}: ${value}`);
    if (notMet.has(value)) return decided('not_met', `${rule.label} is ${value}; ${required} required`);
    return unknown(`${rule.label} is ${value}; ${required} required`, {
      field: rule.field,
      criterionId,
      problem: 'incomplete',
      request: rule.request,
    });
  };
}
