/**
 * A lab value against a multiple of the reporting lab's own upper limit of normal ("does not exceed 3 times").
 * Decided exactly in decimal: 3.6 mg/dL with a ULN of 1.2 mg/dL is exactly 3 times, and qualifies. Without the
 * lab's ULN, a value within the multiple of even the lowest plausible ULN qualifies for any lab (said so); only
 * a higher value needs the lab's ULN.
 */
import type { UlnMultipleRule } from '#trial/definition.js';
import { dayNumber } from '../calendar.js';
import { compareScaled } from './comparison.js';
import {
  asNumber,
  asRecord,
  asString,
  constant,
  constantRequest,
  decided,
  missingData,
  notCurrent,
  request,
  undecided,
  unknown,
  type Evaluator,
} from './evaluation.js';
import { unitFactors } from './unit-factors.js';
import type { ProfileFields } from './profile-fields.js';

/** Written for speed (three criteria parts of every screening): what depends on the rule alone is built once. */
export function ulnMultipleEvaluator(rule: UlnMultipleRule, criterionId: string, fields: ProfileFields): Evaluator {
  const read = fields.reader(rule.field);
  const ulnField = `${rule.field}.upperLimitOfNormal`;
  const { subject, maxMultiple } = rule;
  const window = rule.freshnessDays;
  const factors = unitFactors(rule.analyte);
  const floor = rule.lowestPlausibleUln;
  const floorFactor = floor ? factors.get(floor.unit) : undefined;
  if (floor && floorFactor === undefined) throw new Error(`${criterionId}: ${floor.unit} is not a unit of ${rule.analyte}`);
  const none = constant(missingData(subject, rule.field, criterionId, rule.need, window));
  const unsupportedRequest = constantRequest(request(rule.field, criterionId, 'incomplete', rule.need, { windowDays: window }));
  const ulnRequest = constantRequest(request(ulnField, criterionId, 'incomplete', rule.ulnNeed));

  return (values, asOf) => {
    const result = asRecord(read(values));
    if (!result) return none;
    const value = asNumber(result['value']);
    const date = asString(result['date']);
    if (value === undefined || date === undefined) return none;
    const day = dayNumber(date);
    if (day > asOf) return notCurrent({ state: 'future', currentFrom: day }, subject, date, window, asOf, rule.field, criterionId, rule.need);
    const staleFrom = day + window + 1;
    if (asOf >= staleFrom) return notCurrent({ state: 'stale' }, subject, date, window, asOf, rule.field, criterionId, rule.need);
    const unit = asString(result['unit']) ?? '';
    const valueFactor = factors.get(unit);
    if (valueFactor === undefined) return unknown({ code: 'unit-unsupported', subject, unit }, unsupportedRequest);
    const measured = { value, unit };
    const limit = asRecord(result['upperLimitOfNormal']);
    const limitValue = limit ? asNumber(limit['value']) : undefined;
    const limitUnit = limit ? (asString(limit['unit']) ?? '') : '';
    const limitFactor = factors.get(limitUnit);
    if (limitValue === undefined || limitFactor === undefined || limitValue === 0) {
      if (floor && floorFactor !== undefined && compareScaled(value, valueFactor, floor.value, floorFactor, maxMultiple) <= 0) {
        return decided(
          'met',
          { code: 'uln-assumed', subject, measured, date, lowestUln: floor.value, ulnUnit: floor.unit, maxMultiple },
          staleFrom,
        );
      }
      return undecided([{ code: 'uln-missing', subject, measured, date }], ulnRequest, staleFrom);
    }
    const passes = compareScaled(value, valueFactor, limitValue, limitFactor, maxMultiple) <= 0;
    const ratio = Math.round(((value * valueFactor) / (limitValue * limitFactor)) * 10_000) / 10_000;
    return decided(
      passes ? 'met' : 'not_met',
      { code: 'uln-multiple', subject, measured, date, uln: limitValue, ulnUnit: limitUnit, ratio, maxMultiple, passes },
      staleFrom,
    );
  };
}
