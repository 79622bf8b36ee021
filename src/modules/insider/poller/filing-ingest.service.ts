import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EventBus } from '../../../core/bus/event-bus';
import { Clock } from '../../../core/clock';
import { EdgarUrls } from '../edgar/edgar-urls';
import { FilingLocator } from '../edgar/filing-locator';
import { TickerMap } from '../edgar/ticker-map';
import { InsiderFiling } from '../entities/insider-filing.entity';
import { InsiderPending } from '../entities/insider-pending.entity';
import { parseEdgarDocument } from '../parsing/edgar-document-parser';
import { ParsedFiling } from '../parsing/parsed-filing';
import { PriceLookupService } from '../prices/price-lookup.service';
import { scoreFiling } from '../scoring/filing-score';
import { BUY_WEIGHTS } from '../scoring/scoring-weights';
import { ScoreContext, SignalScore } from '../scoring/signal-score';
import { InsiderFilingStore } from '../signals/insider-filing.store';
import { WatchlistService } from '../watchlist/watchlist.service';

const SEC_PUBLIC = 'https://www.sec.gov';
const ALERT_MAX_AGE_DAYS = 30;

export type IngestResult = 'stored' | 'failed' | 'duplicate';

/** One pending filing -> fetched, parsed, scored, stored once, linked to what it amends, alerted on. */
@Injectable()
export class FilingIngestService {
  private readonly logger = new Logger('InsiderIngest');

  constructor(
    private readonly locator: FilingLocator,
    private readonly urls: EdgarUrls,
    private readonly tickers: TickerMap,
    private readonly store: InsiderFilingStore,
    private readonly prices: PriceLookupService,
    private readonly watchlist: WatchlistService,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  async ingest(pending: InsiderPending): Promise<IngestResult> {
    if (await this.store.hasAccession(pending.accession)) return 'duplicate';
    const doc = await this.locator.fetchPrimary(pending.cik, pending.accession, pending.formType, pending.primaryDocument);
    const outcome = parseEdgarDocument(doc.content);
    if (!outcome.ok) {
      this.logger.warn(`filing ${pending.accession} (${pending.formType}) could not be parsed: ${outcome.reason}`);
      await this.store.insert(this.row(pending, doc.url, doc.content, { status: 'failed', failureReason: outcome.reason.slice(0, 500) }));
      return 'failed';
    }
    return this.storeParsed(pending, doc.url, doc.content, outcome.filing);
  }

  /** A filing that never became fetchable: recorded as a failure so it is visible, not retried forever. */
  async recordUnfetchable(pending: InsiderPending, reason: string): Promise<void> {
    await this.store.insert(this.row(pending, null, null, { status: 'failed', failureReason: `could not fetch: ${reason}`.slice(0, 500) }));
  }

  private async storeParsed(pending: InsiderPending, url: string, raw: string, filing: ParsedFiling): Promise<IngestResult> {
    const issuerCik = filing.issuer.cik;
    const ticker = this.tickers.tickerOf(issuerCik) ?? filing.issuer.ticker;
    filing.issuer.ticker = ticker; // 13D/G carry no ticker: resolve it from the SEC map by CIK
    const ownerCik = filing.kind === 'ownership' ? filing.owners[0].cik : (filing.filer.cik ?? '');
    const tradeDate = filing.kind === 'ownership' ? (filing.transactions.map((t) => t.date).filter((d): d is string => !!d).sort()[0] ?? filing.periodOfReport) : filing.eventDate;
    const original = await this.amendedOriginal(filing, ownerCik, tradeDate, pending.accession);
    const score = scoreFiling(filing, await this.context(filing, ticker, ownerCik, tradeDate, original));
    const row = this.row(pending, url, raw, {
      status: 'parsed',
      formType: filing.formType,
      issuerCik,
      issuerName: filing.issuer.name,
      ticker,
      ownerCik,
      ownerName: filing.kind === 'ownership' ? filing.owners.map((o) => o.name).join('; ') : filing.filer.name,
      ownerRoles: filing.kind === 'ownership' ? [...new Set(filing.owners.flatMap((o) => o.roles))].join(', ') : `${filing.schedule} filer`,
      tradeDate: score.tradeDate ?? tradeDate,
      score: score.score,
      scoreKind: score.kind,
      scoreDetail: JSON.stringify(score),
      valueUsd: score.valueUsd,
      isPurchase: score.kind === 'buy',
      parsed: JSON.stringify(filing),
      amendsAccession: original?.accession ?? (filing.kind === 'schedule13' ? filing.previousAccession : null),
    });
    if (!(await this.store.insert(row))) return 'duplicate';
    if (original) await this.store.update(original.id, { supersededBy: row.accession });
    await this.alertIfWatched(row, score, original);
    return 'stored';
  }

  private async amendedOriginal(filing: ParsedFiling, ownerCik: string, tradeDate: string | null, accession: string): Promise<InsiderFiling | null> {
    if (filing.kind === 'ownership') return filing.formType === '4/A' && filing.issuer.cik ? this.store.findAmendedOriginal(filing.issuer.cik, ownerCik, tradeDate, accession) : null;
    return filing.previousAccession ? this.store.byAccession(filing.previousAccession) : null;
  }

  private async context(filing: ParsedFiling, ticker: string | null, ownerCik: string, tradeDate: string | null, original: InsiderFiling | null): Promise<ScoreContext> {
    if (filing.kind === 'schedule13') {
      const previous = original?.parsed ? (JSON.parse(original.parsed) as ParsedFiling) : null;
      return { ownerHistory: null, clusterBuyers: 1, clusterSellers: 1, priceReturnPct: null, marketCapUsd: null, previousPercent: previous?.kind === 'schedule13' ? previous.percentOfClass : null };
    }
    const issuerCik = filing.issuer.cik;
    if (!tradeDate) return { ownerHistory: null, clusterBuyers: 1, clusterSellers: 1, priceReturnPct: null, marketCapUsd: null };
    const from = daysBefore(tradeDate, BUY_WEIGHTS.cluster.windowDays);
    const [history, buyers, sellers, priceReturnPct] = await Promise.all([
      this.store.ownerHistory(issuerCik, ownerCik, tradeDate),
      this.store.otherTraders(issuerCik, ownerCik, 'buy', from, tradeDate),
      this.store.otherTraders(issuerCik, ownerCik, 'sale', from, tradeDate),
      this.prices.returnBefore(ticker, tradeDate).catch(() => null),
    ]);
    return { ownerHistory: history.firstTradeDate ? history : null, clusterBuyers: buyers + 1, clusterSellers: sellers + 1, priceReturnPct, marketCapUsd: null };
  }

  private async alertIfWatched(row: InsiderFiling, score: SignalScore, original: InsiderFiling | null): Promise<void> {
    if (score.kind !== 'buy' && score.kind !== 'stake') return;
    const watch = row.ticker ? await this.watchlist.find(row.ticker) : null;
    if (!watch || row.score < watch.alertThreshold) return;
    if (original?.alerted) return; // an amendment restating an alerted filing is not news
    const now = this.clock.now();
    if (row.tradeDate && Date.parse(`${row.tradeDate}T00:00:00Z`) < now.getTime() - ALERT_MAX_AGE_DAYS * 86400000) {
      this.logger.log(`late filing ${row.accession}: trade of ${row.tradeDate} is older than ${ALERT_MAX_AGE_DAYS} days, stored without an alert`);
      return;
    }
    await this.store.update(row.id, { alerted: true });
    this.bus.publish({
      type: 'InsiderSignalRaised',
      ts: now.toISOString(),
      filingId: row.id,
      accession: row.accession,
      ticker: row.ticker,
      issuerName: row.issuerName,
      ownerName: row.ownerName,
      formType: row.formType,
      kind: score.kind,
      score: row.score,
      threshold: watch.alertThreshold,
    });
  }

  private row(pending: InsiderPending, url: string | null, raw: string | null, fields: Partial<InsiderFiling>): InsiderFiling {
    return Object.assign(new InsiderFiling(), {
      id: randomUUID(),
      accession: pending.accession,
      ownerCik: '',
      formType: pending.formType,
      failureReason: null,
      issuerCik: null,
      issuerName: null,
      ticker: null,
      ownerName: null,
      ownerRoles: null,
      filedAt: pending.filedAt,
      tradeDate: null,
      score: 0,
      scoreKind: 'none',
      scoreDetail: null,
      valueUsd: null,
      isPurchase: false,
      parsed: null,
      rawDocument: raw,
      indexUrl: `${SEC_PUBLIC}/Archives/edgar/data/${Number(pending.cik)}/${pending.accession.replace(/-/g, '')}/${pending.accession}-index.htm`,
      documentUrl: url ? url.replace(this.urls.www, SEC_PUBLIC) : null,
      amendsAccession: null,
      supersededBy: null,
      alerted: false,
      createdAt: this.clock.nowIso(),
      ...fields,
    });
  }
}

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86400000).toISOString().slice(0, 10);
}
