/** Reading dated serology markers: which are current on the screening day, and what to say when none is. */
import { dayNumber } from '../../calendar.js';
import { asRecord, asString, currencyOf, earliest, missingData, notCurrent, type Evaluation } from '../evaluation.js';

export interface Marker {
  readonly entry: Readonly<Record<string, unknown>>;
  readonly date: string;
  readonly staleFrom: number;
}

export interface MarkerReadings<K extends string> {
  readonly current: Partial<Record<K, Marker>>;
  /** The newest result that was not current (stale or future), to explain an unknown. */
  readonly outdated?: { readonly date: string; readonly day: number; readonly future: boolean };
  /** The first day a current marker goes stale or a future one becomes usable. */
  readonly changesOn: number | null;
}

export function readMarkers<K extends string>(
  panel: unknown,
  keys: readonly K[],
  asOf: number,
  window: number,
): MarkerReadings<K> {
  const group = asRecord(panel);
  const current: Partial<Record<K, Marker>> = {};
  let outdated: MarkerReadings<K>['outdated'];
  let changesOn: number | null = null;
  for (const key of keys) {
    const entry = group ? asRecord(group[key]) : undefined;
    const date = entry ? asString(entry['date']) : undefined;
    if (!entry || date === undefined) continue;
    const day = dayNumber(date);
    const currency = currencyOf(day, asOf, window);
    if (currency.state === 'current') {
      current[key] = { entry, date, staleFrom: currency.staleFrom };
      changesOn = earliest(changesOn, currency.staleFrom);
    } else {
      if (currency.state === 'future') changesOn = earliest(changesOn, currency.currentFrom);
      if (!outdated || day > outdated.day) outdated = { date, day, future: currency.state === 'future' };
    }
  }
  return outdated === undefined ? { current, changesOn } : { current, outdated, changesOn };
}

/** Nothing current in the panel: stale, future-dated or not reported, as the newest outdated result says. */
export function noCurrentMarker<K extends string>(
  readings: MarkerReadings<K>,
  subject: string,
  field: string,
  criterionId: string,
  need: string,
  asOf: number,
  window: number,
): Evaluation {
  const { outdated } = readings;
  if (!outdated) return missingData(subject, field, criterionId, need, window);
  const currency = outdated.future ? ({ state: 'future', currentFrom: outdated.day } as const) : ({ state: 'stale' } as const);
  const evaluation = notCurrent(currency, subject, outdated.date, window, asOf, field, criterionId, need);
  return { ...evaluation, changesOn: readings.changesOn };
}

/** The day the decision can change: when the first marker it rests on goes stale. */
export const staleFromOf = (...markers: readonly (Marker | undefined)[]): number | null =>
  markers.reduce<number | null>((day, marker) => (marker ? earliest(day, marker.staleFrom) : day), null);
