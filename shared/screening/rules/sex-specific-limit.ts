/**
 * A measurement whose upper limit depends on sex (QTc: 450 ms male, 470 ms female). Without a sex that has a
 * limit, only values outside every limit are decided; between them the sex is requested.
 */
import type { SexSpecificLimitRule } from '../../trial/definition.js';
import { dayNumber } from '../calendar.js';
import { withUnit } from './comparison.js';
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

export function sexSpecificLimitEvaluator(rule: SexSpecificLimitRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const readSex = pathReader(rule.sexField);
  const limits = Object.values(rule.maxBySex);
  const lowest = Math.min(...limits);
  const highest = Math.max(...limits);
  const show = (v: number) => withUnit(String(v), rule.unit);
  return (profile, asOf) => {
    const measurement = asRecord(read(profile));
    const value = measurement ? asNumber(measurement[rule.valueKey]) : undefined;
    const date = measurement ? asString(measurement[rule.dateKey]) : undefined;
    if (value === undefined || date === undefined) return missingData(rule.label, rule.field, criterionId, rule.request);
    const currency = currencyOf(dayNumber(date), asOf, rule.freshnessDays);
    if (currency.state !== 'current') {
      return notCurrent(currency, rule.label, date, rule.freshnessDays, asOf, rule.field, criterionId, rule.request);
    }
    const sex = asString(readSex(profile));
    const limit = sex !== undefined && Object.hasOwn(rule.maxBySex, sex) ? rule.maxBySex[sex] : undefined;
    const measured = `${rule.label} ${show(value)} on ${date}`;
    if (limit !== undefined) {
      const passes = value <= limit;
      return decided(
        passes ? 'met' : 'not_met',
        `${measured} is ${passes ? 'within' : 'above'} the ${show(limit)} limit for ${sex} patients`,
        currency.staleFrom,
      );
    }
    if (value > highest) return decided('not_met', `${measured} is above every sex-specific limit (${show(highest)})`, currency.staleFrom);
    if (value <= lowest) return decided('met', `${measured} is within every sex-specific limit (${show(lowest)})`, currency.staleFrom);
    return unknown(
      `${measured} is between the sex-specific limits (${show(lowest)}-${show(highest)}) and the patient's sex is not known`,
      { field: rule.sexField, criterionId, problem: 'missing', request: 'the patient\'s sex (female or male)' },
      currency.staleFrom,
    );
  };
}
