/**
 * A lab value against a multiple of the reporting lab's own upper limit of normal ("does not exceed 3 times").
 * Decided exactly in decimal: 3.6 mg/dL with a ULN of 1.2 mg/dL is exactly 3 times, and qualifies.
 */
import type { UlnMultipleRule } from '../../trial/definition.js';
import { canonicalFactor, formatQuantity } from '../../units/convert.js';
import { dayNumber } from '../calendar.js';
import { compareProducts } from '../../units/exact-decimal.js';
import {
  asNumber,
  asRecord,
  asString,
  currencyOf,
  decided,
  missingData,
  notCurrent,
  pathReader,
  unknown,
  type Evaluator,
} from './evaluation.js';

export function ulnMultipleEvaluator(rule: UlnMultipleRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const uln = `${rule.field}.upperLimitOfNormal`;
  return (profile, asOf) => {
    const result = asRecord(read(profile));
    const value = result ? asNumber(result['value']) : undefined;
    const date = result ? asString(result['date']) : undefined;
    const unit = result ? (asString(result['unit']) ?? '') : '';
    if (!result || value === undefined || date === undefined) {
      return missingData(rule.label, rule.field, criterionId, rule.request);
    }
    const currency = currencyOf(dayNumber(date), asOf, rule.freshnessDays);
    if (currency.state !== 'current') {
      return notCurrent(currency, rule.label, date, rule.freshnessDays, asOf, rule.field, criterionId, rule.request);
    }
    const limit = asRecord(result['upperLimitOfNormal']);
    const limitValue = limit ? asNumber(limit['value']) : undefined;
    const limitUnit = limit ? (asString(limit['unit']) ?? '') : '';
    const valueFactor = canonicalFactor(rule.analyte, unit);
    const limitFactor = canonicalFactor(rule.analyte, limitUnit);
    if (limitValue === undefined || limitFactor === undefined || valueFactor === undefined || limitValue === 0) {
      return unknown(`${rule.label} ${formatQuantity(value)} ${unit} on ${date} has no usable upper limit of normal`, {
        field: uln,
        criterionId,
        problem: 'incomplete',
        request: `the reporting lab's upper limit of normal for ${rule.label} (value and unit)`,
      });
    }
    const passes = compareProducts([value, valueFactor], [rule.maxMultiple, limitValue, limitFactor]) <= 0;
    const ratio = formatQuantity((value * valueFactor) / (limitValue * limitFactor));
    return decided(
      passes ? 'met' : 'not_met',
      `${rule.label} ${formatQuantity(value)} ${unit} on ${date} is ${ratio}× the upper limit of normal (${formatQuantity(limitValue)} ${limitUnit}); ${passes ? 'within' : 'exceeds'} ${rule.maxMultiple}×`,
      currency.staleFrom,
    );
  };
}
