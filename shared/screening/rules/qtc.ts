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
  currencyOf,
  decided,
  missingData,
  notCurrent,
  pathReader,
  request,
  type Evaluator,
} from './evaluation.js';

export function qtcEvaluator(rule: QtcRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const readSex = pathReader(rule.sexField);
  const readBirthDate = pathReader(rule.birthDateField);
  const adultLimits = Object.values(rule.maxBySex);
  const window = rule.freshnessDays;

  return (profile, asOf) => {
    const ecg = asRecord(read(profile));
    const value = ecg ? asNumber(ecg['value']) : undefined;
    const date = ecg ? asString(ecg['date']) : undefined;
    if (value === undefined || date === undefined) return missingData(rule.subject, rule.field, criterionId, rule.need, window);
    const ecgDay = dayNumber(date);
    const currency = currencyOf(ecgDay, asOf, window);
    if (currency.state !== 'current') return notCurrent(currency, rule.subject, date, window, asOf, rule.field, criterionId, rule.need);

    const birthDate = asString(readBirthDate(profile));
    const age = birthDate !== undefined && dayNumber(birthDate) <= ecgDay ? completedYears(birthDate, ecgDay) : undefined;
    const sex = asString(readSex(profile));
    const sexLimit = sex !== undefined && Object.hasOwn(rule.maxBySex, sex) ? rule.maxBySex[sex] : undefined;

    if (age !== undefined && age < rule.childUnderYears) {
      const passes = value <= rule.childMax;
      return decided(passes ? 'met' : 'not_met', { code: 'qtc', value, date, limit: rule.childMax, basis: 'child', passes }, currency.staleFrom);
    }
    if (age !== undefined && sexLimit !== undefined) {
      const passes = value <= sexLimit;
      const basis = sex === 'female' ? 'female' : 'male';
      return decided(passes ? 'met' : 'not_met', { code: 'qtc', value, date, limit: sexLimit, basis, passes }, currency.staleFrom);
    }

    // Every limit that could still apply, given what is known.
    const adult = sexLimit === undefined ? adultLimits : [sexLimit];
    const possible = age === undefined ? [rule.childMax, ...adult] : adult;
    const low = Math.min(...possible);
    const high = Math.max(...possible);
    if (value <= low) return decided('met', { code: 'qtc-outside-every-limit', value, date, limit: low, passes: true }, currency.staleFrom);
    if (value > high) return decided('not_met', { code: 'qtc-outside-every-limit', value, date, limit: high, passes: false }, currency.staleFrom);
    const missing: DataRequest[] = [];
    if (age === undefined) missing.push(request(rule.birthDateField, criterionId, 'missing', 'birth-date'));
    if (sexLimit === undefined) missing.push(request(rule.sexField, criterionId, 'missing', 'sex'));
    return {
      outcome: 'unknown',
      reasons: [{ code: 'qtc-between-limits', value, date, low, high }],
      missing,
      changesOn: currency.staleFrom,
      observed: true,
    };
  };
}
