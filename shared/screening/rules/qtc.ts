/**
 * QTc against the limit that applies to this patient on the ECG's date: a child's (both sexes) under the age
 * parameter, else the adult limit for the patient's sex. With age or sex unknown, a value within every limit
 * that could apply is clear, one above every such limit is prolonged, and between them what would decide (date
 * of birth, sex) is requested.
 */
import type { QtcRule } from '#trial/definition.js';
import { completedYears, dayNumber } from '../calendar.js';
import type { DataRequest } from '../result.js';
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
  type Evaluator,
} from './evaluation.js';
import type { ProfileFields } from './profile-fields.js';

export function qtcEvaluator(rule: QtcRule, criterionId: string, fields: ProfileFields): Evaluator {
  const read = fields.reader(rule.field);
  const readSex = fields.reader(rule.sexField);
  const readBirthDate = fields.reader(rule.birthDateField);
  const adultLimits = Object.values(rule.maxBySex);
  const adultLow = Math.min(...adultLimits);
  const adultHigh = Math.max(...adultLimits);
  const window = rule.freshnessDays;
  const none = constant(missingData(rule.subject, rule.field, criterionId, rule.need, window));
  const birthDateMissing = constantRequest(request(rule.birthDateField, criterionId, 'missing', 'birth-date'));
  const sexMissing = constantRequest(request(rule.sexField, criterionId, 'missing', 'sex'));

  return (values, asOf) => {
    const ecg = asRecord(read(values));
    const value = ecg ? asNumber(ecg['value']) : undefined;
    const date = ecg ? asString(ecg['date']) : undefined;
    if (value === undefined || date === undefined) return none;
    const ecgDay = dayNumber(date);
    if (ecgDay > asOf) return notCurrent({ state: 'future', currentFrom: ecgDay }, rule.subject, date, window, asOf, rule.field, criterionId, rule.need);
    const staleFrom = ecgDay + window + 1;
    if (asOf >= staleFrom) return notCurrent({ state: 'stale' }, rule.subject, date, window, asOf, rule.field, criterionId, rule.need);

    const birthDate = asString(readBirthDate(values));
    const age = birthDate !== undefined && dayNumber(birthDate) <= ecgDay ? completedYears(birthDate, ecgDay) : undefined;
    const sex = asString(readSex(values));
    const sexLimit = sex !== undefined && Object.hasOwn(rule.maxBySex, sex) ? rule.maxBySex[sex] : undefined;

    if (age !== undefined && age < rule.childUnderYears) {
      const passes = value <= rule.childMax;
      return decided(passes ? 'met' : 'not_met', { code: 'qtc', value, date, limit: rule.childMax, basis: 'child', passes }, staleFrom);
    }
    if (age !== undefined && sexLimit !== undefined) {
      const passes = value <= sexLimit;
      const basis = sex === 'female' ? 'female' : 'male';
      return decided(passes ? 'met' : 'not_met', { code: 'qtc', value, date, limit: sexLimit, basis, passes }, staleFrom);
    }

    // The lowest and highest of every limit that could still apply, given what is known.
    let low = sexLimit === undefined ? adultLow : sexLimit;
    let high = sexLimit === undefined ? adultHigh : sexLimit;
    if (age === undefined) {
      low = Math.min(low, rule.childMax);
      high = Math.max(high, rule.childMax);
    }
    if (value <= low) return decided('met', { code: 'qtc-outside-every-limit', value, date, limit: low, passes: true }, staleFrom);
    if (value > high) return decided('not_met', { code: 'qtc-outside-every-limit', value, date, limit: high, passes: false }, staleFrom);
    const missing: DataRequest[] = [];
    if (age === undefined) missing.push(birthDateMissing);
    if (sexLimit === undefined) missing.push(sexMissing);
    return {
      outcome: 'unknown',
      reasons: [{ code: 'qtc-between-limits', value, date, low, high }],
      missing,
      changesOn: staleFrom,
      observed: true,
    };
  };
}
