import { NO_TX } from '../../database/transactions';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../core/clock';
import { newId } from '../../core/ids';
import { OrderPlan } from '../../core/positions/order-plan';
import { applyFill, ClosedTrade, FLAT_LEDGER, LedgerState, ledgerAvgPrice } from '../../core/positions/position-ledger';
import { specForContract } from '../../core/positions/spec-for-contract';
import { RecorderPosition } from './entities/recorder-position.entity';
import { RecorderTrade } from './entities/recorder-trade.entity';

/** Each recorder's virtual position and trades at alert prices: what TradingView's P&L shows. */
@Injectable()
export class VirtualBookService {
  constructor(
    @InjectRepository(RecorderPosition) private readonly positions: Repository<RecorderPosition>,
    @InjectRepository(RecorderTrade) private readonly trades: Repository<RecorderTrade>,
    private readonly clock: Clock,
  ) {}

  async netPos(recorderId: string, contract: string): Promise<number> {
    return (await this.positions.findOneBy({ recorderId, contract }))?.netPos ?? 0;
  }

  /** Fills the plan's orders virtually at `price`; returns the round trips it closed. */
  async apply(recorderId: string, contract: string, plan: OrderPlan, price: string): Promise<ClosedTrade[]> {
    const spec = specForContract(contract);
    const row = await this.positions.findOneBy({ recorderId, contract });
    let ledger: LedgerState = row ? JSON.parse(row.ledger) : FLAT_LEDGER;
    const closed: ClosedTrade[] = [];
    const ts = this.clock.nowIso();
    for (const step of plan.steps) {
      const result = applyFill(ledger, { action: step.action, quantity: step.quantity, price, ts }, spec);
      ledger = result.state;
      closed.push(...result.closed);
    }
    await this.positions.save({
      recorderId,
      contract,
      ledger: JSON.stringify(ledger),
      netPos: ledger.netPos,
      avgPrice: ledgerAvgPrice(ledger, spec),
      updatedAt: ts,
    }, NO_TX);
    for (const trade of closed) await this.trades.insert({ id: newId(), recorderId, contract, ...trade });
    return closed;
  }

  listPositions(recorderId?: string): Promise<RecorderPosition[]> {
    return this.positions.find({ where: recorderId ? { recorderId } : {}, order: { updatedAt: 'DESC' } });
  }

  listTrades(recorderId?: string, limit = 100): Promise<RecorderTrade[]> {
    return this.trades.find({ where: recorderId ? { recorderId } : {}, order: { closedAt: 'DESC' }, take: limit });
  }
}
