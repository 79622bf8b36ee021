import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../../core/clock';
import { compareDecimal, divideDecimal, formatDecimal, isZeroDecimal, multiplyDecimal, subtractDecimal } from '../../../core/money';
import { DailyClose, PRICE_PROVIDER, PriceProvider } from './price-provider';

export type PriceView =
  | { status: 'ok'; ticker: string; priceAtFiling: string; filingPriceDate: string; priceNow: string; nowDate: string; changePct: string; source: string }
  | { status: 'unavailable'; ticker: string | null; reason: string };

const TTL_MS = 15 * 60 * 1000;
const NEGATIVE_TTL_MS = 60 * 60 * 1000;

/** Price at filing and now, % change since: cached, and "price unavailable" when the source cannot say. */
@Injectable()
export class PriceLookupService {
  private readonly cache = new Map<string, { at: number; closes: DailyClose[] | null }>();

  constructor(
    @Inject(PRICE_PROVIDER) private readonly provider: PriceProvider,
    private readonly clock: Clock,
  ) {}

  async forSignal(ticker: string | null, filingDate: string): Promise<PriceView> {
    if (!ticker) return { status: 'unavailable', ticker: null, reason: 'no ticker for this issuer' };
    const closes = await this.closes(ticker, filingDate);
    if (!closes?.length) return { status: 'unavailable', ticker, reason: this.provider.name === 'none' ? 'no price source configured (JT_PRICE_URL)' : `${this.provider.name} had no prices for ${ticker}` };
    const atFiling = closes.find((c) => c.date >= filingDate) ?? closes[closes.length - 1];
    const now = closes[closes.length - 1];
    if (isZeroDecimal(atFiling.close)) return { status: 'unavailable', ticker, reason: 'price at filing is zero' };
    const change = divideDecimal(multiplyDecimal(subtractDecimal(now.close, atFiling.close), 100), atFiling.close, 2, 'nearest');
    return {
      status: 'ok',
      ticker,
      priceAtFiling: atFiling.close,
      filingPriceDate: atFiling.date,
      priceNow: now.close,
      nowDate: now.date,
      changePct: formatDecimal(change, { minDecimals: 2 }),
      source: this.provider.name,
    };
  }

  /** Return in percent over the 20 trading days before `date` (the scorer's price context); null if unknown. */
  async returnBefore(ticker: string | null, date: string): Promise<string | null> {
    if (!ticker) return null;
    const from = new Date(Date.parse(`${date}T00:00:00Z`) - 40 * 86400000).toISOString().slice(0, 10);
    const closes = (await this.closes(ticker, from))?.filter((c) => c.date <= date);
    if (!closes || closes.length < 2) return null;
    const window = closes.slice(-21);
    const first = window[0].close;
    if (compareDecimal(first, 0) <= 0) return null;
    return formatDecimal(divideDecimal(multiplyDecimal(subtractDecimal(window[window.length - 1].close, first), 100), first, 2, 'nearest'));
  }

  private async closes(ticker: string, from: string): Promise<DailyClose[] | null> {
    const key = `${ticker}|${from}`;
    const hit = this.cache.get(key);
    const now = this.clock.now().getTime();
    if (hit && now - hit.at < (hit.closes ? TTL_MS : NEGATIVE_TTL_MS)) return hit.closes;
    const closes = await this.provider.dailyCloses(ticker, from);
    this.cache.set(key, { at: now, closes });
    return closes;
  }
}
