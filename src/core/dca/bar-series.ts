import { compareDecimal } from '../money';
import { Bar } from './atr';

/** The bar lengths an ATR level may use: every quote updates one bar of each, so ATR is warm from the start. */
export const ATR_TIMEFRAMES_SEC = [15, 30, 60, 120, 180, 300, 600, 900, 1800, 3600, 14400, 86400] as const;

/** Completed bars kept per series: enough for the longest ATR period (200) and its smoothing. */
const KEEP = 400;

/**
 * OHLC bars of one timeframe built from prices as they come, aligned to the epoch (a 300 s bar starts
 * at :00, :05, ...). A bar completes when a price of a later bar arrives; a span without prices
 * makes no bar.
 */
export class BarSeries {
  private readonly done: Bar[] = [];
  private current: Bar | null = null;

  constructor(readonly timeframeSec: number) {}

  add(price: string, atMs: number): void {
    const startMs = Math.floor(atMs / (this.timeframeSec * 1000)) * this.timeframeSec * 1000;
    const bar = this.current;
    if (bar && startMs < bar.startMs) return; // a late price never rewrites a closed bar
    if (bar && startMs === bar.startMs) {
      if (compareDecimal(price, bar.high) > 0) bar.high = price;
      if (compareDecimal(price, bar.low) < 0) bar.low = price;
      bar.close = price;
      return;
    }
    if (bar) this.done.push(bar);
    if (this.done.length > KEEP) this.done.shift();
    this.current = { startMs, open: price, high: price, low: price, close: price };
  }

  completed(): readonly Bar[] {
    return this.done;
  }
}
