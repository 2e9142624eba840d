/**
 * Checks for reading back the few small items this service wrote itself (audit entries, the recruitment switch,
 * inbox listings, pagination cursors). Hand-written, not zod: these shapes are flat, the checks are a handful of
 * `typeof`s, and zod's module init and schema construction were a measured share of every store-using handler's
 * cold start (`npm run bench -- cold-start`). The API's own shapes, which are documented and worded for callers,
 * stay zod schemas at the edge.
 */

/** A DynamoDB map as the document client returns it (an object, never an array or null). */
export const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isString = (value: unknown): value is string => typeof value === 'string';

/** DynamoDB numbers are finite; so is every number this service stores. */
export const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export const isOneOf = <T extends string>(allowed: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value);

/** A stored item that is not what this service writes under its key: a bug or a hand edit, never a caller's error. */
export class MalformedItemError extends Error {
  constructor(what: string, field: string) {
    super(`stored ${what} has a missing or malformed ${field}`);
    this.name = 'MalformedItemError';
  }
}
