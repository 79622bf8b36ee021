import { Inject, Injectable, Optional } from '@nestjs/common';
import { describeExitRules } from '../../core/exits/exit-plan';
import { MARKET_DATA_SOURCES, MarketDataSource } from '../../core/market/market-data-source';
import { AccountsService } from '../accounts/accounts.service';
import { BookReaderService } from '../execution/book-reader.service';
import { AccountPnlService } from '../pnl/account-pnl.service';
import { LossLimitsService } from '../pnl/loss-limits.service';
import { RecorderPnlService } from '../pnl/recorder-pnl.service';
import { MarketDataStalenessService } from '../market-data/market-data-staleness.service';
import { RecordersService } from '../recorders/recorders.service';
import { TradersService } from '../recorders/traders.service';
import { VirtualBookService } from '../recorders/virtual-book.service';
import { SignalsService } from '../signals/signals.service';
import { priceSourceView } from './price-source-view';

/** Everything the dashboard shows, gathered in one place for the page and for live refreshes. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly recorders: RecordersService,
    private readonly traders: TradersService,
    private readonly book: BookReaderService,
    private readonly virtualBook: VirtualBookService,
    private readonly signals: SignalsService,
    private readonly staleness: MarketDataStalenessService,
    private readonly accountPnl: AccountPnlService,
    private readonly recorderPnl: RecorderPnlService,
    private readonly lossLimits: LossLimitsService,
    @Optional() @Inject(MARKET_DATA_SOURCES) private readonly sources: MarketDataSource[] | null,
  ) {}

  async snapshot() {
    const [accounts, recorders, traders, positions, virtualPositions, signals, trades, accountPnl, recorderPnl] = await Promise.all([
      this.accounts.list(),
      this.recorders.list(),
      this.traders.list(),
      this.book.openPositions(),
      this.virtualBook.listPositions(),
      this.signals.list({ limit: 25 }),
      this.book.listTrades({ limit: 10 }),
      this.accountPnl.all(),
      this.recorderPnl.all(),
    ]);
    const limited = new Set(this.lossLimits.trippedNow().map((t) => t.id));
    const accountName = new Map(accounts.map((a) => [a.id, a.name]));
    const recorderName = new Map(recorders.map((r) => [r.id, r.name]));
    const tradingView = this.sources?.find((s) => s.venue === 'tradingview')?.status() ?? null;
    return {
      tradingView: tradingView?.enabled || recorders.some((r) => r.priceSource === 'tradingview') ? tradingView : null,
      accounts: accounts.map((a) => ({ ...a, traders: traders.filter((t) => t.accountId === a.id).length })),
      recorders: recorders.map((r) => ({
        id: r.id,
        name: r.name,
        symbol: r.symbol,
        quantity: r.quantity,
        exits: describeExitRules(r),
        enabled: r.enabled,
        priceSource: priceSourceView(r.priceSource, tradingView),
        traders: traders.filter((t) => t.recorderId === r.id).map((t) => ({ account: accountName.get(t.accountId) ?? t.accountId, multiplier: t.multiplier, enabled: t.enabled })),
        virtual: virtualPositions.filter((p) => p.recorderId === r.id && p.netPos !== 0).map((p) => ({ contract: p.contract, netPos: p.netPos, avgPrice: p.avgPrice })),
      })),
      positions: positions.map((p) => ({
        ...p,
        account: accountName.get(p.accountId) ?? p.accountId,
        recorder: p.recorderId ? recorderName.get(p.recorderId) ?? null : null,
        lastQuoteAt: this.staleness.statusOf(p.accountId, p.marketData.venue).lastQuoteAt,
      })),
      signals: signals.map((s) => ({
        id: s.id,
        receivedAt: s.receivedAt,
        recorder: recorderName.get(s.recorderId) ?? s.recorderId,
        /** the alert format it was read as (native, traderspost, crosstrade, ...) */
        dialect: s.dialect,
        action: s.action,
        symbol: s.symbol,
        quantity: s.quantity,
        price: s.price,
        status: s.status,
        reason: s.reason,
      })),
      trades: trades.map((t) => ({ ...t, account: accountName.get(t.accountId) ?? t.accountId })),
      pnl: {
        tradingDay: accountPnl[0]?.tradingDay ?? recorderPnl[0]?.tradingDay ?? this.accountPnl.today(),
        accounts: accountPnl.map((p) => ({ ...p, limitReached: limited.has(p.accountId) })),
        recorders: recorderPnl.map((p) => ({ ...p, limitReached: limited.has(p.recorderId) })),
      },
    };
  }
}
