import { Injectable } from '@nestjs/common';
import { QuoteReceived } from '../../core/bus/events';
import { wilderAtr } from '../../core/dca/atr';
import { ATR_TIMEFRAMES_SEC, BarSeries } from '../../core/dca/bar-series';
import { Venue } from '../../core/market/venue';

/**
 * Bars of every ATR timeframe per (venue, contract), built from that venue's quotes only, in memory:
 * after a restart the ATR warms up again (no ATR level fires before its period of bars).
 */
@Injectable()
export class BarBook {
  private readonly series = new Map<string, BarSeries[]>();

  add(quote: QuoteReceived): void {
    const k = `${quote.venue}|${quote.contract}`;
    let all = this.series.get(k);
    if (!all) this.series.set(k, (all = ATR_TIMEFRAMES_SEC.map((tf) => new BarSeries(tf))));
    const atMs = Date.parse(quote.ts);
    for (const s of all) s.add(quote.price, atMs);
  }

  /** Wilder ATR(period) of completed bars of `timeframeSec`; null while warming up. */
  atr(venue: Venue, contract: string, period: number, timeframeSec: number): string | null {
    const s = this.series.get(`${venue}|${contract}`)?.find((x) => x.timeframeSec === timeframeSec);
    return s ? wilderAtr(s.completed(), period) : null;
  }
}
