/**
 * Exact arithmetic on decimal price strings for the paper exchange: BigInt fractions, never
 * floats, so "21000.25" compares, ticks and averages exactly. Kept private to the paper broker
 * until the shared money module exists.
 */

/** num/den in lowest terms, den > 0. */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** Places kept when an average does not end (1/3 tick); any ending decimal up to this is exact. */
export const MAX_PRICE_PLACES = 12;

export function parseDecimal(text: unknown): Fraction | null {
  if (typeof text !== 'string' || !DECIMAL_PATTERN.test(text)) return null;
  const negative = text.startsWith('-');
  const [whole, part = ''] = (negative ? text.slice(1) : text).split('.');
  const digits = BigInt(whole + part);
  return fraction(negative ? -digits : digits, 10n ** BigInt(part.length));
}

export function fraction(num: bigint, den: bigint): Fraction {
  if (den === 0n) throw new Error('fraction with a zero denominator');
  const sign = den < 0n ? -1n : 1n;
  const divisor = gcd(abs(num), abs(den)) || 1n;
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

/** -1, 0 or 1, like a sort comparator. */
export function compareDecimals(a: Fraction, b: Fraction): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** True when value is a whole number of steps (a price on the tick). step must be > 0. */
export function isMultipleOf(value: Fraction, step: Fraction): boolean {
  return (value.num * step.den) % (step.num * value.den) === 0n;
}

/** The quantity-weighted average of two prices. */
export function weightedAverage(a: Fraction, aQuantity: number, b: Fraction, bQuantity: number): Fraction {
  const qa = BigInt(aQuantity);
  const qb = BigInt(bQuantity);
  return fraction(a.num * qa * b.den + b.num * qb * a.den, a.den * b.den * (qa + qb));
}

/**
 * Shortest decimal string: "21000.25", "21000", "-0.5". Exact when the value ends within
 * MAX_PRICE_PLACES places; otherwise rounded half away from zero at that many places.
 */
export function formatDecimal(value: Fraction): string {
  const negative = value.num < 0n;
  const magnitude = abs(value.num);
  for (let places = 0; places <= MAX_PRICE_PLACES; places++) {
    const scaled = magnitude * 10n ** BigInt(places);
    if (scaled % value.den === 0n) return render(negative, scaled / value.den, places);
  }
  const scaled = magnitude * 10n ** BigInt(MAX_PRICE_PLACES);
  let rounded = scaled / value.den;
  if ((scaled % value.den) * 2n >= value.den) rounded += 1n;
  return render(negative, rounded, MAX_PRICE_PLACES);
}

/** The canonical form of a decimal string, or null when it is not one. */
export function canonicalDecimal(text: unknown): string | null {
  const parsed = parseDecimal(text);
  return parsed ? formatDecimal(parsed) : null;
}

function render(negative: boolean, scaled: bigint, places: number): string {
  const digits = scaled.toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const part = digits.slice(digits.length - places).replace(/0+$/, '');
  const sign = negative && scaled !== 0n ? '-' : '';
  return part ? `${sign}${whole}.${part}` : `${sign}${whole}`;
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
