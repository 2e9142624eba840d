/** Age in completed years on the screening day, both bounds included ("Age 2-60 years old"). */
import type { AgeRule } from '../../trial/definition.js';
import { birthday, completedYears, dayNumber, isoDate } from '../calendar.js';
import { asString, decided, missingData, pathReader, unknown, type Evaluator } from './evaluation.js';

export function ageEvaluator(rule: AgeRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const range = `${rule.minYears}-${rule.maxYears} years`;
  return (profile, asOf) => {
    const birthDate = asString(read(profile));
    if (birthDate === undefined) return missingData('date of birth', rule.field, criterionId, rule.request);
    if (dayNumber(birthDate) > asOf) {
      return unknown(`the date of birth is after the screening date ${isoDate(asOf)}`, {
        field: rule.field,
        criterionId,
        problem: 'incomplete',
        request: 'check the date of birth',
      }, dayNumber(birthDate));
    }
    const years = completedYears(birthDate, asOf);
    if (years < rule.minYears) {
      return decided('not_met', `age ${years} is below ${range}`, birthday(birthDate, rule.minYears));
    }
    if (years > rule.maxYears) return decided('not_met', `age ${years} is above ${range}`);
    // The day after the last birthday in range, the patient is too old: that is when this can change.
    return decided('met', `age ${years} is within ${range}`, birthday(birthDate, rule.maxYears + 1));
  };
}
