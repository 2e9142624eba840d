/**
 * A dated measurement against a limit (CD7 ≥ 70%, hemoglobin ≥ 70 g/L, survival > 12 weeks, blasts > 5% in a
 * specimen). Units are converted through the UCUM-generated factors and compared exactly. From a list, either the
 * most recent entry decides (blasts: the disease now) or any current one that passes (CD7: "flow cytometry or
 * immunohistochemistry").
 */
import type { MeasurementRule } from '#trial/definition.js';
import type { Measured, Reason } from '../reasons.js';
import { dayNumber } from '../calendar.js';
import { satisfies } from './comparison.js';
import {
  asNumber,
  asRecord,
  asString,
  constant,
  constantRequest,
  decided,
  earliest,
  missingData,
  notCurrent,
  request,
  undecided,
  unknown,
  type Currency,
  type Evaluation,
  type Evaluator,
} from './evaluation.js';
import { unitFactors } from './unit-factors.js';
import type { ProfileFields } from './profile-fields.js';

type Entry = Readonly<Record<string, unknown>>;
type MeasuredReason = Extract<Reason, { code: 'measured' }>;

/**
 * Written for speed: it runs for six criteria of every screening. The list case is one pass with no intermediate
 * lists, unit factors come from a Map built at compile time, and what depends on the rule alone is built once.
 */
export function measurementEvaluator(rule: MeasurementRule, criterionId: string, fields: ProfileFields): Evaluator {
  const read = fields.reader(rule.field);
  const { analyte, valueKey, dateKey, subject, comparator, limit, unit: limitUnit, correctable } = rule;
  const factors = analyte === undefined ? undefined : unitFactors(analyte);
  const limitFactor = factors === undefined ? 1 : factors.get(limitUnit);
  if (limitFactor === undefined) throw new Error(`${criterionId}: ${limitUnit} is not a unit of ${analyte}`);
  const window = rule.freshnessDays;
  const selectAny = rule.select === 'any';
  // `where` as parallel lists: a list entry counts when every key holds its value (blasts: the specimen).
  const whereKeys = rule.where === undefined ? [] : Object.keys(rule.where);
  const whereValues = whereKeys.map((key) => rule.where?.[key]);
  const matches = (entry: Entry): boolean => {
    for (let i = 0; i < whereKeys.length; i++) if (entry[whereKeys[i] as string] !== whereValues[i]) return false;
    return true;
  };

  /** The factor of the entry's unit into canonical units; undefined when the analyte does not accept it. */
  const factorOf = (entry: Entry): number | undefined => (factors === undefined ? 1 : factors.get(asString(entry['unit']) ?? ''));
  const passesAt = (value: number, factor: number) => satisfies(comparator, value, factor, limit, limitFactor);

  const unsupportedRequest = constantRequest(request(rule.field, criterionId, 'incomplete', rule.need, { windowDays: window }));
  const followUpRequest =
    correctable === undefined ? undefined : constantRequest(request(rule.field, criterionId, 'follow-up', correctable.need, { windowDays: window }));

  /** Decides one current entry. */
  const judge = (entry: Entry, value: number, staleFrom: number | null, changesOn: number | null): Evaluation => {
    let measured: Measured;
    let factor: number;
    if (factors === undefined) {
      measured = { value, unit: limitUnit };
      factor = 1;
    } else {
      const unit = asString(entry['unit']) ?? '';
      const found = factors.get(unit);
      if (found === undefined) return unknown({ code: 'unit-unsupported', subject, unit }, unsupportedRequest);
      factor = found;
      measured = unit === limitUnit ? { value, unit } : { value, unit, converted: (value * factor) / limitFactor };
    }
    const passes = passesAt(value, factor);
    const date = asString(entry[dateKey]);
    const corrected = correctable !== undefined && entry[correctable.flagKey] === true;
    if (!passes && followUpRequest !== undefined && !corrected && date !== undefined) {
      return undecided([{ code: 'below-correctable', subject, measured, date, limit, limitUnit }], followUpRequest, earliest(staleFrom, changesOn));
    }
    const reason: { -readonly [K in keyof MeasuredReason]: MeasuredReason[K] } = {
      code: 'measured',
      subject,
      measured,
      comparator,
      limit,
      limitUnit,
      passes,
    };
    if (date !== undefined) reason.date = date;
    if (selectAny) {
      const method = asString(entry['method']);
      if (method !== undefined) reason.method = method;
    }
    if (corrected) reason.corrected = true;
    return decided(passes ? 'met' : 'not_met', reason, earliest(staleFrom, changesOn));
  };

  const none = constant(missingData(subject, rule.field, criterionId, rule.need, window));
  const outdated = (currency: Exclude<Currency, { state: 'current' }>, date: string, asOf: number, changesOn?: number | null): Evaluation =>
    notCurrent(currency, subject, date, window, asOf, rule.field, criterionId, rule.need, changesOn);

  /** One result, not a list (hemoglobin, survival, a single CD7). */
  const single = (entry: Entry, asOf: number): Evaluation => {
    const value = asNumber(entry[valueKey]);
    if (value === undefined) return none;
    const date = asString(entry[dateKey]);
    if (date === undefined) return judge(entry, value, null, null);
    const day = dayNumber(date);
    if (day > asOf) return outdated({ state: 'future', currentFrom: day }, date, asOf);
    const staleFrom = day + window + 1;
    if (asOf >= staleFrom) return outdated(STALE, date, asOf);
    return judge(entry, value, staleFrom, null);
  };

  /**
   * A list (blasts, several CD7 results), in one pass. Entries without a date speak for today when nothing is
   * dated; of the dated, `latest` takes the most recent past one (the highest when several share that day), and
   * `any` takes any current one that passes, else cites the highest current one.
   */
  const list = (raw: readonly unknown[], asOf: number): Evaluation => {
    let undated: Entry | undefined;
    let datedCount = 0;
    // The first entry dated on the earliest day after the screening day: it becomes usable then.
    let nextDay: number | null = null;
    let nextDate = '';
    let newestPast: Entry | undefined;
    let newestPastDay = 0;
    let newestPastValue = 0;
    let newestPastDate = '';
    // For `any`: among current entries, the passing one that stays current longest, else the highest value.
    let anyCurrent = false;
    let allStaleFrom = 0;
    let passing: Entry | undefined;
    let passingValue = 0;
    let passingStaleFrom = 0;
    let best: Entry | undefined;
    let bestValue = 0;
    for (let i = 0; i < raw.length; i++) {
      const entry = asRecord(raw[i]);
      if (!entry || !matches(entry)) continue;
      const value = asNumber(entry[valueKey]);
      if (value === undefined) continue;
      const date = asString(entry[dateKey]);
      if (date === undefined) {
        undated ??= entry;
        continue;
      }
      datedCount++;
      const day = dayNumber(date);
      if (day > asOf) {
        if (nextDay === null || day < nextDay) {
          nextDay = day;
          nextDate = date;
        }
        continue;
      }
      if (!newestPast || day > newestPastDay || (day === newestPastDay && value > newestPastValue)) {
        newestPast = entry;
        newestPastDay = day;
        newestPastValue = value;
        newestPastDate = date;
      }
      if (!selectAny) continue;
      const staleFrom = day + window + 1;
      if (asOf >= staleFrom) continue;
      anyCurrent = true;
      if (staleFrom > allStaleFrom) allStaleFrom = staleFrom;
      const factor = factorOf(entry);
      if (factor !== undefined && passesAt(value, factor)) {
        if (!passing || staleFrom > passingStaleFrom) {
          passing = entry;
          passingValue = value;
          passingStaleFrom = staleFrom;
        }
      } else if (!best || value > bestValue) {
        best = entry;
        bestValue = value;
      }
    }
    if (undated !== undefined && datedCount === 0) return judge(undated, asNumber(undated[valueKey]) ?? 0, null, nextDay);

    if (!newestPast) {
      if (nextDay === null) return none;
      return outdated({ state: 'future', currentFrom: nextDay }, nextDate, asOf);
    }

    if (!selectAny) {
      // The most recent result speaks for the disease now.
      const staleFrom = newestPastDay + window + 1;
      if (asOf >= staleFrom) return outdated(STALE, newestPastDate, asOf, nextDay);
      return judge(newestPast, newestPastValue, staleFrom, nextDay);
    }

    if (!anyCurrent) return outdated(STALE, newestPastDate, asOf, nextDay);
    // Any current result that passes decides; it stays met until the last passing result goes stale.
    if (passing) return judge(passing, passingValue, passingStaleFrom, null);
    // None passes: the best current result is cited; the outcome holds until every one is stale or a newer arrives.
    return judge(best as Entry, bestValue, allStaleFrom, nextDay);
  };

  return (values, asOf) => {
    const raw = read(values);
    if (Array.isArray(raw)) return list(raw, asOf);
    const entry = asRecord(raw);
    return entry && matches(entry) ? single(entry, asOf) : none;
  };
}

const STALE = { state: 'stale' } as const;
