import { Injectable } from '@nestjs/common';
import { Clock } from '../../../core/clock';
import { EdgarHttpClient } from '../edgar/edgar-http-client';
import { EdgarUrls } from '../edgar/edgar-urls';
import { edgarTimeToIso } from '../edgar/eastern-time';
import { submissionRows } from '../edgar/submissions';
import { TickerMap } from '../edgar/ticker-map';
import { InsiderFilingStore } from '../signals/insider-filing.store';
import { WatchlistService } from '../watchlist/watchlist.service';
import { InsiderPollerService, WANTED_FORM } from './insider-poller.service';
import { PendingQueue } from './pending-queue';

export const BACKFILL_DAYS = 90;

export interface BackfillReport {
  ticker: string;
  cik: string;
  found: number;
  stored: number;
  failed: number;
  alreadyStored: number;
  error: string | null;
}

export class UnknownTickerError extends Error {}

/** The last 90 days of a ticker's Forms 3/4/5 and 13D/G, from the issuer's submissions JSON. */
@Injectable()
export class BackfillService {
  constructor(
    private readonly client: EdgarHttpClient,
    private readonly urls: EdgarUrls,
    private readonly tickers: TickerMap,
    private readonly queue: PendingQueue,
    private readonly store: InsiderFilingStore,
    private readonly poller: InsiderPollerService,
    private readonly watchlist: WatchlistService,
    private readonly clock: Clock,
  ) {}

  async backfill(ticker: string, onProgress?: (done: number, total: number) => void): Promise<BackfillReport> {
    const symbol = ticker.toUpperCase();
    await this.tickers.refreshIfStale();
    const cik = this.tickers.cikOf(symbol);
    if (!cik) throw new UnknownTickerError(`${symbol} is not in the SEC ticker map (company_tickers.json)`);
    const res = await this.client.get(this.urls.submissions(cik), { conditional: true });
    if (res.status !== 200) throw new Error(`submissions for CIK ${cik} answered ${res.status}`);
    const since = new Date(this.clock.now().getTime() - BACKFILL_DAYS * 86400000).toISOString().slice(0, 10);
    const rows = submissionRows(JSON.parse(res.body.toString('utf8'))).filter((r) => WANTED_FORM.test(r.form.toUpperCase()) && r.filingDate >= since);
    let alreadyStored = 0;
    const accessions: string[] = [];
    for (const r of rows) {
      if (await this.store.hasAccession(r.accession)) {
        alreadyStored++;
        continue;
      }
      await this.queue.enqueue({ accession: r.accession, cik, formType: r.form, filedAt: edgarTimeToIso(r.acceptanceDateTime || r.filingDate), source: 'backfill', primaryDocument: r.primaryDocument || null }, this.clock.nowIso());
      accessions.push(r.accession);
    }
    onProgress?.(0, accessions.length);
    const drained = accessions.length ? await this.poller.drain(accessions, onProgress) : { stored: 0, failed: 0, error: null };
    const report = { ticker: symbol, cik, found: rows.length, stored: drained.stored, failed: drained.failed, alreadyStored, error: drained.error };
    if (await this.watchlist.find(symbol)) {
      await this.watchlist.update(symbol, { cik, backfillStatus: `${this.clock.nowIso().slice(0, 16)}: ${report.found} filings in ${BACKFILL_DAYS} days, ${report.stored} new` });
    }
    return report;
  }
}
