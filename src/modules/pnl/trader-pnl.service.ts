import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import { priceToTicks, ticksToPrice } from '../../core/money';
import { openUsd, totalUsd } from '../../core/pnl/fill-pnl';
import { tradingDayOf } from '../../core/pnl/trading-day';
import { LedgerState, realizedOpenUsd } from '../../core/positions/position-ledger';
import { specForContract } from '../../core/positions/spec-for-contract';
import { Position } from '../execution/entities/position.entity';
import { Trade } from '../execution/entities/trade.entity';
import { AccountVenuesService } from '../market-data/account-venues.service';
import { LastQuotesService } from '../market-data/last-quotes.service';
import { TradersService } from '../recorders/traders.service';

export interface TraderPnl {
  traderId: string;
  recorderId: string;
  accountId: string;
  tradingDay: string;
  /** gross: commissions are the account's (see the account's P&L) */
  realizedUsd: string;
  openUsd: string;
  dayPnlUsd: string;
}

/** One trader's share of its account: the broker round trips and open positions its recorder opened there. */
@Injectable()
export class TraderPnlService {
  constructor(
    private readonly traders: TradersService,
    private readonly venues: AccountVenuesService,
    private readonly quotes: LastQuotesService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async all(day: string, filter: { accountId?: string; recorderId?: string } = {}): Promise<TraderPnl[]> {
    const traders = await this.traders.list(filter);
    return Promise.all(traders.map((t) => this.forLink(t.id, t.recorderId, t.accountId, day)));
  }

  private async forLink(traderId: string, recorderId: string, accountId: string, day: string): Promise<TraderPnl> {
    const [trades, positions, venue] = await Promise.all([
      this.db.getRepository(Trade).find({ where: { accountId, recorderId } }),
      this.db.getRepository(Position).find({ where: { accountId, recorderId, netPos: Not(0) } }),
      this.venues.venueOf(accountId),
    ]);
    const realized = trades.filter((t) => tradingDayOf(new Date(t.closedAt)) === day).map((t) => t.pnlUsd);
    const open: string[] = [];
    for (const row of positions) {
      const spec = specForContract(row.contract);
      const ledger = JSON.parse(row.ledger) as LedgerState;
      realized.push(realizedOpenUsd(ledger, spec));
      const quoted = venue ? this.quotes.lastPrice(venue, row.contract) : null;
      if (quoted !== null && ledger.trade) open.push(openUsd(ledger, ticksToPrice(priceToTicks(quoted, spec), spec), spec));
    }
    const realizedUsd = totalUsd(realized);
    const openTotal = totalUsd(open);
    return { traderId, recorderId, accountId, tradingDay: day, realizedUsd, openUsd: openTotal, dayPnlUsd: totalUsd([realizedUsd, openTotal]) };
  }
}
