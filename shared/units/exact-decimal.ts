/**
 * Exact comparison of products of decimal numbers ("3.6 mg/dL against 3 × 1.2 mg/dL").
 *
 * Protocol boundaries are decimal ("does not exceed 3 times the upper limit"), and binary floating point gets
 * them wrong: 3 * 1.2 is 3.5999999999999996 < 3.6. Each number is read as the decimal a person wrote (its
 * shortest round-trip representation, which is what JSON carried) and products are compared exactly with
 * BigInt. Floating point still decides when the two sides are far apart (relative gap well above any rounding
 * error), so the exact path runs only near a boundary and screening stays fast.
 */

interface Decimal {
  readonly mantissa: bigint;
  readonly exponent: number;
}

/**
 * Decimals already read, by value: the exact path runs near protocol boundaries, so the same limits, factors and
 * values come back again and again, and reading one (number to text to BigInt) is the slow part. Bounded.
 */
const decimals = new Map<number, Decimal>();
const DECIMALS_MAX = 4096;

function toDecimal(value: number): Decimal {
  let decimal = decimals.get(value);
  if (decimal === undefined) {
    if (decimals.size >= DECIMALS_MAX) decimals.clear();
    decimal = readDecimal(value);
    decimals.set(value, decimal);
  }
  return decimal;
}

function readDecimal(value: number): Decimal {
  const text = String(value);
  const [coefficient = '0', exponentPart] = text.split('e');
  const [whole = '0', fraction = ''] = coefficient.split('.');
  return {
    mantissa: BigInt(whole + fraction),
    exponent: (exponentPart === undefined ? 0 : Number(exponentPart)) - fraction.length,
  };
}

function product(factors: readonly number[]): Decimal {
  let mantissa = 1n;
  let exponent = 0;
  for (const factor of factors) {
    const d = toDecimal(factor);
    mantissa *= d.mantissa;
    exponent += d.exponent;
  }
  return { mantissa, exponent };
}

function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const shift = a.exponent - b.exponent;
  const left = shift > 0 ? a.mantissa * 10n ** BigInt(shift) : a.mantissa;
  const right = shift < 0 ? b.mantissa * 10n ** BigInt(-shift) : b.mantissa;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Far enough apart that no rounding of a handful of double multiplications can reorder them. */
const SAFE_RELATIVE_GAP = 1e-9;

/**
 * Sign of (product of `left`) − (product of `right`), exact in decimal terms. All inputs finite; non-negative
 * values are all the profile schema admits, but signs are handled anyway.
 */
export function compareProducts(left: readonly number[], right: readonly number[]): -1 | 0 | 1 {
  let l = 1;
  for (const f of left) l *= f;
  let r = 1;
  for (const f of right) r *= f;
  const gap = l - r;
  if (Math.abs(gap) > SAFE_RELATIVE_GAP * Math.max(Math.abs(l), Math.abs(r))) return gap < 0 ? -1 : 1;
  return compareDecimals(product(left), product(right));
}
