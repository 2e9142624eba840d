/** Comparators as the protocol words them, decided exactly in decimal. */
import type { Comparator } from '#trial/definition.js';
import { compareProducts } from '#units/exact-decimal.js';

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
