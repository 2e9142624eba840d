/**
 * A lab value against a multiple of the reporting lab's own upper limit of normal ("does not exceed 3 times").
 * Decided exactly in decimal: 3.6 mg/dL with a ULN of 1.2 mg/dL is exactly 3 times, and qualifies. Without the
 * lab's ULN, a value within the multiple of even the lowest plausible ULN qualifies for any lab (said so); only
 * a higher value needs the lab's ULN.
 */
import type { UlnMultipleRule } from '#trial/definition.js';
import { canonicalFactor } from '#units/convert.js';
import { dayNumber } from '../calendar.js';
import { compareProducts } from '#units/exact-decimal.js';
import {
  asNumber,
  asRecord,
  asString,
  currencyOf,
  decided,
  missingData,
  notCurrent,
  pathReader,
  request,
  undecided,
  unknown,
  type Evaluator,
} from './evaluation.js';

export function ulnMultipleEvaluator(rule: UlnMultipleRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const ulnField = `${rule.field}.upperLimitOfNormal`;
  const window = rule.freshnessDays;
  const floor = rule.lowestPlausibleUln;
  const floorFactor = floor ? canonicalFactor(rule.analyte, floor.unit) : undefined;
  if (floor && floorFactor === undefined) throw new Error(`${criterionId}: ${floor.unit} is not a unit of ${rule.analyte}`);

  return (profile, asOf) => {
    const result = asRecord(read(profile));
    const value = result ? asNumber(result['value']) : undefined;
    const date = result ? asString(result['date']) : undefined;
    const unit = result ? (asString(result['unit']) ?? '') : '';
    if (!result || value === undefined || date === undefined) {
      return missingData(rule.subject, rule.field, criterionId, rule.need, window);
    }
    const currency = currencyOf(dayNumber(date), asOf, window);
    if (currency.state !== 'current') {
      return notCurrent(currency, rule.subject, date, window, asOf, rule.field, criterionId, rule.need);
    }
    const valueFactor = canonicalFactor(rule.analyte, unit);
    if (valueFactor === undefined) {
      return unknown(
        { code: 'unit-unsupported', subject: rule.subject, unit },
        request(rule.field, criterionId, 'incomplete', rule.need, { windowDays: window }),
      );
    }
    const measured = { value, unit };
    const limit = asRecord(result['upperLimitOfNormal']);
    const limitValue = limit ? asNumber(limit['value']) : undefined;
    const limitUnit = limit ? (asString(limit['unit']) ?? '') : '';
    const limitFactor = canonicalFactor(rule.analyte, limitUnit);
    if (limitValue === undefined || limitFactor === undefined || limitValue === 0) {
      if (floor && floorFactor !== undefined && compareProducts([value, valueFactor], [rule.maxMultiple, floor.value, floorFactor]) <= 0) {
        return decided(
          'met',
          { code: 'uln-assumed', subject: rule.subject, measured, date, lowestUln: floor.value, ulnUnit: floor.unit, maxMultiple: rule.maxMultiple },
          currency.staleFrom,
        );
      }
      return undecided(
        [{ code: 'uln-missing', subject: rule.subject, measured, date }],
        request(ulnField, criterionId, 'incomplete', rule.ulnNeed),
        currency.staleFrom,
      );
    }
    const passes = compareProducts([value, valueFactor], [rule.maxMultiple, limitValue, limitFactor]) <= 0;
    const ratio = Math.round(((value * valueFactor) / (limitValue * limitFactor)) * 10_000) / 10_000;
    return decided(
      passes ? 'met' : 'not_met',
      { code: 'uln-multiple', subject: rule.subject, measured, date, uln: limitValue, ulnUnit: limitUnit, ratio, maxMultiple: rule.maxMultiple, passes },
      currency.staleFrom,
    );
  };
}
