import { Logger } from '@nestjs/common';
import axios from 'axios';
import { Clock } from '../../../core/clock';
import { formatDecimal, roundDecimal, toDecimal } from '../../../core/money';
import { DailyClose, PriceProvider } from './price-provider';

/**
 * Yahoo Finance's key-less chart endpoint (unofficial: it can change or throttle, so callers treat
 * null as "price unavailable"). The base URL is configurable so a fake server can stand in.
 */
export class YahooChartPriceProvider implements PriceProvider {
  readonly name = 'yahoo-chart';
  private readonly logger = new Logger('YahooPrices');

  constructor(
    private readonly baseUrl: string,
    private readonly clock: Clock,
  ) {}

  async dailyCloses(symbol: string, from: string): Promise<DailyClose[] | null> {
    const period1 = Math.floor(Date.parse(`${from}T00:00:00Z`) / 1000);
    const period2 = Math.floor(this.clock.now().getTime() / 1000) + 86400;
    const url = `${this.baseUrl}/v8/finance/chart/${encodeURIComponent(symbol)}?interval=1d&period1=${period1}&period2=${period2}`;
    try {
      const res = await axios.get(url, { timeout: 8000, validateStatus: () => true, headers: { 'User-Agent': 'Mozilla/5.0 (JustTrades)' } });
      const result = res.status === 200 ? res.data?.chart?.result?.[0] : null;
      if (!result) return null;
      const stamps: number[] = result.timestamp ?? [];
      const closes: (number | null)[] = result.indicators?.quote?.[0]?.close ?? [];
      const out: DailyClose[] = [];
      stamps.forEach((ts, i) => {
        const close = closes[i];
        if (close === null || close === undefined || !Number.isFinite(close)) return; // halts and missing bars
        out.push({ date: new Date(ts * 1000).toISOString().slice(0, 10), close: formatDecimal(roundDecimal(toDecimal(close), 4, 'nearest')) });
      });
      return out.length ? out : null;
    } catch (error) {
      this.logger.warn(`price lookup for ${symbol} failed: ${(error as Error).message}`);
      return null;
    }
  }
}
