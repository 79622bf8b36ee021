import { Injectable, Logger } from '@nestjs/common';
import { EdgarHttpClient } from '../edgar/edgar-http-client';
import { BackfillService } from '../poller/backfill.service';
import { WatchlistService } from './watchlist.service';

/** Runs a newly watched ticker's backfill in the background and records how it went. */
@Injectable()
export class WatchlistBackfill {
  private readonly logger = new Logger('InsiderBackfill');
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly client: EdgarHttpClient,
    private readonly backfill: BackfillService,
    private readonly watchlist: WatchlistService,
  ) {}

  /** Returns the status to show right away. */
  start(ticker: string): string {
    if (!this.client.configured) return 'not run: set JT_SEC_USER_AGENT to reach EDGAR (or run npm run cli -- insider:backfill later)';
    if (!this.running.has(ticker)) {
      const job = this.backfill
        .backfill(ticker)
        .then(() => undefined)
        .catch(async (error: Error) => {
          this.logger.warn(`backfill of ${ticker} failed: ${error.message}`);
          await this.watchlist.update(ticker, { backfillStatus: `failed: ${error.message}`.slice(0, 200) }).catch(() => undefined);
        })
        .finally(() => this.running.delete(ticker));
      this.running.set(ticker, job);
    }
    return 'running';
  }

  /** Tests and shutdown wait on this. */
  async idle(): Promise<void> {
    await Promise.all(this.running.values());
  }
}
