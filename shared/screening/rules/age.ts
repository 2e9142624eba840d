/** Age in completed years on the screening day, both bounds included ("Age 2-60 years old"). */
import type { AgeRule } from '#trial/definition.js';
import { birthday, completedYears, dayNumber, isoDate } from '../calendar.js';
import { asRecord, asString, decided, missingData, request, unknown, type Evaluation, type Evaluator } from './evaluation.js';
import type { ProfileFields } from './profile-fields.js';

export function ageEvaluator(rule: AgeRule, criterionId: string, fields: ProfileFields): Evaluator {
  const read = fields.reader(rule.field);
  const readRange = rule.rangeField === undefined ? undefined : fields.reader(rule.rangeField);
  const { minYears: min, maxYears: max } = rule;
  return (values, asOf) => {
    const birthDate = asString(read(values));
    if (birthDate === undefined) {
      const range = readRange ? asRecord(readRange(values)) : undefined;
      const earliest = asString(range?.['earliest']);
      const latest = asString(range?.['latest']);
      if (earliest !== undefined && latest !== undefined) return ageFromRange(earliest, latest, asOf);
      return missingData(rule.subject, rule.field, criterionId, rule.need);
    }
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

  /**
   * A birth date known to the year or month: the youngest the patient can be is from the latest possible day of
   * birth, the oldest from the earliest. Decided when both agree; on a boundary, the full date is asked for.
   */
  function ageFromRange(earliest: string, latest: string, asOf: number): Evaluation {
    if (dayNumber(earliest) > asOf) {
      return unknown({ code: 'birth-date-after-screening', asOf: isoDate(asOf) }, request(rule.field, criterionId, 'incomplete', rule.need), dayNumber(earliest));
    }
    const oldest = completedYears(earliest, asOf);
    const youngest = dayNumber(latest) > asOf ? 0 : completedYears(latest, asOf);
    const reason = (position: 'below' | 'within' | 'above' | 'boundary') => ({ code: 'age-range', youngest, oldest, min, max, position }) as const;
    if (oldest < min) return decided('not_met', reason('below'), birthday(earliest, min));
    if (youngest > max) return decided('not_met', reason('above'));
    if (youngest >= min && oldest <= max) return decided('met', reason('within'), birthday(earliest, max + 1));
    // On a boundary: it resolves itself once even the youngest possible patient is past it.
    const resolvesOn = youngest < min ? birthday(latest, min) : birthday(latest, max + 1);
    return unknown(reason('boundary'), request(rule.field, criterionId, 'incomplete', rule.need), resolvesOn);
  }
}
