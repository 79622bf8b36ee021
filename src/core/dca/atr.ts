import { addDecimal, compareDecimal, divideDecimal, formatDecimal, multiplyDecimal, subtractDecimal } from '../money';

/** One OHLC bar of `timeframeSec` seconds starting at `startMs` (epoch-aligned). */
export interface Bar {
  startMs: number;
  open: string;
  high: string;
  low: string;
  close: string;
}

const ATR_SCALE = 8;

/**
 * True range of a bar: max(high - low, |high - previous close|, |low - previous close|); the first
 * bar of a series has no previous close and its true range is high - low.
 */
export function trueRange(bar: Bar, previousClose: string | null): string {
  const ranges = [subtractDecimal(bar.high, bar.low)];
  if (previousClose !== null) {
    ranges.push(abs(subtractDecimal(bar.high, previousClose)), abs(subtractDecimal(bar.low, previousClose)));
  }
  return formatDecimal(ranges.reduce((a, b) => (compareDecimal(a, b) >= 0 ? a : b)));
}

/**
 * Wilder's ATR(n) of completed bars, oldest first: the first value is the simple mean of the first n
 * true ranges, then ATR = (previous ATR x (n - 1) + TR) / n for each later bar. Null before n bars
 * (warm-up). Kept to 8 decimals, rounded to nearest.
 */
export function wilderAtr(bars: readonly Bar[], period: number): string | null {
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`ATR period must be a whole number of bars >= 1, got ${period}`);
  if (bars.length < period) return null;
  const ranges = bars.map((bar, i) => trueRange(bar, i === 0 ? null : bars[i - 1].close));
  let atr = divideDecimal(ranges.slice(0, period).reduce((sum, r) => formatDecimal(addDecimal(sum, r)), '0'), period, ATR_SCALE, 'nearest');
  for (const tr of ranges.slice(period)) {
    atr = divideDecimal(addDecimal(multiplyDecimal(atr, period - 1), tr), period, ATR_SCALE, 'nearest');
  }
  return formatDecimal(atr);
}

function abs(value: ReturnType<typeof subtractDecimal>) {
  return value.units < 0n ? { ...value, units: -value.units } : value;
}
