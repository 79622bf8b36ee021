import { padCik } from '../parsing/edgar-values';
import { EdgarHttpClient } from './edgar-http-client';
import { EdgarUrls } from './edgar-urls';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * SEC's ticker <-> CIK map, downloaded at most once a day. Signals join on issuer CIK; the ticker
 * shown is the map's (filers type stale tickers into Form 4s).
 */
export class TickerMap {
  private byCik = new Map<string, string>();
  private byTicker = new Map<string, string>();
  private loadedAt = 0;

  constructor(
    private readonly client: EdgarHttpClient,
    private readonly urls: EdgarUrls,
    private readonly now: () => number,
  ) {}

  get loaded(): boolean {
    return this.loadedAt > 0;
  }

  async refreshIfStale(): Promise<void> {
    if (this.loadedAt && this.now() - this.loadedAt < DAY_MS) return;
    const res = await this.client.get(this.urls.tickerMap(), { conditional: true });
    if (res.status !== 200) throw new Error(`ticker map answered ${res.status}`);
    const rows = Object.values(JSON.parse(res.body.toString('utf8')) as Record<string, { cik_str: number | string; ticker: string }>);
    const byCik = new Map<string, string>();
    const byTicker = new Map<string, string>();
    for (const row of rows) {
      const cik = padCik(row.cik_str);
      if (!cik || !row.ticker) continue;
      const ticker = row.ticker.toUpperCase();
      if (!byCik.has(cik)) byCik.set(cik, ticker); // first row = the common stock
      byTicker.set(ticker, cik);
    }
    this.byCik = byCik;
    this.byTicker = byTicker;
    this.loadedAt = this.now();
  }

  tickerOf(cik: string | null): string | null {
    return cik ? (this.byCik.get(cik) ?? null) : null;
  }

  cikOf(ticker: string): string | null {
    return this.byTicker.get(ticker.toUpperCase()) ?? this.byTicker.get(ticker.toUpperCase().replace('.', '-')) ?? null;
  }
}
