import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/clock';
import { priceToTicks, ticksToPrice } from '../../core/money';
import { openUsd, totalUsd } from '../../core/pnl/fill-pnl';
import { tradingDayOf } from '../../core/pnl/trading-day';
import { LedgerState, realizedOpenUsd } from '../../core/positions/position-ledger';
import { specForContract } from '../../core/positions/spec-for-contract';
import { LastQuotesService } from '../market-data/last-quotes.service';
import { RecorderPosition } from '../recorders/entities/recorder-position.entity';
import { RecorderTrade } from '../recorders/entities/recorder-trade.entity';
import { RecordersService } from '../recorders/recorders.service';
import type { PositionPnl } from './account-pnl.service';

export interface RecorderPnl {
  recorderId: string;
  name: string;
  tradingDay: string;
  realizedUsd: string;
  openUsd: string;
  dayPnlUsd: string;
  dailyLossLimit: string | null;
  positions: PositionPnl[];
}

/**
 * A recorder's virtual P&L at TradingView prices (the 'paper' venue: alert and API prices): its
 * virtual round trips closed in the trading day, partial exits of the open one, and open P&L now.
 */
@Injectable()
export class RecorderPnlService {
  constructor(
    private readonly clock: Clock,
    private readonly recorders: RecordersService,
    private readonly quotes: LastQuotesService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async forRecorder(recorderId: string, day = tradingDayOf(this.clock.now())): Promise<RecorderPnl> {
    const recorder = await this.recorders.get(recorderId);
    const [trades, rows] = await Promise.all([
      this.db.getRepository(RecorderTrade).find({ where: { recorderId } }),
      this.db.getRepository(RecorderPosition).find({ where: { recorderId } }),
    ]);
    const closedToday = trades.filter((t) => tradingDayOf(new Date(t.closedAt)) === day).map((t) => t.pnlUsd);
    const partials: string[] = [];
    const positions: PositionPnl[] = [];
    for (const row of rows) {
      if (row.netPos === 0) continue;
      const spec = specForContract(row.contract);
      const ledger = JSON.parse(row.ledger) as LedgerState;
      const quoted = this.quotes.lastPrice('paper', row.contract);
      const mark = quoted === null ? null : ticksToPrice(priceToTicks(quoted, spec), spec);
      partials.push(realizedOpenUsd(ledger, spec));
      positions.push({ contract: row.contract, netPos: row.netPos, openedAt: ledger.trade?.openedAt ?? null, mark, openUsd: mark === null ? '0.00' : openUsd(ledger, mark, spec) });
    }
    const realizedUsd = totalUsd([...closedToday, ...partials]);
    const open = totalUsd(positions.map((p) => p.openUsd));
    return {
      recorderId,
      name: recorder.name,
      tradingDay: day,
      realizedUsd,
      openUsd: open,
      dayPnlUsd: totalUsd([realizedUsd, open]),
      dailyLossLimit: recorder.dailyLossLimit,
      positions,
    };
  }

  async all(day?: string): Promise<RecorderPnl[]> {
    return Promise.all((await this.recorders.list()).map((r) => this.forRecorder(r.id, day)));
  }

  /** Closed virtual results per trading day, oldest first. */
  async days(recorderId: string) {
    const trades = await this.db.getRepository(RecorderTrade).find({ where: { recorderId } });
    const byDay = new Map<string, string[]>();
    for (const t of trades) {
      const day = tradingDayOf(new Date(t.closedAt));
      byDay.set(day, [...(byDay.get(day) ?? []), t.pnlUsd]);
    }
    return [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, pnls]) => ({ day, realizedUsd: totalUsd(pnls), trades: pnls.length }));
  }
}
