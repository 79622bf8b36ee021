import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventBus } from '../../core/bus/event-bus';
import { FillReceived, OrderUpdated } from '../../core/bus/events';
import { Clock } from '../../core/clock';
import { newId } from '../../core/ids';
import { applyFill, FLAT_LEDGER, LedgerState, ledgerAvgPrice } from '../../core/positions/position-ledger';
import { specForContract } from '../../core/positions/spec-for-contract';
import { inTransaction } from '../../database/transactions';
import { SignalsService } from '../signals/signals.service';
import { Fill } from './entities/fill.entity';
import { insertFillRow } from './fill-rows';
import { Order, OrderState } from './entities/order.entity';
import { Position } from './entities/position.entity';
import { Trade } from './entities/trade.entity';
import { TradingStateService } from './trading-state.service';
import { bookQuantityOnly, ledgerUnusable } from './unbooked-fill';

const STATUS: Record<string, OrderState> = { PendingNew: 'pending', Working: 'working', Filled: 'filled', Canceled: 'canceled', Rejected: 'rejected' };

/**
 * Broker reports -> our book. A fill is recorded once (unique broker fill id), moves the position,
 * and closes trades; nothing else writes positions or trades. A fill that cannot be booked halts
 * its account (see fillNotBooked).
 */
@Injectable()
export class FillRecorderService implements OnModuleInit {
  private readonly logger = new Logger('Fills');

  constructor(
    private readonly bus: EventBus,
    private readonly signals: SignalsService,
    private readonly clock: Clock,
    private readonly tradingState: TradingStateService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.bus.inLanes(['FillReceived', 'OrderUpdated'], 'fill-recorder', (e) => e.accountId, (e) =>
      e.type === 'FillReceived' ? this.recordFill(e) : this.updateOrder(e),
    );
  }

  async updateOrder(event: OrderUpdated): Promise<void> {
    await this.storeOrderReport(event);
    this.bus.publish({ type: 'OrderRecorded', ts: this.clock.nowIso(), accountId: event.accountId, order: event.order });
  }

  private async storeOrderReport(event: OrderUpdated): Promise<void> {
    const { order } = event;
    // our row is written as pending before the broker sees the order: nothing new to record
    if (order.status === 'PendingNew') return;
    // a broker may report an order without our clOrdId (a Tradovate liquidation): match its order id instead
    const where = order.clOrdId ? { accountId: event.accountId, clOrdId: order.clOrdId } : { accountId: event.accountId, brokerOrderId: order.brokerOrderId };
    if (!order.clOrdId && !order.brokerOrderId) return;
    // one statement that changes nothing when the row already says so (a broker re-sending its state)
    await this.db
      .createQueryBuilder()
      .update(Order)
      .set({
        status: STATUS[order.status] ?? 'pending',
        brokerOrderId: order.brokerOrderId,
        filledQuantity: order.filledQuantity,
        avgFillPrice: order.avgFillPrice,
        ...(order.rejectReason ? { rejectReason: order.rejectReason } : {}),
        updatedAt: this.clock.nowIso(),
      })
      .where(where)
      .andWhere('("status" <> :status OR "filledQuantity" <> :filled)', { status: STATUS[order.status] ?? 'pending', filled: order.filledQuantity })
      .execute();
  }

  async recordFill(event: FillReceived): Promise<void> {
    const { fill, accountId } = event;
    let outcome: Awaited<ReturnType<FillRecorderService['bookFill']>>;
    try {
      outcome = await this.bookFill(event);
    } catch (error) {
      return this.fillNotBooked(event, error as Error);
    }
    if (!outcome) return;
    const ts = this.clock.nowIso();
    await this.signals.record(outcome.order?.signalId ?? null, 'filled', `${fill.action} ${fill.quantity} @ ${fill.price}; position now ${outcome.state.netPos}`, accountId, ts);
    this.bus.publish({ type: 'PositionChanged', ts, accountId, contract: fill.contract, netPos: outcome.state.netPos, avgPrice: outcome.avgPrice });
    for (const trade of outcome.trades) {
      this.bus.publish({ type: 'TradeClosed', ts, accountId, tradeId: trade.id, contract: trade.contract, pnlUsd: trade.pnlUsd });
    }
  }

  private bookFill(event: FillReceived) {
    const { fill, accountId } = event;
    return inTransaction(this.db, async (tx) => {
      if (await tx.getRepository(Fill).exist({ where: { accountId, brokerFillId: fill.brokerFillId } })) return null;
      const orders = tx.getRepository(Order);
      const order =
        (fill.clOrdId ? await orders.findOneBy({ accountId, clOrdId: fill.clOrdId }) : null) ??
        (fill.brokerOrderId ? await orders.findOneBy({ accountId, brokerOrderId: fill.brokerOrderId }) : null);
      await insertFillRow(tx, accountId, fill, order);
      const spec = specForContract(fill.contract);
      const positions = tx.getRepository(Position);
      const row = await positions.findOneBy({ accountId, contract: fill.contract });
      const before: LedgerState = row ? JSON.parse(row.ledger) : FLAT_LEDGER;
      if (ledgerUnusable(before)) throw new Error('the position has no usable ledger since an earlier fill could not be booked');
      const { state, closed } = applyFill(before, { action: fill.action, quantity: fill.quantity, price: fill.price, ts: fill.ts }, spec);
      const recorderId = before.netPos === 0 ? order?.recorderId ?? null : row?.recorderId ?? null;
      const avgPrice = ledgerAvgPrice(state, spec);
      // the exits belong to the position: fixed by the fill that opens it (or opens the new side of
      // a flip), kept through adds and partial exits, gone when it is flat
      const opened = state.netPos !== 0 && Math.sign(state.netPos) !== Math.sign(before.netPos);
      const exits = state.netPos === 0
        ? { exitPlan: null, positionKey: null }
        : opened
          ? { exitPlan: order?.exitPlan ?? null, positionKey: newId() }
          : { exitPlan: row?.exitPlan ?? null, positionKey: row?.positionKey ?? null };
      // the row was just read: one INSERT or one UPDATE, never save()'s read-before-write
      const written = { netPos: state.netPos, avgPrice, ledger: JSON.stringify(state), recorderId, ...exits, updatedAt: this.clock.nowIso() };
      if (row) await positions.update({ accountId, contract: fill.contract }, written);
      else await positions.insert({ accountId, contract: fill.contract, ...written });
      const trades = closed.map((t) => ({ id: newId(), accountId, recorderId: row?.recorderId ?? recorderId, contract: fill.contract, ...t }));
      for (const trade of trades) await tx.getRepository(Trade).insert(trade);
      return { order, state, avgPrice, trades };
    });
  }

  /**
   * A fill the ledger cannot hold never leaves the book silently behind the broker: its quantity is
   * booked without a price, the account is halted until re-armed, and it is said loudly.
   */
  private async fillNotBooked(event: FillReceived, error: Error): Promise<void> {
    const { fill, accountId } = event;
    const price = fill.price.length > 24 ? `${fill.price.slice(0, 24)}...` : fill.price;
    const reason = `${fill.action} ${fill.quantity} ${fill.contract} @ ${price} (broker fill ${fill.brokerFillId}) could not be booked: ${error.message}`;
    this.logger.error(`account ${accountId}: ${reason}; trading on the account halted`);
    let order: Order | null = null;
    let netPos: number | null = null;
    try {
      ({ order, netPos } = await inTransaction(this.db, async (tx) => {
        const found = (fill.clOrdId ? await tx.getRepository(Order).findOneBy({ accountId, clOrdId: fill.clOrdId }) : null) ?? (fill.brokerOrderId ? await tx.getRepository(Order).findOneBy({ accountId, brokerOrderId: fill.brokerOrderId }) : null);
        return { order: found, netPos: await bookQuantityOnly(tx, accountId, fill, found, this.clock.nowIso()) };
      }));
    } catch (bookError) {
      this.logger.error(`account ${accountId}: not even the quantity of broker fill ${fill.brokerFillId} could be stored: ${(bookError as Error).message}`);
    }
    await this.tradingState.haltAccount(accountId, reason);
    const ts = this.clock.nowIso();
    this.bus.publish({ type: 'FillUnrecorded', ts, accountId, contract: fill.contract, brokerFillId: fill.brokerFillId, reason });
    await this.signals.record(order?.signalId ?? null, 'fill_not_booked', `${reason}; position now ${netPos ?? 'unknown'}; trading on the account halted until re-armed`, accountId, ts);
    if (netPos !== null) this.bus.publish({ type: 'PositionChanged', ts, accountId, contract: fill.contract, netPos, avgPrice: null });
  }
}
