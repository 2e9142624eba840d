/** Comparators as the protocol words them, decided exactly in decimal, and phrased for reasons. */
import type { Comparator } from '../../trial/definition.js';
import { compareProducts } from '../../units/exact-decimal.js';

/** Whether `value × valueFactor` satisfies `comparator limit × limitFactor`, exactly. */
export function satisfies(comparator: Comparator, value: readonly number[], limit: readonly number[]): boolean {
  const sign = compareProducts(value, limit);
  switch (comparator) {
    case '>':
      return sign > 0;
    case '>=':
      return sign >= 0;
    case '<':
      return sign < 0;
    case '<=':
      return sign <= 0;
  }
}

const PHRASES: Record<Comparator, readonly [passes: string, fails: string]> = {
  '>': ['is greater than', 'is not greater than'],
  '>=': ['is at least', 'is below'],
  '<': ['is below', 'is not below'],
  '<=': ['is at most', 'is above'],
};

export function comparisonPhrase(comparator: Comparator, passes: boolean): string {
  return PHRASES[comparator][passes ? 0 : 1];
}

/** `65%`, `69 g/L`, `2` (ECOG has no unit). */
export function withUnit(value: string, unit: string): string {
  if (unit === '') return value;
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}
