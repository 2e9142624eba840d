/**
 * "Cardiac insufficiency NYHA III or IV": the NYHA class decides when sent. Without it, a patient reported free of
 * heart failure is clear (no NYHA class is asked for), one with heart failure needs the class, and otherwise the
 * question is whether there is heart failure at all.
 */
import type { HeartFailureRule } from '#trial/definition.js';
import { asRecord, asString, decided, missingData, request, undecided, type Evaluator } from './evaluation.js';
import type { ProfileFields } from './profile-fields.js';

export function heartFailureEvaluator(rule: HeartFailureRule, criterionId: string, fields: ProfileFields): Evaluator {
  const read = fields.reader(rule.field);
  const readNyha = fields.reader(rule.nyhaField);
  const excluded = new Set(rule.excludedClasses);
  return (values) => {
    const nyha = asString(readNyha(values));
    if (nyha !== undefined) return decided(excluded.has(nyha) ? 'not_met' : 'met', { code: 'category', subject: 'nyhaClass', value: nyha });
    const heartFailure = asRecord(read(values));
    const status = heartFailure ? asString(heartFailure['status']) : undefined;
    if (status === 'absent') {
      const assessedOn = heartFailure ? asString(heartFailure['assessedOn']) : undefined;
      return decided('met', assessedOn === undefined ? { code: 'no-heart-failure' } : { code: 'no-heart-failure', assessedOn });
    }
    if (status === 'present') {
      return undecided([{ code: 'heart-failure-without-class' }], request(rule.nyhaField, criterionId, 'incomplete', rule.nyhaNeed));
    }
    return missingData(rule.subject, rule.field, criterionId, rule.need);
  };
}
