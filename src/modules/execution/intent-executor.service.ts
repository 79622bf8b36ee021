import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AccountLanes } from '../../core/account-lanes';
import { EventBus } from '../../core/bus/event-bus';
import { EnterPosition } from '../../core/bus/events';
import { Clock } from '../../core/clock';
import { PlanStep, planEnter } from '../../core/positions/order-plan';
import { SignalsService } from '../signals/signals.service';
import { settled } from './intent-settled';
import { clOrdIdFor, OrderContext, OrderGateway } from './order-gateway.service';
import { StaleEntryGuard } from './stale-entry-guard';

/**
 * Entry intents -> broker orders, in the account's lane (exits share it, so an entry and an exit
 * of one account never overlap). The broker's position is read before deciding: open, add, ignore,
 * re-enter or reverse. The close of a reversal is confirmed flat at the broker before the new side
 * goes out, and never closes more than is there.
 */
@Injectable()
export class IntentExecutorService implements OnModuleInit {
  private readonly logger = new Logger('Execution');

  constructor(
    private readonly bus: EventBus,
    private readonly lanes: AccountLanes,
    private readonly gateway: OrderGateway,
    private readonly staleEntries: StaleEntryGuard,
    private readonly signals: SignalsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.bus.on('EnterPosition', 'entry-intents', (intent) => this.lanes.run(intent.accountId, () => settled(this.bus, this.clock, intent, () => this.execute(intent))));
  }

  async execute(intent: EnterPosition): Promise<void> {
    const { accountId, signalId } = intent;
    if (await this.gateway.orderExists(clOrdIdFor(intent.idempotencyKey, 0))) {
      await this.signals.record(signalId, 'duplicate_intent', 'this intent was already executed; nothing sent', accountId);
      return;
    }
    // refused before the broker is even asked for the position (a backlog at shutdown clears fast)
    if (await this.staleEntries.refuse(signalId, accountId, 'open')) return;
    let netPos: number;
    try {
      netPos = await this.gateway.readPosition(accountId, intent.contract);
    } catch (error) {
      // fail closed: a position we cannot read is never taken as flat
      return this.block(intent, `cannot read the broker position: ${(error as Error).message}`);
    }
    const plan = planEnter(netPos, intent.side, intent.quantity, { sameSide: intent.sameSide, opposite: intent.opposite, maxQuantity: intent.maxQuantity, addQuantity: intent.addQuantity ?? null });
    const steps = plan.steps.map((s) => `${s.kind} ${s.action} ${s.quantity}`).join(' then ') || 'nothing to send';
    await this.signals.record(signalId, 'decision', `broker position ${netPos}: ${steps}${plan.note ? ` (${plan.note})` : ''}`, accountId);
    const ctx: OrderContext = { accountId, contract: intent.contract, signalId, traderId: intent.traderId, recorderId: intent.recorderId, exitPlan: intent.exitPlan ?? null };
    for (const [index, step] of plan.steps.entries()) {
      const ok = step.kind === 'open' ? await this.open(intent, ctx, step, index) : await this.close(intent, ctx, step, index);
      if (!ok) return;
    }
  }

  private async open(intent: EnterPosition, ctx: OrderContext, step: PlanStep, index: number): Promise<boolean> {
    if (index > 0) {
      // an entry after a close only goes out once the broker shows the close done
      const after = await this.gateway.readPosition(ctx.accountId, ctx.contract).catch(() => null);
      if (after !== 0) {
        await this.signals.record(ctx.signalId, 'entry_skipped', `position after the close is ${after ?? 'unreadable'}, not flat: new side not entered`, ctx.accountId);
        return false;
      }
    }
    const purpose = step.kind === 'open' ? step.purpose : 'open';
    const outcome = await this.gateway.placeMarket(ctx, step.action, step.quantity, purpose, clOrdIdFor(intent.idempotencyKey, index));
    if (outcome.status === 'blocked') await this.block(intent, outcome.reason);
    return outcome.status === 'filled';
  }

  /** Re-reads the broker right before closing; sends nothing when flat or on the other side. */
  private async close(intent: EnterPosition, ctx: OrderContext, step: PlanStep, index: number): Promise<boolean> {
    let netPos: number;
    try {
      netPos = await this.gateway.readPosition(ctx.accountId, ctx.contract);
    } catch (error) {
      await this.block(intent, `cannot read the broker position before closing: ${(error as Error).message}`);
      return false;
    }
    if (netPos === 0) {
      await this.signals.record(ctx.signalId, 'already_flat', 'broker already flat: no close sent', ctx.accountId);
      return true;
    }
    if ((step.action === 'Sell') !== netPos > 0) {
      await this.signals.record(ctx.signalId, 'close_skipped', `broker position ${netPos} is on the other side: a close would flip it`, ctx.accountId);
      return false;
    }
    await this.gateway.cancelWorking(ctx);
    const outcome = await this.gateway.placeMarket(ctx, step.action, Math.min(step.quantity, Math.abs(netPos)), 'close', clOrdIdFor(intent.idempotencyKey, index));
    return outcome.status === 'filled';
  }

  private async block(intent: EnterPosition, reason: string): Promise<void> {
    this.logger.warn(`entry for account ${intent.accountId} blocked: ${reason}`);
    this.bus.publish({ type: 'IntentBlocked', ts: this.clock.nowIso(), accountId: intent.accountId, signalId: intent.signalId, reason });
    await this.signals.record(intent.signalId, 'blocked', reason, intent.accountId);
  }
}
