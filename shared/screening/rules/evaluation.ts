/** What evaluating one rule yields, and the helpers every rule shares (reading a field, dating a result). */
import type { PatientProfile } from '../../profile/schema.js';
import type { DataRequest, Outcome } from '../result.js';
import { isoDate } from '../calendar.js';

export interface Evaluation {
  readonly outcome: Outcome;
  readonly reason: string;
  readonly missing: readonly DataRequest[];
  /** First day number after the screening date on which this outcome could change with no new data. */
  readonly changesOn: number | null;
}

/** Evaluates a compiled rule for one profile on one screening day (a day number, see calendar.ts). */
export type Evaluator = (profile: PatientProfile, asOf: number) => Evaluation;

const NO_REQUESTS: readonly DataRequest[] = [];

export const decided = (outcome: 'met' | 'not_met', reason: string, changesOn: number | null = null): Evaluation => ({
  outcome,
  reason,
  missing: NO_REQUESTS,
  changesOn,
});

export const unknown = (reason: string, request: DataRequest, changesOn: number | null = null): Evaluation => ({
  outcome: 'unknown',
  reason,
  missing: [request],
  changesOn,
});

/**
 * Compiles a dotted path into a reader. Paths come from trial definitions (schema field names, never
 * `__proto__`), and profiles are schema-checked plain objects, so plain property reads are safe; the common
 * depths get a closure each, because this runs for every rule of every screening.
 */
export function pathReader(path: string): (profile: PatientProfile) => unknown {
  const keys = path.split('.');
  const [a = '', b = '', c = ''] = keys;
  type Node = Record<string, unknown> | undefined;
  const at = (value: unknown): Node => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined);
  switch (keys.length) {
    case 1:
      return (profile) => at(profile)?.[a];
    case 2:
      return (profile) => at(at(profile)?.[a])?.[b];
    case 3:
      return (profile) => at(at(at(profile)?.[a])?.[b])?.[c];
    default:
      return (profile) => keys.reduce<unknown>((value, key) => at(value)?.[key], profile);
  }
}

export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export const asNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Where a dated result stands on the screening day. */
export type Currency =
  | { readonly state: 'current'; readonly staleFrom: number }
  | { readonly state: 'stale' }
  | { readonly state: 'future'; readonly currentFrom: number };

/** A result `freshnessDays` old is still current; one day more and it is stale. A future date is not yet usable. */
export function currencyOf(day: number, asOf: number, freshnessDays: number): Currency {
  if (day > asOf) return { state: 'future', currentFrom: day };
  const staleFrom = day + freshnessDays + 1;
  return asOf < staleFrom ? { state: 'current', staleFrom } : { state: 'stale' };
}

/** The unknown outcome of a result that is stale or dated after the screening day, with what would resolve it. */
export function notCurrent(
  currency: Exclude<Currency, { state: 'current' }>,
  label: string,
  date: string,
  freshnessDays: number,
  asOf: number,
  field: string,
  criterionId: string,
  request: string,
): Evaluation {
  if (currency.state === 'future') {
    return unknown(
      `${label} is dated ${date}, after the screening date ${isoDate(asOf)}`,
      { field, criterionId, problem: 'incomplete', request: `${request}; check the date ${date}` },
      currency.currentFrom,
    );
  }
  return unknown(`${label} dated ${date} is older than ${freshnessDays} days (stale)`, {
    field,
    criterionId,
    problem: 'stale',
    request: `${request}: a result from ${isoDate(asOf - freshnessDays)} or later`,
  });
}

export function missingData(label: string, field: string, criterionId: string, request: string): Evaluation {
  return unknown(`${label}: not reported`, { field, criterionId, problem: 'missing', request });
}
