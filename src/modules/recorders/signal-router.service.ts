import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash } from 'crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EventBus } from '../../core/bus/event-bus';
import { SignalReceived, TradeIntent } from '../../core/bus/events';
import { Clock } from '../../core/clock';
import { OrderPlan, planEnter, planExit, planReduce } from '../../core/positions/order-plan';
import { resolveContractName } from '../../core/contracts';
import { ExitMeasureError } from '../../core/exits/exit-measure';
import { ExitPlan } from '../../core/exits/exit-plan';
import { AccountDirectory } from '../accounts/account-directory.service';
import { Account } from '../accounts/entities/account.entity';
import { LastQuotesService } from '../market-data/last-quotes.service';
import { SignalsService } from '../signals/signals.service';
import { outsidePriceBand } from './alert-price-band';
import { entryExitPlan } from './entry-exit-plan';
import { Recorder } from './entities/recorder.entity';
import { Trader } from './entities/trader.entity';
import { RecordersService } from './recorders.service';
import { TradersService } from './traders.service';
import { refusedOverTraderMax, traderQuantity } from './trader-sizing';
import { VirtualBookService } from './virtual-book.service';
import { accountBalance, scaledRisk } from './settings/account-risk';
import { riskSizedContracts } from './settings/risk-sizing';

/**
 * Turns each accepted signal into the recorder's virtual fill and one intent per enabled trader.
 * One lane per recorder, so a recorder's alerts are handled in the order they arrived.
 */
@Injectable()
export class SignalRouterService implements OnModuleInit {
  private readonly logger = new Logger('SignalRouter');

  constructor(
    private readonly bus: EventBus,
    private readonly recorders: RecordersService,
    private readonly traders: TradersService,
    private readonly accounts: AccountDirectory,
    private readonly book: VirtualBookService,
    private readonly signals: SignalsService,
    private readonly quotes: LastQuotesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.bus.inLanes('SignalReceived', 'signal-router', (e) => e.recorderId, (e) => this.route(e));
  }

  async route(event: SignalReceived): Promise<void> {
    const { signalId, alert, contract } = event;
    const ageMs = this.clock.now().getTime() - Date.parse(signalBorn(event));
    // an alert's own max_lag (3Commas) may only tighten the limit
    const maxAgeSec = Math.min(this.config.signalMaxAgeSec, alert.maxLagSec ?? Infinity);
    if (ageMs > maxAgeSec * 1000) {
      const since = event.alert.firedAt && signalBorn(event) === event.alert.firedAt ? 'counted from its fire time' : 'counted from its arrival';
      const limit = maxAgeSec < this.config.signalMaxAgeSec ? `the alert's max_lag ${maxAgeSec} s` : `limit ${maxAgeSec} s`;
      const reason = `stale: ${Math.round(ageMs / 1000)} s old (${since}) when its turn came (${limit}); not traded`;
      await this.signals.setStatus(signalId, 'stale', reason);
      await this.signals.record(signalId, 'stale', reason);
      return;
    }
    const recorder = await this.recorders.get(event.recorderId);
    if (alert.price) {
      const offBand = outsidePriceBand(alert.price, this.quotes.lastPrice('paper', contract), this.config.alertPriceBandPct);
      if (offBand) await this.signals.record(signalId, 'price_warning', offBand);
      else this.bus.publish({ type: 'QuoteReceived', ts: this.clock.nowIso(), contract, price: alert.price, source: 'alert', venue: 'paper' });
    }
    await this.recordVirtually(recorder, event);
    const traders = (await this.traders.list({ recorderId: recorder.id })).filter((t) => t.enabled);
    if (traders.length === 0) await this.signals.record(signalId, 'no_traders', 'recorded virtually; no enabled trader is linked to this recorder');
    for (const trader of traders) {
      const account = await this.accounts.get(trader.accountId).catch(() => null);
      if (!account?.enabled) {
        await this.signals.record(signalId, 'skipped', 'account disabled or missing', trader.accountId);
        continue;
      }
      const intent = this.intentFor(recorder, trader, event, account);
      if (typeof intent === 'string') {
        await this.signals.record(signalId, 'refused', intent, trader.accountId);
        continue;
      }
      if (!intent) {
        await this.signals.record(signalId, 'skipped', `quantity 0 after multiplier ${trader.multiplier}`, trader.accountId);
        continue;
      }
      const refused = intent.type === 'EnterPosition' ? refusedOverTraderMax(intent.quantity, trader.maxQuantity, recorder.oversizedQuantity) : null;
      if (refused) {
        await this.signals.record(signalId, 'refused', refused, trader.accountId);
        continue;
      }
      await this.signals.record(signalId, 'intent', describe(intent), trader.accountId);
      this.bus.publish(intent);
    }
    await this.signals.setStatus(signalId, 'processed');
  }

  private async recordVirtually(recorder: Recorder, event: SignalReceived): Promise<void> {
    const price = event.alert.price ?? this.quotes.lastPrice('paper', event.contract);
    if (!price) {
      await this.signals.record(event.signalId, 'virtual_skipped', 'no price in the alert and no quote yet: the virtual position is unchanged');
      return;
    }
    // one at a time with the virtual exit watch: a TP/SL exit never interleaves with an alert's fill
    await this.book.exclusive(recorder.id, event.contract, async () => {
      const netPos = await this.book.netPos(recorder.id, event.contract);
      const plan = this.virtualPlan(recorder, event, netPos);
      try {
        const spec = resolveContractName(event.contract, this.clock.now()).spec;
        const closed = await this.book.apply(recorder.id, event.contract, plan, price, entryExitPlan(recorder, event.alert, '1', { spec, entryPrice: price }));
        const detail = `${plan.steps.map((s) => `${s.action} ${s.quantity}`).join(', ') || 'no change'} @ ${price}${plan.note ? ` (${plan.note})` : ''}${closed.map((t) => `; closed ${t.side} P&L ${t.pnlUsd} USD`).join('')}`;
        await this.signals.record(event.signalId, 'virtual_fill', detail);
      } catch (error) {
        await this.signals.record(event.signalId, 'virtual_skipped', `alert price ${price} not usable: ${(error as Error).message}`);
      }
    });
  }

  private virtualPlan(recorder: Recorder, event: SignalReceived, netPos: number): OrderPlan {
    const { directive, quantity } = event.alert;
    if (directive.kind === 'CLOSE') {
      const exit = planExit(netPos, directive.side ?? null);
      return quantity === null || exit.steps.length === 0 ? exit : planReduce(netPos, netPos > 0 ? 'LONG' : 'SHORT', quantity);
    }
    if (directive.kind === 'REDUCE') return planReduce(netPos, directive.side, quantity ?? Math.abs(netPos));
    return planEnter(netPos, directive.side, quantity ?? recorder.quantity, {
      sameSide: recorder.dcaEnabled ? 'add' : recorder.sameSide,
      opposite: recorder.dcaEnabled ? 'block' : 'reverse',
      maxQuantity: null,
    });
  }

  /** The trader's intent; a string is why this trader does not trade the signal; null = nothing to send (size 0). */
  private intentFor(recorder: Recorder, trader: Trader, event: SignalReceived, account: Account): TradeIntent | string | null {
    const { directive, quantity } = event.alert;
    const base = {
      ts: this.clock.nowIso(),
      accountId: trader.accountId,
      traderId: trader.id,
      recorderId: recorder.id,
      signalId: event.signalId,
      contract: event.contract,
      idempotencyKey: idempotencyKey(event.signalId, trader.id),
    };
    if (directive.kind === 'CLOSE') {
      // a close with a quantity (TradersPost `exit` + quantity) is a partial exit of that many contracts
      if (quantity === null) return { ...base, type: 'ExitPosition', side: directive.side ?? null, reason: 'alert' };
      const qty = traderQuantity(quantity, trader.multiplier);
      return qty > 0 ? { ...base, type: 'ExitPosition', side: directive.side ?? null, quantity: qty, reason: 'alert partial exit' } : null;
    }
    if (directive.kind === 'REDUCE') {
      // no quantity on a partial exit: the whole position of this trader is what "reduce" can mean safely
      if (quantity === null) return { ...base, type: 'ExitPosition', side: directive.side, reason: 'alert reduce without quantity' };
      const qty = traderQuantity(quantity, trader.multiplier);
      return qty > 0 ? { ...base, type: 'ReducePosition', side: directive.side, quantity: qty } : null;
    }
    const spec = resolveContractName(event.contract, this.clock.now()).spec;
    const entryPrice = event.alert.price ?? this.quotes.lastPrice(account.broker, event.contract);
    let qty = traderQuantity(quantity ?? recorder.quantity, trader.multiplier);
    let exitPlan: ExitPlan | null;
    try {
      exitPlan = entryExitPlan(recorder, event.alert, trader.multiplier, { spec, entryPrice, quantity: qty });
      const risk = event.alert.sizing;
      const sized = risk ? riskSizedContracts(scaledRisk(risk, trader.multiplier), exitPlan?.stopLossTicks ?? null, spec, accountBalance(account), false) : null;
      if (sized && 'refused' in sized) return sized.refused;
      if (sized) {
        qty = sized.contracts;
        exitPlan = entryExitPlan(recorder, event.alert, trader.multiplier, { spec, entryPrice, quantity: qty });
      }
    } catch (error) {
      if (error instanceof ExitMeasureError) return `${error.message}: the entry is refused rather than opened without it`;
      throw error;
    }
    if (qty <= 0) return null;
    return {
      ...base,
      type: 'EnterPosition',
      side: directive.side,
      quantity: qty,
      maxQuantity: trader.maxQuantity,
      sameSide: recorder.dcaEnabled ? 'add' : (event.alert.sameDirection ?? recorder.sameSide),
      opposite: recorder.dcaEnabled ? 'block' : 'reverse',
      exitPlan,
    };
  }
}

const CLOCK_SKEW_MS = 5_000;

/**
 * When the signal was born: the alert's own fire time ({{timenow}}) when it has one, so an alert
 * TradingView delivered late is as old as it really is; the receipt time otherwise, or when the
 * fire time is in the future (a skewed clock at the sender).
 */
function signalBorn(event: SignalReceived): string {
  const fired = event.alert.firedAt;
  if (!fired) return event.receivedAt;
  return Date.parse(fired) > Date.parse(event.receivedAt) + CLOCK_SKEW_MS ? event.receivedAt : fired;
}

/** One key per (signal, trader): a retried intent can never place a second order. */
function idempotencyKey(signalId: string, traderId: string): string {
  return createHash('sha256').update(`${signalId}|${traderId}`).digest('hex').slice(0, 40);
}

function describe(intent: TradeIntent): string {
  if (intent.type === 'EnterPosition') return `enter ${intent.side} ${intent.quantity} ${intent.contract}`;
  if (intent.type === 'ReducePosition') return `reduce ${intent.side} by ${intent.quantity} ${intent.contract}`;
  return `exit ${intent.quantity ? `${intent.quantity} of ` : ''}${intent.side ?? 'any side'} ${intent.contract}`;
}
