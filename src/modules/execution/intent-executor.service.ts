import { NO_TX } from '../../database/transactions';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'crypto';
import { Repository } from 'typeorm';
import { EventBus } from '../../core/bus/event-bus';
import { TradeIntent } from '../../core/bus/events';
import { Clock } from '../../core/clock';
import { newId } from '../../core/ids';
import { OrderPlan, PlanStep, planEnter, planExit, planReduce } from '../../core/positions/order-plan';
import { Broker } from '../broker/broker.port';
import { BrokerRegistry } from '../broker/broker-registry';
import { SignalsService } from '../signals/signals.service';
import { Order, OrderPurpose } from './entities/order.entity';
import { OrderTracker } from './order-tracker';
import { TradingStateService } from './trading-state.service';

const ORDER_FINAL_TIMEOUT_MS = 10_000;

/**
 * Intents -> broker orders, one account at a time in arrival order. The broker's position is read
 * before every decision (it is the truth); closes are market orders for exactly the open quantity,
 * sent with the opposite action, after working orders on the contract are cancelled.
 */
@Injectable()
export class IntentExecutorService implements OnModuleInit {
  private readonly logger = new Logger('Execution');

  constructor(
    private readonly bus: EventBus,
    private readonly registry: BrokerRegistry,
    private readonly tracker: OrderTracker,
    private readonly tradingState: TradingStateService,
    private readonly signals: SignalsService,
    private readonly clock: Clock,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
  ) {}

  onModuleInit(): void {
    this.bus.inLanes(['EnterPosition', 'ExitPosition', 'ReducePosition'], 'intent-executor', (e) => e.accountId, (e) => this.execute(e));
  }

  async execute(intent: TradeIntent): Promise<void> {
    const { accountId, signalId } = intent;
    const halted = this.tradingState.haltedReason();
    if (halted && intent.type !== 'ExitPosition') return this.block(intent, `trading halted: ${halted}`);
    if (await this.orders.exist({ where: { clOrdId: clOrdIdFor(intent.idempotencyKey, 0) } })) {
      await this.signals.record(signalId, 'duplicate_intent', 'this intent was already executed; nothing sent', accountId);
      return;
    }
    let target: { broker: Broker; accountRef: string };
    let netPos: number;
    try {
      target = await this.registry.resolve(accountId);
      netPos = (await target.broker.getPosition(target.accountRef, intent.contract)).netPos;
    } catch (error) {
      // fail closed: a position we cannot read is never taken as flat
      return this.block(intent, `cannot read the broker position: ${(error as Error).message}`);
    }
    const plan = this.plan(intent, netPos);
    await this.signals.record(signalId, 'decision', `broker position ${netPos}: ${plan.steps.map((s) => `${s.kind} ${s.action} ${s.quantity}`).join(' then ') || 'nothing to send'}${plan.note ? ` (${plan.note})` : ''}`, accountId);
    for (const [index, step] of plan.steps.entries()) {
      const ok = await this.runStep(intent, target, step, index);
      if (!ok) return;
    }
  }

  private plan(intent: TradeIntent, netPos: number): OrderPlan {
    if (intent.type === 'ExitPosition') return planExit(netPos, intent.side);
    if (intent.type === 'ReducePosition') return planReduce(netPos, intent.side, intent.quantity);
    return planEnter(netPos, intent.side, intent.quantity, { sameSide: intent.sameSide, opposite: intent.opposite, maxQuantity: intent.maxQuantity });
  }

  /** Sends one order and waits until it is final. False stops the rest of the plan. */
  private async runStep(intent: TradeIntent, target: { broker: Broker; accountRef: string }, step: PlanStep, index: number): Promise<boolean> {
    const { accountId, signalId } = intent;
    if (step.kind !== 'open') {
      const stillThere = await this.confirmCloseSize(intent, target, step);
      if (stillThere === null) return false;
      if (stillThere === 0) return true;
      step = { ...step, quantity: stillThere };
      await this.cancelWorkingOrders(intent, target);
    } else if (index > 0) {
      // an entry after a close only goes out once the broker shows the close done
      const after = await target.broker.getPosition(target.accountRef, intent.contract).catch(() => null);
      if (!after || after.netPos !== 0) {
        await this.signals.record(signalId, 'entry_skipped', `position after the close is ${after ? after.netPos : 'unreadable'}, not flat: new side not entered`, accountId);
        return false;
      }
    }
    const order = await this.orders.save(this.newOrder(intent, step, index), NO_TX);
    const final = this.tracker.waitForFinal(accountId, order.clOrdId, ORDER_FINAL_TIMEOUT_MS);
    await this.signals.record(signalId, 'order_submitted', `${step.action} ${step.quantity} ${intent.contract} Market (${order.purpose})`, accountId);
    const result = await target.broker.placeOrder({
      accountRef: target.accountRef,
      contract: intent.contract,
      action: step.action,
      quantity: step.quantity,
      orderType: 'Market',
      clOrdId: order.clOrdId,
    });
    if (!result.accepted) {
      await this.orders.update({ id: order.id }, { status: 'rejected', rejectReason: result.reason, rejectText: result.text, updatedAt: this.clock.nowIso() });
      this.bus.publish({ type: 'OrderRejected', ts: this.clock.nowIso(), accountId, orderId: order.id, signalId, reason: result.reason, text: result.text });
      await this.signals.record(signalId, 'order_rejected', `${result.reason}: ${result.text}`, accountId);
      return false;
    }
    await this.orders.update({ id: order.id }, { brokerOrderId: result.brokerOrderId, updatedAt: this.clock.nowIso() });
    this.bus.publish({ type: 'OrderSent', ts: this.clock.nowIso(), accountId, orderId: order.id, brokerOrderId: result.brokerOrderId, signalId });
    await this.signals.record(signalId, 'order_acknowledged', `broker order ${result.brokerOrderId}`, accountId);
    const outcome = await final;
    if (outcome.status !== 'Filled') {
      await this.signals.record(signalId, `order_${outcome.status.toLowerCase()}`, outcome.reason, accountId);
      return false;
    }
    return true;
  }

  /** Re-reads the broker right before a close: the quantity to close, 0 if already flat, null if unreadable or flipped. */
  private async confirmCloseSize(intent: TradeIntent, target: { broker: Broker; accountRef: string }, step: PlanStep): Promise<number | null> {
    try {
      const { netPos } = await target.broker.getPosition(target.accountRef, intent.contract);
      const expectedSign = step.action === 'Sell' ? 1 : -1;
      if (netPos === 0) {
        await this.signals.record(intent.signalId, 'already_flat', 'broker already flat: no close sent', intent.accountId);
        return 0;
      }
      if (Math.sign(netPos) !== expectedSign) {
        await this.signals.record(intent.signalId, 'close_skipped', `broker position ${netPos} is on the other side: a close would flip it`, intent.accountId);
        return null;
      }
      return Math.min(step.quantity, Math.abs(netPos));
    } catch (error) {
      await this.block(intent, `cannot read the broker position before closing: ${(error as Error).message}`);
      return null;
    }
  }

  private async cancelWorkingOrders(intent: TradeIntent, target: { broker: Broker; accountRef: string }): Promise<void> {
    const working = (await target.broker.listOrders(target.accountRef)).filter(
      (o) => o.contract === intent.contract && (o.status === 'Working' || o.status === 'PendingNew'),
    );
    for (const order of working) {
      const result = await target.broker.cancelOrder(target.accountRef, order.brokerOrderId);
      await this.signals.record(intent.signalId, 'order_cancel', `working ${order.orderType} ${order.action} ${order.quantity}: ${result.ok ? 'cancelled' : result.text}`, intent.accountId);
    }
  }

  private newOrder(intent: TradeIntent, step: PlanStep, index: number): Order {
    const now = this.clock.nowIso();
    const purpose: OrderPurpose = step.kind === 'open' ? step.purpose : step.kind;
    return this.orders.create({
      id: newId(),
      accountId: intent.accountId,
      contract: intent.contract,
      action: step.action,
      quantity: step.quantity,
      orderType: 'Market',
      price: null,
      purpose,
      clOrdId: clOrdIdFor(intent.idempotencyKey, index),
      status: 'pending',
      brokerOrderId: null,
      filledQuantity: 0,
      avgFillPrice: null,
      rejectReason: null,
      rejectText: null,
      signalId: intent.signalId,
      traderId: intent.traderId,
      recorderId: intent.recorderId,
      createdAt: now,
      updatedAt: now,
    });
  }

  private async block(intent: TradeIntent, reason: string): Promise<void> {
    this.logger.warn(`intent for account ${intent.accountId} blocked: ${reason}`);
    this.bus.publish({ type: 'IntentBlocked', ts: this.clock.nowIso(), accountId: intent.accountId, signalId: intent.signalId, reason });
    await this.signals.record(intent.signalId, 'blocked', reason, intent.accountId);
  }
}

/** The broker sees at most 64 characters; one key per step of one intent. */
export function clOrdIdFor(idempotencyKey: string, step: number): string {
  return `jt-${createHash('sha256').update(`${idempotencyKey}#${step}`).digest('hex').slice(0, 40)}`;
}

