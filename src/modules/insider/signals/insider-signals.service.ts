import { Injectable, NotFoundException } from '@nestjs/common';
import { InsiderFiling } from '../entities/insider-filing.entity';
import { ParsedFiling } from '../parsing/parsed-filing';
import { PriceLookupService, PriceView } from '../prices/price-lookup.service';
import { SignalScore } from '../scoring/signal-score';
import { WatchlistService } from '../watchlist/watchlist.service';
import { SignalQueryDto } from '../dto/signal-query.dto';
import { InsiderFilingStore } from './insider-filing.store';

export interface SignalSummary {
  id: string;
  accession: string;
  formType: string;
  ticker: string | null;
  issuerName: string | null;
  ownerName: string | null;
  ownerRoles: string | null;
  filedAt: string;
  tradeDate: string | null;
  score: number;
  kind: string;
  valueUsd: string | null;
  isPurchase: boolean;
  watched: boolean;
  amendsAccession: string | null;
  secUrl: string;
}

/** Read side of the insider signals: lists with filters and sorts, and one signal in full. */
@Injectable()
export class InsiderSignalsService {
  constructor(
    private readonly store: InsiderFilingStore,
    private readonly watchlist: WatchlistService,
    private readonly prices: PriceLookupService,
  ) {}

  async list(query: SignalQueryDto): Promise<SignalSummary[]> {
    const watched = new Set((await this.watchlist.list()).map((w) => w.ticker));
    const rows = await this.store.list({
      form: query.form,
      minScore: query.minScore,
      purchasesOnly: query.purchases,
      ticker: query.ticker?.toUpperCase(),
      tickers: query.watchlist ? [...watched] : undefined,
      sort: query.sort,
      dir: query.dir,
      limit: query.limit,
    });
    return rows.map((r) => summary(r, watched.has(r.ticker ?? '')));
  }

  async detail(id: string): Promise<SignalSummary & { filing: ParsedFiling | null; scoreDetail: SignalScore | null; price: PriceView; documentUrl: string | null; status: string; failureReason: string | null; supersededBy: string | null }> {
    const row = await this.store.get(id);
    if (!row) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `no insider signal with id ${id}` });
    const watched = Boolean(row.ticker && (await this.watchlist.find(row.ticker)));
    return {
      ...summary(row, watched),
      status: row.status,
      failureReason: row.failureReason,
      supersededBy: row.supersededBy,
      documentUrl: row.documentUrl,
      filing: row.parsed ? (JSON.parse(row.parsed) as ParsedFiling) : null,
      scoreDetail: row.scoreDetail ? (JSON.parse(row.scoreDetail) as SignalScore) : null,
      price: await this.prices.forSignal(row.ticker, row.filedAt.slice(0, 10)),
    };
  }

  failures() {
    return this.store.failures();
  }
}

function summary(r: InsiderFiling, watched: boolean): SignalSummary {
  return {
    id: r.id,
    accession: r.accession,
    formType: r.formType,
    ticker: r.ticker,
    issuerName: r.issuerName,
    ownerName: r.ownerName,
    ownerRoles: r.ownerRoles,
    filedAt: r.filedAt,
    tradeDate: r.tradeDate,
    score: r.score,
    kind: r.scoreKind,
    valueUsd: r.valueUsd,
    isPurchase: r.isPurchase,
    watched,
    amendsAccession: r.amendsAccession,
    secUrl: r.indexUrl,
  };
}
