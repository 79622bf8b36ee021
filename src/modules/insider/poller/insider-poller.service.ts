import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { Clock } from '../../../core/clock';
import { NO_TX } from '../../../database/transactions';
import { parseCurrentFeed } from '../edgar/atom-feed';
import { EdgarNotConfiguredError, EdgarUnavailableError } from '../edgar/edgar-errors';
import { EdgarHttpClient } from '../edgar/edgar-http-client';
import { EdgarUrls } from '../edgar/edgar-urls';
import { edgarTimeToIso } from '../edgar/eastern-time';
import { TickerMap } from '../edgar/ticker-map';
import { InsiderFeedCursor } from '../entities/insider-feed-cursor.entity';
import { InsiderPending } from '../entities/insider-pending.entity';
import { decodeEdgarBytes } from '../parsing/edgar-bytes';
import { InsiderFilingStore } from '../signals/insider-filing.store';
import { FilingIngestService } from './filing-ingest.service';
import { isUsMarketHours } from './market-hours';
import { PendingQueue } from './pending-queue';

/** Since 2024-12-18 13D/G arrive as SCHEDULE 13D/G; the SC feeds still bring late amendments of old cases. */
export const FEEDS = ['4', '3', '5', 'SC 13D', 'SC 13G', 'SCHEDULE 13D', 'SCHEDULE 13G'];
export const WANTED_FORM = /^([345](\/A)?|(SC|SCHEDULE) 13[DG](\/A)?)$/;
const MAX_PAGES = 5;
const MAX_ATTEMPTS = 5;

export interface PollReport {
  seen: number;
  queued: number;
  stored: number;
  failed: number;
  duplicates: number;
  retrying: number;
  error: string | null;
}

/**
 * Polls EDGAR's current-filings feeds. Resumable: each feed remembers the last accession seen; new
 * filings go to the durable pending queue before the cursor moves, and leave it only once stored.
 */
@Injectable()
export class InsiderPollerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('InsiderPoller');
  private running: Promise<PollReport> | null = null;
  private stopped = false;
  lastReport: (PollReport & { at: string }) | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(InsiderFeedCursor) private readonly cursors: Repository<InsiderFeedCursor>,
    private readonly client: EdgarHttpClient,
    private readonly urls: EdgarUrls,
    private readonly tickers: TickerMap,
    private readonly queue: PendingQueue,
    private readonly ingest: FilingIngestService,
    private readonly store: InsiderFilingStore,
    private readonly scheduler: SchedulerRegistry,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const c = this.config.insider;
    if (!c.secUserAgent) {
      this.logger.log('insider poller off: set JT_SEC_USER_AGENT to your name and a contact e-mail (SEC fair-access rule) to poll EDGAR');
      return;
    }
    if (!c.pollerEnabled) {
      this.logger.log('insider poller off (JT_INSIDER_POLL=off or a CLI process)');
      return;
    }
    this.logger.log(`insider poller on: every ${c.pollSec}s in US market hours, ${c.offHoursPollSec}s outside`);
    this.schedule(5000);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.scheduler.doesExist('timeout', 'insider-poller')) this.scheduler.deleteTimeout('insider-poller');
  }

  /** One poll of every feed, then the pending queue. Overlapping calls share the running poll. */
  pollOnce(options: { pageSize?: number } = {}): Promise<PollReport> {
    this.running ??= this.poll(options.pageSize ?? 100).finally(() => (this.running = null));
    return this.running;
  }

  /** Fetches, parses and stores what is due in the queue (optionally only these accessions). */
  async drain(only?: string[], onProgress?: (done: number, total: number) => void): Promise<PollReport> {
    const report: PollReport = { seen: 0, queued: 0, stored: 0, failed: 0, duplicates: 0, retrying: 0, error: null };
    const due = await this.queue.due(this.clock.nowIso(), only);
    for (const [i, item] of due.entries()) {
      try {
        const result = await this.ingest.ingest(item);
        report[result === 'stored' ? 'stored' : result === 'failed' ? 'failed' : 'duplicates']++;
        await this.queue.done(item.accession);
      } catch (error) {
        if (error instanceof EdgarUnavailableError || error instanceof EdgarNotConfiguredError) {
          report.error = error.message; // the SEC said stop: leave the rest queued for the next poll
          break;
        }
        await this.giveUpOrRetry(item, error as Error, report);
      }
      onProgress?.(i + 1, due.length);
    }
    return report;
  }

  private async poll(pageSize: number): Promise<PollReport> {
    const report: PollReport = { seen: 0, queued: 0, stored: 0, failed: 0, duplicates: 0, retrying: 0, error: null };
    try {
      await this.tickers.refreshIfStale().catch((e: Error) => this.logger.warn(`ticker map not refreshed: ${e.message}`));
      for (const feed of FEEDS) {
        const { seen, queued } = await this.scanFeed(feed, pageSize);
        report.seen += seen;
        report.queued += queued;
      }
    } catch (error) {
      report.error = (error as Error).message;
      this.logger.warn(`poll stopped: ${report.error}`);
    }
    const drained = await this.drain();
    const result = { ...report, stored: drained.stored, failed: drained.failed, duplicates: drained.duplicates, retrying: drained.retrying, error: report.error ?? drained.error };
    this.lastReport = { ...result, at: this.clock.nowIso() };
    return result;
  }

  private async scanFeed(feed: string, pageSize: number): Promise<{ seen: number; queued: number }> {
    const cursor = await this.cursors.findOne({ where: { feed } });
    const found = new Map<string, { cik: string; formType: string; filedAt: string; issuerSide: boolean }>();
    let newest: string | null = null;
    let reachedCursor = false;
    for (let page = 0; page < MAX_PAGES && !reachedCursor; page++) {
      const res = await this.client.get(this.urls.currentFeed(feed, page * pageSize, pageSize), { conditional: page === 0 });
      if (res.notModified && page === 0) return { seen: 0, queued: 0 };
      const entries = parseCurrentFeed(decodeEdgarBytes(res.body));
      if (entries.length === 0) break;
      newest ??= entries[0].accession;
      for (const e of entries) {
        if (cursor?.lastAccession && e.accession === cursor.lastAccession) {
          reachedCursor = true;
          break;
        }
        if (!WANTED_FORM.test(e.formType.toUpperCase())) continue;
        const issuerSide = e.role === 'Issuer' || e.role === 'Subject';
        const known = found.get(e.accession);
        if (!known || (issuerSide && !known.issuerSide)) found.set(e.accession, { cik: e.cik, formType: e.formType, filedAt: edgarTimeToIso(e.updated), issuerSide });
      }
      if (entries.length < pageSize) break;
    }
    let queued = 0;
    for (const [accession, f] of found) {
      if (await this.store.hasAccession(accession)) continue;
      if (await this.queue.enqueue({ accession, cik: f.cik, formType: f.formType, filedAt: f.filedAt, source: 'feed', primaryDocument: null }, this.clock.nowIso())) queued++;
    }
    // only now, with every new filing queued durably, does the feed's cursor move
    if (newest) await this.cursors.save(Object.assign(new InsiderFeedCursor(), { feed, lastAccession: newest, updatedAt: this.clock.nowIso() }), NO_TX);
    return { seen: found.size, queued };
  }

  private async giveUpOrRetry(item: InsiderPending, error: Error, report: PollReport): Promise<void> {
    if (item.attempts + 1 >= MAX_ATTEMPTS) {
      this.logger.warn(`filing ${item.accession} still unfetchable after ${MAX_ATTEMPTS} tries: ${error.message}`);
      await this.ingest.recordUnfetchable(item, error.message);
      await this.queue.done(item.accession);
      report.failed++;
      return;
    }
    const next = new Date(this.clock.now().getTime() + 60000 * (item.attempts + 1)).toISOString();
    await this.queue.retryLater(item, error.message, next);
    report.retrying++;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => void this.tick(), ms);
    timer.unref?.();
    if (this.scheduler.doesExist('timeout', 'insider-poller')) this.scheduler.deleteTimeout('insider-poller');
    this.scheduler.addTimeout('insider-poller', timer);
  }

  private async tick(): Promise<void> {
    try {
      const r = await this.pollOnce();
      if (r.queued || r.failed || r.error) this.logger.log(`poll: ${r.queued} new, ${r.stored} stored, ${r.failed} failed${r.error ? `; ${r.error}` : ''}`);
    } catch (error) {
      this.logger.error(`poll failed: ${(error as Error).message}`);
    }
    const c = this.config.insider;
    this.schedule(1000 * (isUsMarketHours(this.clock.now()) ? c.pollSec : c.offHoursPollSec));
  }
}
