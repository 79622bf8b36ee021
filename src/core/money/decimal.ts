/**
 * Exact decimals as BigInt scaled integers: value = units / 10^scale.
 * Prices and dollars never pass through float arithmetic; a JS number is accepted only at the
 * edge and read through its shortest round-trip text (21000.25 -> '21000.25').
 */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

export type DecimalInput = string | number | Decimal;

/** 'up' is toward +infinity and 'down' toward -infinity; 'nearest' breaks ties away from zero. */
export type RoundingMode = 'nearest' | 'up' | 'down';

export class InvalidDecimalError extends Error {
  constructor(input: unknown, reason: string) {
    super(`Not a valid decimal number: ${JSON.stringify(input) ?? String(input)} (${reason})`);
    this.name = 'InvalidDecimalError';
  }
}

const PLAIN_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

export function toDecimal(input: DecimalInput): Decimal {
  if (typeof input === 'string') return parseDecimalText(input);
  if (typeof input === 'number') return parseDecimalNumber(input);
  if (isDecimal(input)) return input;
  throw new InvalidDecimalError(input, 'expected a string or a number');
}

export function isDecimal(value: unknown): value is Decimal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Decimal).units === 'bigint' &&
    Number.isInteger((value as Decimal).scale) &&
    (value as Decimal).scale >= 0
  );
}

export function addDecimal(a: DecimalInput, b: DecimalInput): Decimal {
  const [x, y, scale] = aligned(a, b);
  return { units: x + y, scale };
}

export function subtractDecimal(a: DecimalInput, b: DecimalInput): Decimal {
  const [x, y, scale] = aligned(a, b);
  return { units: x - y, scale };
}

export function multiplyDecimal(a: DecimalInput, b: DecimalInput): Decimal {
  const x = toDecimal(a);
  const y = toDecimal(b);
  return { units: x.units * y.units, scale: x.scale + y.scale };
}

export function sumDecimal(values: readonly DecimalInput[]): Decimal {
  return values.reduce<Decimal>((total, value) => addDecimal(total, value), { units: 0n, scale: 0 });
}

/** a / b rounded to `scale` decimals. */
export function divideDecimal(a: DecimalInput, b: DecimalInput, scale: number, mode: RoundingMode): Decimal {
  const x = toDecimal(a);
  const y = toDecimal(b);
  if (y.units === 0n) throw new RangeError(`Division by zero: ${formatDecimal(x)} / 0`);
  const numerator = x.units * pow10(scale + y.scale);
  const denominator = y.units * pow10(x.scale);
  return { units: divideRounded(numerator, denominator, mode), scale };
}

/** a / b when the quotient is a whole number; null when it is not. */
export function divideToInteger(a: DecimalInput, b: DecimalInput): bigint | null {
  const [x, y] = aligned(a, b);
  if (y === 0n) throw new RangeError(`Division by zero: ${formatDecimal(a)} / 0`);
  return x % y === 0n ? x / y : null;
}

export function roundDecimal(value: DecimalInput, scale: number, mode: RoundingMode): Decimal {
  return divideDecimal(value, { units: 1n, scale: 0 }, scale, mode);
}

export function compareDecimal(a: DecimalInput, b: DecimalInput): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZeroDecimal(value: DecimalInput): boolean {
  return toDecimal(value).units === 0n;
}

export interface DecimalFormat {
  /** Pad with zeros up to this many decimals. */
  readonly minDecimals?: number;
  /** Round (nearest, ties away from zero) to at most this many decimals. */
  readonly maxDecimals?: number;
}

/** Plain text (never exponent notation), trailing zeros trimmed down to minDecimals. */
export function formatDecimal(value: DecimalInput, format: DecimalFormat = {}): string {
  const minDecimals = format.minDecimals ?? 0;
  let decimal = toDecimal(value);
  if (format.maxDecimals !== undefined && decimal.scale > format.maxDecimals) {
    decimal = roundDecimal(decimal, format.maxDecimals, 'nearest');
  }
  let { units, scale } = decimal;
  while (scale > minDecimals && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  if (scale < minDecimals) {
    units *= pow10(minDecimals - scale);
    scale = minDecimals;
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Number of decimals in the shortest form of the value ('0.250' -> 2, '1' -> 0). */
export function significantDecimals(value: DecimalInput): number {
  const text = formatDecimal(value);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function parseDecimalText(input: string): Decimal {
  const text = input.trim();
  const parsed = parsePlain(text);
  if (!parsed) {
    const reason = text === '' ? 'empty' : 'expected digits with an optional sign and decimal point, e.g. 21000.25';
    throw new InvalidDecimalError(input, reason);
  }
  return parsed;
}

function parseDecimalNumber(input: number): Decimal {
  if (!Number.isFinite(input)) throw new InvalidDecimalError(input, 'not a finite number');
  // String() gives the shortest text that reads back as the same double, e.g. 1e-7 or 1e+21.
  const [mantissa, exponentText] = String(input).split('e');
  const parsed = parsePlain(mantissa);
  if (!parsed) throw new InvalidDecimalError(input, 'unreadable number');
  if (exponentText === undefined) return parsed;
  const exponent = Number(exponentText);
  return exponent >= 0
    ? { units: parsed.units * pow10(exponent), scale: parsed.scale }
    : { units: parsed.units, scale: parsed.scale - exponent };
}

function parsePlain(text: string): Decimal | null {
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (whole === '' && fraction === '') return null;
  const magnitude = BigInt(`${whole || '0'}${fraction}`);
  return { units: sign === '-' ? -magnitude : magnitude, scale: fraction.length };
}

function aligned(a: DecimalInput, b: DecimalInput): [bigint, bigint, number] {
  const x = toDecimal(a);
  const y = toDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  return [x.units * pow10(scale - x.scale), y.units * pow10(scale - y.scale), scale];
}

function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  let n = numerator;
  let d = denominator;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const quotient = n / d; // truncates toward zero
  const remainder = n % d; // carries the sign of n
  if (remainder === 0n) return quotient;
  switch (mode) {
    case 'down':
      return n < 0n ? quotient - 1n : quotient;
    case 'up':
      return n > 0n ? quotient + 1n : quotient;
    case 'nearest': {
      const twiceRemainder = 2n * (remainder < 0n ? -remainder : remainder);
      if (twiceRemainder < d) return quotient;
      return n < 0n ? quotient - 1n : quotient + 1n;
    }
  }
}

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}
