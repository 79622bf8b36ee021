import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, Repository } from 'typeorm';
import { parseExitPlan } from '../../core/exits/exit-plan';
import { openPnlTicks, realizedOpenUsd } from '../../core/positions/position-ledger';
import { specForContract } from '../../core/positions/spec-for-contract';
import { priceToTicks, ticksToPrice, ticksToUsd } from '../../core/money';
import { AccountVenuesService } from '../market-data/account-venues.service';
import { LastQuotesService } from '../market-data/last-quotes.service';
import { MarketDataStalenessService } from '../market-data/market-data-staleness.service';
import { BookQueryDto } from './dto/book-query.dto';
import { Order } from './entities/order.entity';
import { Position } from './entities/position.entity';
import { Trade } from './entities/trade.entity';

/**
 * Read side of the book: open positions with open P&L at the last quote of the venue that holds
 * them (a Tradovate position at Tradovate's price, never a paper or alert price), orders, trades.
 */
@Injectable()
export class BookReaderService {
  constructor(
    @InjectRepository(Position) private readonly positions: Repository<Position>,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(Trade) private readonly trades: Repository<Trade>,
    private readonly quotes: LastQuotesService,
    private readonly venues: AccountVenuesService,
    private readonly staleness: MarketDataStalenessService,
  ) {}

  async openPositions(query: BookQueryDto = {}) {
    const rows = await this.positions.find({ where: { netPos: Not(0), ...filterOf(query) }, order: { updatedAt: 'DESC' } });
    const venues = new Map<string, Awaited<ReturnType<AccountVenuesService['venueOf']>>>();
    for (const row of rows) if (!venues.has(row.accountId)) venues.set(row.accountId, await this.venues.venueOf(row.accountId));
    return rows.map((row) => {
      const spec = specForContract(row.contract);
      const venue = venues.get(row.accountId) ?? null;
      const quoted = venue ? this.quotes.lastPrice(venue, row.contract) : null;
      const stale = this.staleness.isStale(row.accountId, row.contract);
      const exitPlan = parseExitPlan(row.exitPlan);
      const mark = quoted === null ? null : ticksToPrice(priceToTicks(quoted, spec), spec);
      const ledger = JSON.parse(row.ledger);
      const ticks = mark ? openPnlTicks(ledger, mark, spec) : null;
      return {
        accountId: row.accountId,
        recorderId: row.recorderId,
        contract: row.contract,
        side: row.netPos > 0 ? 'LONG' : 'SHORT',
        netPos: row.netPos,
        quantity: Math.abs(row.netPos),
        avgPrice: row.avgPrice,
        lastPrice: mark,
        openPnlTicks: ticks,
        openPnlUsd: ticks === null ? null : ticksToUsd(ticks, 1, spec),
        /** taken off this position so far (partial exits), not yet a closed trade */
        realizedPnlUsd: realizedOpenUsd(ledger, spec),
        exitPlan,
        /** the market that prices this position, and whether it went quiet (when: GET /api/status) */
        marketData: { venue, stale },
        /** software exits: watching the venue's price, or blind while its market data is stale */
        exitWatch: exitPlan ? (stale ? 'blind' : 'watching') : null,
        updatedAt: row.updatedAt,
      };
    });
  }

  listOrders(query: BookQueryDto = {}) {
    return this.orders.find({ where: filterOf(query), order: { createdAt: 'DESC' }, take: query.limit ?? 100 });
  }

  listTrades(query: BookQueryDto = {}) {
    return this.trades.find({ where: filterOf(query), order: { closedAt: 'DESC' }, take: query.limit ?? 100 });
  }
}

function filterOf(query: BookQueryDto) {
  return { ...(query.accountId ? { accountId: query.accountId } : {}), ...(query.recorderId ? { recorderId: query.recorderId } : {}) };
}
