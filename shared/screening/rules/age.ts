/** Age in completed years on the screening day, both bounds included ("Age 2-60 years old"). */
import type { AgeRule } from '../../trial/definition.js';
import { birthday, completedYears, dayNumber, isoDate } from '../calendar.js';
import { asString, decided, missingData, pathReader, request, unknown, type Evaluator } from './evaluation.js';

export function ageEvaluator(rule: AgeRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const { minYears: min, maxYears: max } = rule;
  return (profile, asOf) => {
    const birthDate = asString(read(profile));
    if (birthDate === undefined) return missingData(rule.subject, rule.field, criterionId, rule.need);
    if (dayNumber(birthDate) > asOf) {
      return unknown(
        { code: 'birth-date-after-screening', asOf: isoDate(asOf) },
        request(rule.field, criterionId, 'incomplete', rule.need, { check: birthDate }),
        dayNumber(birthDate),
      );
    }
    const years = completedYears(birthDate, asOf);
    if (years < min) return decided('not_met', { code: 'age', years, min, max, position: 'below' }, birthday(birthDate, min));
    // Over the limit, time can only make the patient older: nothing to review.
    if (years > max) return decided('not_met', { code: 'age', years, min, max, position: 'above' });
    // The day after the last birthday in range, the patient is too old: that is when this can change.
    return decided('met', { code: 'age', years, min, max, position: 'within' }, birthday(birthDate, max + 1));
  };
}
