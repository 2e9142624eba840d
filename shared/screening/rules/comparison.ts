/** Comparators as the protocol words them, decided exactly in decimal. */
import type { Comparator } from '#trial/definition.js';
import { compareProducts } from '#units/exact-decimal.js';

/**
 * Far enough apart that floating point cannot have the order wrong, and farther than compareProducts' own float
 * threshold, so this shortcut always returns what compareProducts would.
 */
const CLEAR_RELATIVE_GAP = 1e-6;

/**
 * Sign of `value × valueFactor − limit × limitFactor × multiple`, exact in decimal terms (see units/exact-decimal).
 * Most comparisons are nowhere near the boundary and are settled in floating point without building the lists
 * compareProducts takes; only a near tie goes to the exact comparison.
 */
export function compareScaled(value: number, valueFactor: number, limit: number, limitFactor: number, multiple = 1): -1 | 0 | 1 {
  const left = value * valueFactor;
  const right = multiple * limit * limitFactor;
  const gap = left - right;
  if (Math.abs(gap) > CLEAR_RELATIVE_GAP * Math.max(Math.abs(left), Math.abs(right))) return gap < 0 ? -1 : 1;
  return multiple === 1 ? compareProducts([value, valueFactor], [limit, limitFactor]) : compareProducts([value, valueFactor], [multiple, limit, limitFactor]);
}

/** Whether `value × valueFactor` satisfies `comparator limit × limitFactor`, exactly. */
export function satisfies(comparator: Comparator, value: number, valueFactor: number, limit: number, limitFactor: number): boolean {
  const sign = compareScaled(value, valueFactor, limit, limitFactor);
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
