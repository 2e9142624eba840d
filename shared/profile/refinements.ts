/**
 * The profile's checks that are functions rather than bounds, in a module without zod: the schema (schema.ts) runs
 * them through `z.refine`, and the accept path (accept-profile.ts) runs the very same functions, so the two can
 * never disagree about what a plausible number or an ordered range is.
 */

/** Clinical quantities are 0 or between 1e-9 and 1e9 (the upper bound is a plain maximum in the schema). */
export const PLAUSIBLE_MAGNITUDE = { min: 1e-9, max: 1e9 } as const;

export const finiteNumber = (value: number): boolean => Number.isFinite(value);

/** Nothing strictly between 0 and 1e-9: a unit or data-entry error, and a number DynamoDB could not store. */
export const plausibleMagnitude = (value: number): boolean => value === 0 || Math.abs(value) >= PLAUSIBLE_MAGNITUDE.min;

/** A birth date known to a range: its earliest day is not after its latest (ISO dates compare as strings). */
export const rangeInOrder = (range: { readonly earliest: string; readonly latest: string }): boolean => range.earliest <= range.latest;
