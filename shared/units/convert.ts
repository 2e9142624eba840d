/** Unit lookups over the UCUM-generated table. */
import { CANONICAL_UNITS, SUPPORTED_UNITS, type Analyte } from './conversion-table.js';

/** How many canonical units one `unit` is, or undefined when the unit is not accepted for the analyte. */
export function canonicalFactor(analyte: Analyte, unit: string): number | undefined {
  const factors: Readonly<Record<string, number>> = SUPPORTED_UNITS[analyte];
  return Object.hasOwn(factors, unit) ? factors[unit] : undefined;
}

export function canonicalUnit(analyte: Analyte): string {
  return CANONICAL_UNITS[analyte];
}

/** A value for people to read: at most 4 decimals, no floating-point noise (69.00000000000001 → 69). */
export function formatQuantity(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10_000) / 10_000);
}
