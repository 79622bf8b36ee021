import { NO_TX } from '../../database/transactions';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import { Clock } from '../../core/clock';
import { ExitPlan } from '../../core/exits/exit-plan';
import { WatchState } from '../../core/exits/exit-watch';
import { newId } from '../../core/ids';
import { OrderPlan } from '../../core/positions/order-plan';
import { applyFill, ClosedTrade, FLAT_LEDGER, LedgerState, ledgerAvgPrice } from '../../core/positions/position-ledger';
import { specForContract } from '../../core/positions/spec-for-contract';
import { RecorderPosition } from './entities/recorder-position.entity';
import { RecorderTrade } from './entities/recorder-trade.entity';

/** Each recorder's virtual position and trades at alert prices: what TradingView's P&L shows. */
@Injectable()
export class VirtualBookService {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    @InjectRepository(RecorderPosition) private readonly positions: Repository<RecorderPosition>,
    @InjectRepository(RecorderTrade) private readonly trades: Repository<RecorderTrade>,
    private readonly clock: Clock,
  ) {}

  async netPos(recorderId: string, contract: string): Promise<number> {
    return (await this.positions.findOneBy({ recorderId, contract }))?.netPos ?? 0;
  }

  /**
   * Runs `work` alone for this recorder and contract: an alert's virtual fill and the virtual exit
   * watch read the position and write it back, and must never interleave.
   */
  exclusive<T>(recorderId: string, contract: string, work: () => Promise<T>): Promise<T> {
    const k = `${recorderId}|${contract}`;
    const next = (this.locks.get(k) ?? Promise.resolve()).catch(() => undefined).then(work);
    this.locks.set(k, next);
    void next.catch(() => undefined).finally(() => {
      if (this.locks.get(k) === next) this.locks.delete(k);
    });
    return next;
  }

  /**
   * Fills the plan's orders virtually at `price`; returns the round trips it closed. A fill that
   * opens the position (from flat, or the new side) fixes its exits to `exitPlan`; adds keep them.
   */
  async apply(recorderId: string, contract: string, plan: OrderPlan, price: string, exitPlan?: ExitPlan | null): Promise<ClosedTrade[]> {
    const spec = specForContract(contract);
    const row = await this.positions.findOneBy({ recorderId, contract });
    let ledger: LedgerState = row ? JSON.parse(row.ledger) : FLAT_LEDGER;
    const closed: ClosedTrade[] = [];
    const ts = this.clock.nowIso();
    let opened = false;
    for (const step of plan.steps) {
      const before = ledger.netPos;
      const result = applyFill(ledger, { action: step.action, quantity: step.quantity, price, ts }, spec);
      ledger = result.state;
      closed.push(...result.closed);
      if (ledger.netPos !== 0 && Math.sign(ledger.netPos) !== Math.sign(before)) opened = true;
    }
    const exits =
      ledger.netPos === 0
        ? { exitPlan: null, exitWatch: null, positionKey: null }
        : opened
          ? { exitPlan: exitPlan ? JSON.stringify(exitPlan) : null, exitWatch: null, positionKey: newId() }
          : { exitPlan: row?.exitPlan ?? null, exitWatch: row?.exitWatch ?? null, positionKey: row?.positionKey ?? null };
    await this.positions.save({
      recorderId,
      contract,
      ledger: JSON.stringify(ledger),
      netPos: ledger.netPos,
      avgPrice: ledgerAvgPrice(ledger, spec),
      ...exits,
      updatedAt: ts,
    }, NO_TX);
    for (const trade of closed) await this.trades.insert({ id: newId(), recorderId, contract, ...trade });
    return closed;
  }

  /** Open virtual positions of a contract that carry exits (the watch's work list). */
  openWithExits(contract: string): Promise<RecorderPosition[]> {
    return this.positions.find({ where: { contract, netPos: Not(0), exitPlan: Not(IsNull()) } });
  }

  /** Open virtual positions of a contract (the DCA ladder's work list). */
  openOn(contract: string): Promise<RecorderPosition[]> {
    return this.positions.find({ where: { contract, netPos: Not(0) } });
  }

  get(recorderId: string, contract: string): Promise<RecorderPosition | null> {
    return this.positions.findOneBy({ recorderId, contract });
  }

  /** Stores what the exit watch remembers about the current virtual position. */
  async saveWatch(recorderId: string, contract: string, state: WatchState): Promise<void> {
    await this.positions.update({ recorderId, contract }, { exitWatch: JSON.stringify(state) });
  }

  listPositions(recorderId?: string): Promise<RecorderPosition[]> {
    return this.positions.find({ where: recorderId ? { recorderId } : {}, order: { updatedAt: 'DESC' } });
  }

  listTrades(recorderId?: string, limit = 100): Promise<RecorderTrade[]> {
    return this.trades.find({ where: recorderId ? { recorderId } : {}, order: { closedAt: 'DESC' }, take: limit });
  }
}
