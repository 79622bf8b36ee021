import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'crypto';
import { Repository } from 'typeorm';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { ExitPlan } from '../../core/exits/exit-plan';
import { newId } from '../../core/ids';
import { Broker, OrderAction } from '../broker/broker.port';
import { BrokerRegistry } from '../broker/broker-registry';
import { SignalsService } from '../signals/signals.service';
import { Order, OrderPurpose } from './entities/order.entity';
import { EntryGuards } from './entry-guards';
import { OrderLimits } from './order-limits';
import { OrderTracker } from './order-tracker';
import { StaleEntryGuard } from './stale-entry-guard';
import { TradingStateService } from './trading-state.service';

const ORDER_FINAL_TIMEOUT_MS = 10_000;

/** Who an order is for and why: carried onto the order row and the signal's timeline. */
export interface OrderContext {
  accountId: string;
  contract: string;
  signalId: string | null;
  traderId: string | null;
  recorderId: string | null;
  /** an entry's exits, written on its order row (the fill recorder copies them onto the position it opens) */
  exitPlan?: ExitPlan | null;
}

export type OrderOutcome =
  | { status: 'filled'; orderId: string }
  | { status: 'rejected' | 'canceled' | 'timeout' | 'blocked' | 'stale'; orderId: string | null; reason: string }
  | { status: 'duplicate'; orderId: string };

/**
 * The one door to the brokers: the risk step (trading state, then the account and trader limits), the order row written before the
 * broker sees the order (its clOrdId is unique, so a retry can never place twice), the broker call,
 * and the wait for the broker's final word. Entries and exits both go through here.
 */
@Injectable()
export class OrderGateway {
  constructor(
    private readonly bus: EventBus,
    private readonly registry: BrokerRegistry,
    private readonly tracker: OrderTracker,
    private readonly tradingState: TradingStateService,
    private readonly signals: SignalsService,
    private readonly staleEntries: StaleEntryGuard,
    private readonly clock: Clock,
    private readonly entryGuards: EntryGuards,
    private readonly limits: OrderLimits,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
  ) {}

  broker(accountId: string): Promise<{ broker: Broker; accountRef: string }> {
    return this.registry.resolve(accountId);
  }

  /** The broker's signed position; throws when it cannot be read (never taken as flat). */
  async readPosition(accountId: string, contract: string): Promise<number> {
    const { broker, accountRef } = await this.broker(accountId);
    return (await broker.getPosition(accountRef, contract)).netPos;
  }

  orderExists(clOrdId: string): Promise<boolean> {
    return this.orders.exist({ where: { clOrdId } });
  }

  findOrder(clOrdId: string): Promise<Order | null> {
    return this.orders.findOneBy({ clOrdId });
  }

  /** Sends one market order and waits until the broker says it is final. */
  async placeMarket(ctx: OrderContext, action: OrderAction, quantity: number, purpose: OrderPurpose, clOrdId: string): Promise<OrderOutcome> {
    const reducing = purpose === 'close' || purpose === 'reduce' || purpose === 'flatten';
    const halted = this.tradingState.haltedReason();
    if (halted && !reducing) return { status: 'blocked', orderId: null, reason: `trading halted: ${halted}` };
    const refused = reducing ? null : await this.entryGuards.blockReason(ctx.accountId);
    if (refused) return { status: 'blocked', orderId: null, reason: refused };
    const existing = await this.findOrder(clOrdId);
    if (existing) return { status: 'duplicate', orderId: existing.id };
    const stale = await this.staleEntries.refuse(ctx.signalId, ctx.accountId, purpose);
    if (stale) return { status: 'stale', orderId: null, reason: stale };
    const overLimit = await this.limits.check({ ...ctx, action, quantity, purpose }, () => this.readPosition(ctx.accountId, ctx.contract));
    if (overLimit) {
      await this.signals.record(ctx.signalId, 'order_blocked', overLimit, ctx.accountId);
      return { status: 'blocked', orderId: null, reason: overLimit };
    }
    const { broker, accountRef } = await this.broker(ctx.accountId);
    const order = this.newOrder(ctx, action, quantity, purpose, clOrdId);
    await this.orders.insert(order);
    const final = this.tracker.waitForFinal(ctx.accountId, clOrdId, ORDER_FINAL_TIMEOUT_MS);
    await this.signals.record(ctx.signalId, 'order_submitted', `${action} ${quantity} ${ctx.contract} Market (${purpose})`, ctx.accountId);
    const result = await broker.placeOrder({ accountRef, contract: ctx.contract, action, quantity, orderType: 'Market', clOrdId });
    if (!result.accepted) {
      await this.orders.update({ id: order.id }, { status: 'rejected', rejectReason: result.reason, rejectText: result.text.slice(0, 500), updatedAt: this.clock.nowIso() });
      this.bus.publish({ type: 'OrderRejected', ts: this.clock.nowIso(), accountId: ctx.accountId, orderId: order.id, signalId: ctx.signalId, reason: result.reason, text: result.text });
      await this.signals.record(ctx.signalId, 'order_rejected', `${result.reason}: ${result.text}`, ctx.accountId);
      return { status: 'rejected', orderId: order.id, reason: `${result.reason}: ${result.text}` };
    }
    await this.orders.update({ id: order.id }, { brokerOrderId: result.brokerOrderId, updatedAt: this.clock.nowIso() });
    this.bus.publish({ type: 'OrderSent', ts: this.clock.nowIso(), accountId: ctx.accountId, orderId: order.id, brokerOrderId: result.brokerOrderId, signalId: ctx.signalId });
    await this.signals.record(ctx.signalId, 'order_acknowledged', `broker order ${result.brokerOrderId}`, ctx.accountId);
    const outcome = await final;
    if (outcome.status === 'Filled') return { status: 'filled', orderId: order.id };
    const status = outcome.status === 'timeout' ? 'timeout' : outcome.status === 'Rejected' ? 'rejected' : 'canceled';
    await this.signals.record(ctx.signalId, `order_${status}`, outcome.reason, ctx.accountId);
    return { status, orderId: order.id, reason: outcome.reason ?? status };
  }

  /** An order row still pending after its contract's working orders were cancelled never reached the broker. */
  async markNeverSent(clOrdId: string): Promise<void> {
    await this.orders.update({ clOrdId, status: 'pending' }, { status: 'canceled', rejectReason: 'NotAtBroker', rejectText: 'no answer from the broker, and not among its orders after a cancel: never placed', updatedAt: this.clock.nowIso() });
  }

  /** Cancels every working order of the account on the contract (before any market exit). */
  async cancelWorking(ctx: OrderContext): Promise<number> {
    const { broker, accountRef } = await this.broker(ctx.accountId);
    const working = (await broker.listOrders(accountRef)).filter((o) => o.contract === ctx.contract && (o.status === 'Working' || o.status === 'PendingNew'));
    for (const order of working) {
      const result = await broker.cancelOrder(accountRef, order.brokerOrderId);
      await this.signals.record(ctx.signalId, 'order_cancel', `working ${order.orderType} ${order.action} ${order.quantity}: ${result.ok ? 'cancelled' : result.text}`, ctx.accountId);
    }
    return working.length;
  }

  private newOrder(ctx: OrderContext, action: OrderAction, quantity: number, purpose: OrderPurpose, clOrdId: string): Order {
    const now = this.clock.nowIso();
    return this.orders.create({
      id: newId(),
      accountId: ctx.accountId,
      contract: ctx.contract,
      action,
      quantity,
      orderType: 'Market',
      price: null,
      purpose,
      clOrdId,
      status: 'pending',
      brokerOrderId: null,
      filledQuantity: 0,
      avgFillPrice: null,
      rejectReason: null,
      rejectText: null,
      signalId: ctx.signalId,
      traderId: ctx.traderId,
      recorderId: ctx.recorderId,
      exitPlan: ctx.exitPlan && (purpose === 'open' || purpose === 'add') ? JSON.stringify(ctx.exitPlan) : null,
      createdAt: now,
      updatedAt: now,
    });
  }
}

/** The broker sees at most 64 characters; one key per step of one request. */
export function clOrdIdFor(idempotencyKey: string, step: number | string): string {
  return `jt-${createHash('sha256').update(`${idempotencyKey}#${step}`).digest('hex').slice(0, 40)}`;
}
