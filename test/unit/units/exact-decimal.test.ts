/** The exact decimal comparison against big.js, an independent arbitrary-precision decimal library. */
import { fc, test } from '@fast-check/vitest';
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { compareProducts } from '#units/exact-decimal.js';

const bigProduct = (factors: readonly number[]) => factors.reduce((acc, f) => acc.times(new Big(f)), new Big(1));

describe('compareProducts', () => {
  it('decides the protocol boundaries floating point gets wrong', () => {
    expect(3 * 1.2).not.toBe(3.6);
    expect(compareProducts([3.6], [3, 1.2])).toBe(0);
    expect(compareProducts([0.3], [0.1, 3])).toBe(0);
    expect(compareProducts([6.9, 10], [69])).toBe(0);
    expect(compareProducts([4.35, 16.1145], [70])).toBe(1);
  });
  it('reads exponent notation', () => {
    expect(compareProducts([1e-7], [0.0000001])).toBe(0);
    expect(compareProducts([7e6], [7000000])).toBe(0);
    expect(compareProducts([1.5e-10, 2], [3e-10])).toBe(0);
  });

  // Decimals as people write them: up to 4 decimal places, sometimes exactly on the boundary.
  const decimal = fc.tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 4 })).map(([n, places]) => n / 10 ** places);
  const factors = fc.array(decimal, { minLength: 1, maxLength: 3 });

  test.prop([factors, factors], { numRuns: 5000 })('agrees with big.js on arbitrary decimal products', (left, right) => {
    expect(compareProducts(left, right)).toBe(bigProduct(left).cmp(bigProduct(right)));
  });

  test.prop([decimal, decimal, fc.constantFrom(3, 5)], { numRuns: 5000 })('agrees with big.js exactly at k × ULN', (uln, nudge, k) => {
    const onBoundary = Number(new Big(uln).times(k).toString());
    for (const value of [onBoundary, nudge]) {
      expect(compareProducts([value], [k, uln])).toBe(new Big(value).cmp(new Big(k).times(uln)));
    }
  });
});
