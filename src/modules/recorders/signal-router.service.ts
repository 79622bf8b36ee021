import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash } from 'crypto';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EventBus } from '../../core/bus/event-bus';
import { effectiveDca, recorderDca } from '../../core/dca/dca-settings';
import { SignalReceived, TradeIntent } from '../../core/bus/events';
import { Clock } from '../../core/clock';
import { signalAge, staleReason } from '../../core/signals/signal-age';
import { OrderPlan, planEnter, planExit, planReduce } from '../../core/positions/order-plan';
import { venueOfPriceSource } from '../../core/market/price-source';
import type { AlertDirective } from '../../core/alerts/parsed-alert';
import { resolveContractName, tryResolveContract } from '../../core/contracts';
import { AccountDirectory } from '../accounts/account-directory.service';
import { Account } from '../accounts/entities/account.entity';
import { LastQuotesService } from '../market-data/last-quotes.service';
import { SignalCompletion } from '../signals/signal-completion.service';
import { SignalIntake } from '../signals/signal-intake';
import { SignalsService } from '../signals/signals.service';
import { outsidePriceBand } from './alert-price-band';
import { entryExitPlan } from './entry-exit-plan';
import { Recorder } from './entities/recorder.entity';
import { Trader } from './entities/trader.entity';
import { RecorderEntryGuards } from './recorder-entry-guards';
import { RecordersService } from './recorders.service';
import { TradersService } from './traders.service';
import { refusedOverTraderMax, traderQuantity } from './trader-sizing';
import { VirtualBookService } from './virtual-book.service';
import { accountBalance } from './settings/account-risk';
import { effectiveSettings, EffectiveSettings } from './settings/effective-settings';
import { capped, minCap, sizedEntry } from './settings/entry-sizing';
import { Blocked, countsAsEntrySignal, entryBlockedBy, inverted } from './settings/signal-filters';
import { SignalFilterCountersService } from './signal-filter-counters.service';

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
    private readonly intake: SignalIntake,
    private readonly completion: SignalCompletion,
    private readonly quotes: LastQuotesService,
    private readonly counters: SignalFilterCountersService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly entryGuards: RecorderEntryGuards,
  ) {}

  onModuleInit(): void {
    this.bus.inLanes('SignalReceived', 'signal-router', (e) => e.recorderId, (e) => this.intake.route(() => this.routeOrFail(e)));
  }

  private async routeOrFail(event: SignalReceived): Promise<void> {
    try {
      await this.route(event);
    } catch (error) {
      // when even this cannot be written (the database is closing) the signal stays accepted for the next start
      await this.signals.markFailed(event.signalId, `routing failed: ${(error as Error).message}`).catch(() => undefined);
      throw error;
    }
  }

  async route(event: SignalReceived): Promise<void> {
    const { signalId, alert, contract } = event;
    // an alert's own max_lag (3Commas) may only tighten the limit
    const maxAgeSec = Math.min(this.config.signalMaxAgeSec, alert.maxLagSec ?? Infinity);
    const age = signalAge({ firedAt: alert.firedAt ?? null, receivedAt: event.receivedAt }, this.clock.now(), maxAgeSec);
    if (age.stale) {
      const moment = maxAgeSec < this.config.signalMaxAgeSec ? `when its turn came, under the alert's max_lag ${maxAgeSec} s` : 'when its turn came';
      await this.signals.markStale(signalId, staleReason(age, moment, maxAgeSec));
      return;
    }
    const recorder = await this.recorders.get(event.recorderId);
    if (alert.price) {
      const offBand = outsidePriceBand(alert.price, this.quotes.lastPrice('paper', contract), this.config.alertPriceBandPct);
      if (offBand) await this.signals.record(signalId, 'price_warning', offBand);
      else this.bus.publish({ type: 'QuoteReceived', ts: this.clock.nowIso(), contract, price: alert.price, source: 'alert', venue: 'paper' });
    }
    if (alert.directive.kind === 'ENTER') {
      const blocked = await this.entryGuards.blockReason(recorder.id);
      if (blocked) {
        await this.signals.record(signalId, 'recorder_blocked', `${blocked}; entry not recorded nor traded`);
        await this.signals.setStatus(signalId, 'blocked', blocked);
        return;
      }
    }
    const virtualBlock = await this.recordVirtually(recorder, event);
    const traders = (await this.traders.list({ recorderId: recorder.id })).filter((t) => t.enabled);
    if (traders.length === 0) await this.signals.record(signalId, 'no_traders', 'recorded virtually; no enabled trader is linked to this recorder');
    const intents: TradeIntent[] = [];
    let blockedTraders = 0;
    for (const trader of traders) {
      const account = await this.accounts.get(trader.accountId).catch(() => null);
      if (!account?.enabled) {
        await this.signals.record(signalId, 'skipped', 'account disabled or missing', trader.accountId);
        continue;
      }
      const settings = effectiveSettings(recorder, trader);
      const directive = settings.inverse ? inverted(alert.directive) : alert.directive;
      const now = this.clock.now();
      const counts = await this.counters.counts(recorder.id, trader.id, now);
      const block = entryBlockedBy(settings, directive, now, counts);
      if (block) {
        blockedTraders++;
        await this.signals.record(signalId, 'blocked', `${block.setting}: ${block.reason}`, trader.accountId);
        await this.counters.note(recorder.id, trader.id, now, counts, { entrySignal: countsAsEntrySignal(block), entryTaken: false });
        continue;
      }
      const intent = this.intentFor(recorder, trader, settings, event, directive, account);
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
      if (directive.kind === 'ENTER') await this.counters.note(recorder.id, trader.id, now, counts, { entrySignal: true, entryTaken: true });
      intents.push(intent);
    }
    if (intents.length === 0 && virtualBlock && (traders.length === 0 || blockedTraders > 0)) {
      await this.signals.setStatus(signalId, 'blocked', `${virtualBlock.setting}: ${virtualBlock.reason}`);
      return;
    }
    await this.completion.expect(signalId, intents.map((i) => i.idempotencyKey));
    for (const intent of intents) this.bus.publish(intent);
  }

  /** The recorder's own book, under its own settings (no trader's); answers what blocked it, if anything. */
  private async recordVirtually(recorder: Recorder, event: SignalReceived): Promise<Blocked | null> {
    // a signal routed again after a restart was perhaps already booked virtually before the stop
    if (event.recovered && (await this.signals.hasStep(event.signalId, ['virtual_fill', 'virtual_skipped', 'virtual_blocked']))) return null;
    const settings = effectiveSettings(recorder, null);
    const directive = settings.inverse ? inverted(event.alert.directive) : event.alert.directive;
    const now = this.clock.now();
    const counts = await this.counters.counts(recorder.id, 'recorder', now);
    const block = entryBlockedBy(settings, directive, now, counts);
    await this.counters.note(recorder.id, 'recorder', now, counts, { entrySignal: directive.kind === 'ENTER' && countsAsEntrySignal(block), entryTaken: directive.kind === 'ENTER' && !block });
    if (block) {
      await this.signals.record(event.signalId, 'virtual_blocked', `${block.setting}: ${block.reason}`);
      return block;
    }
    // the alert's own price is the fill TradingView's strategy shows; without one, the recorder's source prices it
    const price = event.alert.price ?? this.quotes.lastPrice(venueOfPriceSource(recorder.priceSource), event.contract);
    if (!price) {
      await this.signals.record(event.signalId, 'virtual_skipped', 'no price in the alert and no quote yet: the virtual position is unchanged');
      return null;
    }
    // one at a time with the virtual exit watch: a TP/SL exit never interleaves with an alert's fill
    await this.book.exclusive(recorder.id, event.contract, async () => {
      const netPos = await this.book.netPos(recorder.id, event.contract);
      const plan = this.virtualPlan(recorder, settings, event, directive, netPos);
      try {
        const spec = resolveContractName(event.contract, this.clock.now()).spec;
        const side = directive.kind === 'ENTER' ? directive.side : null;
        const closed = await this.book.apply(recorder.id, event.contract, plan, price, entryExitPlan(settings.exits, event.alert, '1', { spec, entryPrice: price, side }));
        const detail = `${plan.steps.map((s) => `${s.action} ${s.quantity}`).join(', ') || 'no change'} @ ${price}${plan.note ? ` (${plan.note})` : ''}${closed.map((t) => `; closed ${t.side} P&L ${t.pnlUsd} USD`).join('')}`;
        await this.signals.record(event.signalId, 'virtual_fill', detail);
      } catch (error) {
        await this.signals.record(event.signalId, 'virtual_skipped', `alert price ${price} not usable: ${(error as Error).message}`);
      }
    });
    return null;
  }

  private virtualPlan(recorder: Recorder, settings: EffectiveSettings, event: SignalReceived, directive: AlertDirective, netPos: number): OrderPlan {
    const { quantity } = event.alert;
    if (directive.kind === 'CLOSE') {
      const exit = planExit(netPos, directive.side ?? null);
      return quantity === null || exit.steps.length === 0 ? exit : planReduce(netPos, netPos > 0 ? 'LONG' : 'SHORT', quantity);
    }
    if (directive.kind === 'REDUCE') return planReduce(netPos, directive.side, quantity ?? Math.abs(netPos));
    const dca = recorderDca(recorder).enabled;
    return planEnter(netPos, directive.side, settings.initialSize > 0 ? settings.initialSize : (quantity ?? recorder.quantity), {
      sameSide: dca ? 'add' : recorder.sameSide,
      opposite: dca ? 'block' : 'reverse',
      maxQuantity: null,
      addQuantity: settings.addSize > 0 ? settings.addSize : null,
    });
  }

  /** The trader's intent; a string is why this trader does not trade the signal; null = nothing to send (size 0). */
  private intentFor(recorder: Recorder, trader: Trader, settings: EffectiveSettings, event: SignalReceived, directive: AlertDirective, account: Account): TradeIntent | string | null {
    const { quantity } = event.alert;
    let contract = event.contract;
    if (settings.ownTicker) {
      const own = tryResolveContract(settings.symbol, this.clock.now());
      if (!own) return `the trader's ticker ${settings.symbol} is not a contract Just Trades knows`;
      contract = own.name;
    }
    const base = {
      ts: this.clock.nowIso(),
      accountId: trader.accountId,
      traderId: trader.id,
      recorderId: recorder.id,
      signalId: event.signalId,
      contract,
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
    const entry = sizedEntry({
      settings,
      alert: event.alert,
      side: directive.side,
      alertQuantity: quantity,
      recorderQuantity: recorder.quantity,
      multiplier: trader.multiplier,
      spec: resolveContractName(contract, this.clock.now()).spec,
      // an alert's price is of the recorder's instrument; the trader's own ticker is priced by its venue
      entryPrice: (settings.ownTicker ? null : event.alert.price) ?? this.quotes.lastPrice(account.broker, contract),
      balance: accountBalance(account),
      oversized: recorder.oversizedQuantity,
    });
    if ('refused' in entry) return entry.refused;
    if (entry.quantity <= 0) return null;
    const dca = effectiveDca(recorderDca(recorder), trader.dca).enabled;
    return {
      ...base,
      type: 'EnterPosition',
      side: directive.side,
      quantity: entry.quantity,
      maxQuantity: minCap(trader.maxQuantity, settings.maxContractsPerPosition),
      addQuantity: settings.addSize > 0 ? capped(traderQuantity(settings.addSize, trader.multiplier), settings.maxContractsPerOrder) : null,
      sameSide: dca ? 'add' : (event.alert.sameDirection ?? recorder.sameSide),
      opposite: dca ? 'block' : 'reverse',
      exitPlan: entry.exitPlan,
    };
  }
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
