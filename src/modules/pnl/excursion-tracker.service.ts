import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { compareDecimal } from '../../core/money';
import { AccountDirectory } from '../accounts/account-directory.service';
import { Trade } from '../execution/entities/trade.entity';
import { AccountVenuesService } from '../market-data/account-venues.service';
import { AccountPnlService } from './account-pnl.service';
import { TradeExcursion } from './entities/trade-excursion.entity';

/**
 * MFE / MAE per broker round trip: on each quote of the account's own venue, the open P&L of each
 * position widens its best and worst so far (stored, so a restart keeps them); the trade id is
 * attached when the round trip closes.
 */
@Injectable()
export class ExcursionTracker implements OnModuleInit {
  private readonly writes = new Map<string, Promise<unknown>>();

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly accounts: AccountDirectory,
    private readonly venues: AccountVenuesService,
    private readonly pnl: AccountPnlService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.bus.on('QuoteReceived', 'pnl-excursions', async (q) => {
      for (const account of await this.accounts.list()) {
        if ((await this.venues.venueOf(account.id)) === q.venue) await this.mark(account.id, q.contract);
      }
    });
    this.bus.on('TradeClosed', 'pnl-excursions-close', (e) => this.attach(e.accountId, e.tradeId));
  }

  /** The closed trades of an account with their excursions, newest first. */
  async trades(accountId: string, limit = 100) {
    const trades = await this.db.getRepository(Trade).find({ where: { accountId }, order: { closedAt: 'DESC' }, take: limit });
    const rows = trades.length ? await this.db.getRepository(TradeExcursion).find({ where: { tradeId: In(trades.map((t) => t.id)) } }) : [];
    const byTrade = new Map(rows.map((r) => [r.tradeId, r]));
    return trades.map((t) => ({ ...t, maxFavorableUsd: byTrade.get(t.id)?.maxFavorableUsd ?? null, maxAdverseUsd: byTrade.get(t.id)?.maxAdverseUsd ?? null }));
  }

  private async mark(accountId: string, contract: string): Promise<void> {
    const position = (await this.pnl.forAccount(accountId)).positions.find((p) => p.contract === contract);
    if (!position?.openedAt || position.mark === null) return;
    const openedAt = position.openedAt;
    await this.serial(`${accountId}|${contract}`, async () => {
      const repo = this.db.getRepository(TradeExcursion);
      const row = await repo.findOneBy({ accountId, contract, openedAt });
      const best = !row || compareDecimal(position.openUsd, row.maxFavorableUsd) > 0 ? position.openUsd : row.maxFavorableUsd;
      const worst = !row || compareDecimal(position.openUsd, row.maxAdverseUsd) < 0 ? position.openUsd : row.maxAdverseUsd;
      if (row && best === row.maxFavorableUsd && worst === row.maxAdverseUsd) return;
      // one statement, no transaction of its own: SQLite shares one connection (see database/transactions.ts)
      await repo.upsert({ accountId, contract, openedAt, tradeId: row?.tradeId ?? null, maxFavorableUsd: best, maxAdverseUsd: worst, updatedAt: this.clock.nowIso() }, ['accountId', 'contract', 'openedAt']);
    });
  }

  private async attach(accountId: string, tradeId: string): Promise<void> {
    const trade = await this.db.getRepository(Trade).findOneBy({ id: tradeId });
    if (!trade) return;
    await this.serial(`${accountId}|${trade.contract}`, () =>
      this.db.getRepository(TradeExcursion).update({ accountId, contract: trade.contract, openedAt: trade.openedAt }, { tradeId, updatedAt: this.clock.nowIso() }),
    );
  }

  private serial(key: string, work: () => Promise<unknown>): Promise<unknown> {
    const next = (this.writes.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    this.writes.set(key, next);
    return next;
  }
}
