/**
 * A dated measurement against a limit (CD7 ≥ 70%, hemoglobin ≥ 70 g/L, survival > 12 weeks, blasts > 5% in a
 * specimen). Units are converted through the UCUM-generated factors and compared exactly. From a list, either the
 * most recent entry decides (blasts: the disease now) or any current one that passes (CD7: "flow cytometry or
 * immunohistochemistry").
 */
import type { MeasurementRule } from '#trial/definition.js';
import { canonicalFactor } from '#units/convert.js';
import type { Measured, Reason } from '../reasons.js';
import { dayNumber } from '../calendar.js';
import { satisfies } from './comparison.js';
import {
  asNumber,
  asRecord,
  asString,
  constant,
  currencyOf,
  decided,
  earliest,
  missingData,
  notCurrent,
  pathReader,
  request,
  undecided,
  unknown,
  type Evaluation,
  type Evaluator,
} from './evaluation.js';

type Entry = Readonly<Record<string, unknown>>;
type MeasuredReason = Extract<Reason, { code: 'measured' }>;

function matches(entry: Entry, where: Readonly<Record<string, string>>): boolean {
  for (const key in where) if (entry[key] !== where[key]) return false;
  return true;
}

interface Dated {
  readonly entry: Entry;
  readonly day: number;
  readonly value: number;
}

/** The usable entries of a field (one result or a list), split by where they stand on the screening day. */
function sortEntries(raw: unknown, rule: MeasurementRule, asOf: number): { dated: Dated[]; undated?: Entry; nextDay: number | null } {
  const dated: Dated[] = [];
  let undated: Entry | undefined;
  let nextDay: number | null = null;
  const consider = (item: unknown) => {
    const entry = asRecord(item);
    if (!entry || (rule.where && !matches(entry, rule.where))) return;
    const value = asNumber(entry[rule.valueKey]);
    if (value === undefined) return;
    const date = asString(entry[rule.dateKey]);
    if (date === undefined) {
      undated ??= entry;
      return;
    }
    const day = dayNumber(date);
    if (day > asOf) {
      if (nextDay === null || day < nextDay) nextDay = day;
      // Kept only to report it when nothing else is usable.
    }
    dated.push({ entry, day, value });
  };
  if (Array.isArray(raw)) for (const item of raw) consider(item);
  else consider(raw);
  return undated === undefined ? { dated, nextDay } : { dated, undated, nextDay };
}

export function measurementEvaluator(rule: MeasurementRule, criterionId: string): Evaluator {
  const read = pathReader(rule.field);
  const limitFactor = rule.analyte ? canonicalFactor(rule.analyte, rule.unit) : 1;
  if (limitFactor === undefined) throw new Error(`${criterionId}: ${rule.unit} is not a unit of ${rule.analyte}`);
  const limit = [rule.limit, limitFactor];
  const window = rule.freshnessDays;
  const selectAny = rule.select === 'any';

  /** The entry's value in the limit's terms, or the reason its unit cannot be read. */
  const measure = (entry: Entry, value: number): { measured: Measured; factor: number } | { unsupported: string } => {
    if (!rule.analyte) return { measured: { value, unit: rule.unit }, factor: 1 };
    const unit = asString(entry['unit']) ?? '';
    const factor = canonicalFactor(rule.analyte, unit);
    if (factor === undefined) return { unsupported: unit };
    return unit === rule.unit
      ? { measured: { value, unit }, factor }
      : { measured: { value, unit, converted: (value * factor) / limitFactor }, factor };
  };

  /** Decides one current entry. Written for speed (it runs for most criteria of most screenings): no spreads. */
  const judge = (entry: Entry, value: number, staleFrom: number | null, changesOn: number | null): Evaluation => {
    const reading = measure(entry, value);
    if ('unsupported' in reading) {
      return unknown(
        { code: 'unit-unsupported', subject: rule.subject, unit: reading.unsupported },
        request(rule.field, criterionId, 'incomplete', rule.need, { windowDays: window }),
      );
    }
    const passes = satisfies(rule.comparator, [value, reading.factor], limit);
    const date = asString(entry[rule.dateKey]);
    const corrected = rule.correctable !== undefined && entry[rule.correctable.flagKey] === true;
    if (!passes && rule.correctable !== undefined && !corrected && date !== undefined) {
      return undecided(
        [{ code: 'below-correctable', subject: rule.subject, measured: reading.measured, date, limit: rule.limit, limitUnit: rule.unit }],
        request(rule.field, criterionId, 'follow-up', rule.correctable.need, { windowDays: window }),
        earliest(staleFrom, changesOn),
      );
    }
    const reason: { -readonly [K in keyof MeasuredReason]: MeasuredReason[K] } = {
      code: 'measured',
      subject: rule.subject,
      measured: reading.measured,
      comparator: rule.comparator,
      limit: rule.limit,
      limitUnit: rule.unit,
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

  const none = constant(missingData(rule.subject, rule.field, criterionId, rule.need, window));

  /** One result, not a list (hemoglobin, survival, a single CD7): no sorting, nothing to allocate on the way. */
  const single = (entry: Entry, asOf: number): Evaluation => {
    const value = asNumber(entry[rule.valueKey]);
    if (value === undefined) return none;
    const date = asString(entry[rule.dateKey]);
    if (date === undefined) return judge(entry, value, null, null);
    const currency = currencyOf(dayNumber(date), asOf, window);
    if (currency.state !== 'current') return notCurrent(currency, rule.subject, date, window, asOf, rule.field, criterionId, rule.need);
    return judge(entry, value, currency.staleFrom, null);
  };

  return (profile, asOf) => {
    const raw = read(profile);
    if (!Array.isArray(raw)) {
      const entry = asRecord(raw);
      return entry && (!rule.where || matches(entry, rule.where)) ? single(entry, asOf) : none;
    }
    const { dated, undated, nextDay } = sortEntries(raw, rule, asOf);
    // A result without a date (the date is optional for some fields) speaks for today.
    if (undated !== undefined && dated.length === 0) return judge(undated, asNumber(undated[rule.valueKey]) ?? 0, null, nextDay);

    let newestPast: Dated | undefined;
    const current: { item: Dated; staleFrom: number }[] = [];
    for (const item of dated) {
      if (item.day > asOf) continue;
      if (!newestPast || item.day > newestPast.day || (item.day === newestPast.day && item.value > newestPast.value)) newestPast = item;
      const currency = currencyOf(item.day, asOf, window);
      if (currency.state === 'current') current.push({ item, staleFrom: currency.staleFrom });
    }

    if (!newestPast) {
      if (nextDay === null) return none;
      const first = dated.find((item) => item.day === nextDay) as Dated;
      const date = asString(first.entry[rule.dateKey]) ?? '';
      return notCurrent({ state: 'future', currentFrom: nextDay }, rule.subject, date, window, asOf, rule.field, criterionId, rule.need);
    }

    if (!selectAny) {
      // The most recent result speaks for the disease now (the highest when several share that day).
      const currency = currencyOf(newestPast.day, asOf, window);
      const date = asString(newestPast.entry[rule.dateKey]) ?? '';
      if (currency.state !== 'current') {
        const outdated = notCurrent(currency, rule.subject, date, window, asOf, rule.field, criterionId, rule.need);
        return nextDay === null ? outdated : { ...outdated, changesOn: earliest(outdated.changesOn, nextDay) };
      }
      return judge(newestPast.entry, newestPast.value, currency.staleFrom, nextDay);
    }

    if (current.length === 0) {
      const date = asString(newestPast.entry[rule.dateKey]) ?? '';
      const outdated = notCurrent({ state: 'stale' }, rule.subject, date, window, asOf, rule.field, criterionId, rule.need);
      return nextDay === null ? outdated : { ...outdated, changesOn: nextDay };
    }
    // Any current result that passes decides; it stays met until the last passing result goes stale.
    let passing: { item: Dated; staleFrom: number } | undefined;
    let best: { item: Dated; staleFrom: number } | undefined;
    let allStaleFrom = 0;
    for (const candidate of current) {
      allStaleFrom = Math.max(allStaleFrom, candidate.staleFrom);
      const reading = measure(candidate.item.entry, candidate.item.value);
      if (!('unsupported' in reading) && satisfies(rule.comparator, [candidate.item.value, reading.factor], limit)) {
        if (!passing || candidate.staleFrom > passing.staleFrom) passing = candidate;
      } else if (!best || candidate.item.value > best.item.value) best = candidate;
    }
    if (passing) return judge(passing.item.entry, passing.item.value, passing.staleFrom, null);
    // None passes: the best current result is cited; the outcome holds until every one is stale or a newer arrives.
    const cited = best as { item: Dated; staleFrom: number };
    return judge(cited.item.entry, cited.item.value, allStaleFrom, nextDay);
  };
}
