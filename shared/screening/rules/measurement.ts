/**
 * A dated measurement against a limit (CD7 ≥ 70%, ECOG ≤ 2, hemoglobin ≥ 70 g/L, survival > 12 weeks, blasts
 * > 5% in a specimen). Units are converted through the UCUM-generated factors and compared exactly.
 */
import type { MeasurementRule } from '../../trial/definition.js';
import { canonicalFactor, formatQuantity } from '../../units/convert.js';
import { dayNumber } from '../calendar.js';
import { comparisonPhrase, satisfies, withUnit } from './comparison.js';
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

type Entry = Readonly<Record<string, unknown>>;

function matches(entry: Entry, where: Readonly<Record<string, string>>): boolean {
  for (const key in where) if (entry[key] !== where[key]) return false;
  return true;
}

/**
 * Of a list, the measurement that speaks for today: the most recent one not dated after the screening day (the
 * highest value when several share that day: each is a valid count of that day). Future-dated entries are
 * skipped, but the earliest of them is reported so the result is reviewed when it becomes usable.
 */
function latestOf(list: readonly unknown[], rule: MeasurementRule, asOf: number): { entry?: Entry; nextDay: number | null } {
  let best: Entry | undefined;
  let bestDay = -Infinity;
  let bestValue = -Infinity;
  let nextDay: number | null = null;
  for (const item of list) {
    const entry = asRecord(item);
    if (!entry || (rule.where && !matches(entry, rule.where))) continue;
    const date = asString(entry[rule.dateKey]);
    const value = asNumber(entry[rule.valueKey]);
    if (date === undefined || value === undefined) continue;
    const day = dayNumber(date);
    if (day > asOf) {
      if (nextDay === null || day < nextDay) nextDay = day;
      continue;
    }
    if (day > bestDay || (day === bestDay && value > bestValue)) {
      best = entry;
      bestDay = day;
      bestValue = value;
    }
  }
  return best ? { entry: best, nextDay } : { nextDay };
}

export function measurementEvaluator(rule: MeasurementRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const limitFactor = rule.analyte ? canonicalFactor(rule.analyte, rule.unit) : 1;
  if (limitFactor === undefined) throw new Error(`${criterionId}: ${rule.unit} is not a unit of ${rule.analyte}`);
  const limit = [rule.limit, limitFactor];
  const limitText = withUnit(String(rule.limit), rule.unit);
  const minChange = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

  return (profile, asOf) => {
    const raw = read(profile);
    let entry: Entry | undefined;
    let upcoming: number | null = null;
    if (Array.isArray(raw)) {
      const latest = latestOf(raw, rule, asOf);
      entry = latest.entry;
      upcoming = latest.nextDay;
    } else {
      entry = asRecord(raw);
    }
    const value = entry ? asNumber(entry[rule.valueKey]) : undefined;
    if (!entry || value === undefined) {
      const none = missingData(rule.label, rule.field, criterionId, rule.request);
      return upcoming === null ? none : { ...none, changesOn: upcoming };
    }

    const date = asString(entry[rule.dateKey]);
    let staleFrom: number | null = null;
    if (date !== undefined) {
      const currency = currencyOf(dayNumber(date), asOf, rule.freshnessDays);
      if (currency.state !== 'current') {
        const outdated = notCurrent(currency, rule.label, date, rule.freshnessDays, asOf, rule.field, criterionId, rule.request);
        return upcoming === null ? outdated : { ...outdated, changesOn: minChange(outdated.changesOn, upcoming) };
      }
      staleFrom = currency.staleFrom;
    }

    let shown = withUnit(formatQuantity(value), rule.analyte ? (asString(entry['unit']) ?? '') : rule.unit);
    let valueFactor = 1;
    if (rule.analyte) {
      const unit = asString(entry['unit']) ?? '';
      const factor = canonicalFactor(rule.analyte, unit);
      if (factor === undefined) {
        return unknown(`${rule.label} unit ${unit} is not supported`, {
          field: rule.field,
          criterionId,
          problem: 'incomplete',
          request: rule.request,
        });
      }
      valueFactor = factor;
      if (unit !== rule.unit) shown += ` (${withUnit(formatQuantity((value * factor) / limitFactor), rule.unit)})`;
    }
    const passes = satisfies(rule.comparator, [value, valueFactor], limit);
    const when = date === undefined ? '' : ` on ${date}`;
    return decided(
      passes ? 'met' : 'not_met',
      `${rule.label} ${shown}${when} ${comparisonPhrase(rule.comparator, passes)} ${limitText}`,
      minChange(staleFrom, upcoming),
    );
  };
}
