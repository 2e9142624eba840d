/** A coded value sorted into met / not met; any other value (`pending`, absent) is unknown. */
import type { CategoryRule } from '#trial/definition.js';
import { asString, constant, decided, missingData, request, unknown, type Evaluation, type Evaluator } from './evaluation.js';
import type { ProfileFields } from './profile-fields.js';

export function categoryEvaluator(rule: CategoryRule, criterionId: string, fields: ProfileFields): Evaluator {
  const read = fields.reader(rule.field);
  // Every answer depends on the value alone: one shared evaluation per value, built once.
  const answers = new Map<string, Evaluation>();
  for (const value of rule.met) answers.set(value, constant(decided('met', { code: 'category', subject: rule.subject, value })));
  for (const value of rule.notMet) answers.set(value, constant(decided('not_met', { code: 'category', subject: rule.subject, value })));
  const none = constant(missingData(rule.subject, rule.field, criterionId, rule.need));
  return (values) => {
    const value = asString(read(values));
    if (value === undefined) return none;
    return (
      answers.get(value) ??
      unknown({ code: 'category', subject: rule.subject, value }, request(rule.field, criterionId, 'incomplete', rule.need))
    );
  };
}
