import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { ContractSymbolError, ResolvedContract, resolveContract } from '../../core/contracts';
import { isOnTick, roundPriceToTick } from '../../core/money';
import { newId } from '../../core/ids';
import { TradingGate } from '../../core/trading-gate';
import { Recorder } from '../recorders/entities/recorder.entity';
import { RecordersService } from '../recorders/recorders.service';
import { Signal, SignalStatus } from '../signals/entities/signal.entity';
import { SignalIntake } from '../signals/signal-intake';
import { SignalsService } from '../signals/signals.service';
import { admitAlert } from './alert-admission';
import { parseAlert } from './alert-parser';
import { AlertParseError, ParsedAlert } from './parsed-alert';
import { dedupeKeyFor } from './signal-dedupe';
import { redactSecrets } from './redact-secrets';

export interface WebhookAnswer {
  httpStatus: number;
  body: Record<string, unknown>;
}

/** Nothing was stored: a 5xx makes TradingView retry, and the next process takes the alert. */
export const SHUTTING_DOWN: WebhookAnswer = {
  httpStatus: HttpStatus.SERVICE_UNAVAILABLE,
  body: { ok: false, status: 'unavailable', error: 'the server is shutting down: the alert was not stored; send it again once the server is back' },
};

/**
 * The webhook's whole job: find the recorder, parse, admit (own symbol, sane price and size), de-duplicate, persist, publish, answer.
 * No broker work happens here (TradingView gives up after 3 s); trading happens on the bus.
 */
@Injectable()
export class WebhookService {
  private readonly logger = new Logger('Webhook');
  /** per recorder, so the duplicate check and the insert cannot interleave */
  private readonly lanes = new Map<string, Promise<unknown>>();

  constructor(
    private readonly recorders: RecordersService,
    private readonly signals: SignalsService,
    private readonly tradingState: TradingGate,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly intake: SignalIntake,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(token: string): Promise<WebhookAnswer> {
    const recorder = await this.recorders.findByToken(token);
    if (!recorder) return { httpStatus: HttpStatus.NOT_FOUND, body: { status: 'error', message: 'unknown webhook token' } };
    return {
      httpStatus: HttpStatus.OK,
      body: {
        status: recorder.enabled ? 'active' : 'disabled',
        message: recorder.enabled ? `webhook for recorder "${recorder.name}" is active` : `recorder "${recorder.name}" is disabled: alerts are recorded, not traded`,
        recorderId: recorder.id,
      },
    };
  }

  async receive(token: string, rawBody: string, contentType: string | null): Promise<WebhookAnswer> {
    return (await this.intake.receive(() => this.receiveOpen(token, rawBody, contentType))) ?? SHUTTING_DOWN;
  }

  private async receiveOpen(token: string, rawBody: string, contentType: string | null): Promise<WebhookAnswer> {
    const recorder = await this.recorders.findByToken(token);
    if (!recorder) return { httpStatus: HttpStatus.NOT_FOUND, body: { ok: false, error: 'unknown webhook token' } };
    const previous = this.lanes.get(recorder.id) ?? Promise.resolve();
    const work = previous.catch(() => undefined).then(() => this.receiveInLane(recorder, rawBody, contentType));
    this.lanes.set(recorder.id, work);
    try {
      return await work;
    } catch (error) {
      // nothing was stored: a 5xx makes TradingView retry, and the dedupe key makes the retry safe
      this.logger.error(`could not store an alert for recorder ${recorder.id}: ${String(error)}`);
      return { httpStatus: HttpStatus.SERVICE_UNAVAILABLE, body: { ok: false, error: 'the alert could not be stored; TradingView will retry' } };
    } finally {
      if (this.lanes.get(recorder.id) === work) this.lanes.delete(recorder.id);
    }
  }

  private async receiveInLane(recorder: Recorder, sentBody: string, contentType: string | null): Promise<WebhookAnswer> {
    // a peer's secret never reaches the store, an error message or the timeline: everything reads the redacted body
    const rawBody = redactSecrets(sentBody);
    const receivedAt = this.clock.nowIso();
    const signal = this.newSignal(recorder, rawBody, contentType, receivedAt);
    let alert: ParsedAlert;
    let contract: string;
    let resolved: ResolvedContract;
    try {
      alert = parseAlert(rawBody, { defaultSymbol: recorder.symbol });
      if (!alert.symbol) throw new AlertParseError('The alert has no ticker and the recorder has no symbol.', 'ticker');
      resolved = resolveContract(alert.symbol, this.clock.now());
      contract = resolved.name;
      alert = admitAlert(alert, { recorder, contract: resolved, recorderContract: resolveContract(recorder.symbol, this.clock.now()), maxOrderQuantity: this.config.maxOrderQuantity });
    } catch (error) {
      if (!(error instanceof AlertParseError || error instanceof ContractSymbolError)) throw error;
      const field = error instanceof AlertParseError ? error.field : 'ticker';
      const hint = error instanceof AlertParseError ? error.hint : null;
      await this.store(signal, 'rejected', error.message);
      await this.signals.record(signal.id, 'received', null, null, receivedAt);
      await this.signals.record(signal.id, 'rejected', error.message);
      return { httpStatus: HttpStatus.BAD_REQUEST, body: { ok: false, signalId: signal.id, status: 'rejected', error: error.message, field, hint } };
    }
    alert = onTick(alert, resolved);
    Object.assign(signal, {
      dialect: alert.dialect,
      parsed: JSON.stringify(alert),
      action: alert.directive.kind === 'ENTER' ? (alert.directive.side === 'LONG' ? 'buy' : 'sell') : alert.directive.kind.toLowerCase(),
      symbol: alert.symbol,
      contract,
      quantity: alert.quantity,
      price: alert.price,
      firedAt: alert.firedAt,
    });
    const dedupe = dedupeKeyFor(alert, contract, this.config.dedupeWindowSec);
    signal.dedupeKey = dedupe.key;
    const since = new Date(Date.parse(receivedAt) - dedupe.windowSec * 1000).toISOString();
    const first = await this.signals.findByKeySince(recorder.id, dedupe.key, since);
    if (first) {
      signal.duplicateOf = first.id;
      await this.store(signal, 'duplicate', `same alert as ${first.id} (${dedupe.basis}); recorded, not traded`);
      return { httpStatus: HttpStatus.OK, body: { ok: true, signalId: signal.id, status: 'duplicate', duplicateOf: first.id } };
    }
    const blocked = !recorder.enabled ? 'recorder disabled' : this.blockedByTradingState(alert);
    if (blocked) {
      await this.store(signal, 'blocked', blocked);
      await this.signals.record(signal.id, 'received', null, null, receivedAt);
      await this.signals.record(signal.id, 'blocked', blocked);
      return { httpStatus: HttpStatus.OK, body: { ok: false, signalId: signal.id, status: 'blocked', reason: blocked } };
    }
    await this.store(signal, 'accepted', null);
    await this.signals.record(signal.id, 'received', `${rawBody.length} bytes`, null, receivedAt);
    await this.signals.record(signal.id, 'parsed', `${alert.dialect}: ${describeAlert(alert)} ${contract}${alert.warnings.length ? ` (warnings: ${alert.warnings.join('; ')})` : ''}`);
    this.bus.publish({ type: 'SignalReceived', ts: this.clock.nowIso(), signalId: signal.id, recorderId: recorder.id, contract, alert, receivedAt });
    return { httpStatus: HttpStatus.OK, body: { ok: true, signalId: signal.id, status: 'accepted', warnings: alert.warnings } };
  }

  /** Exits still go through while trading is halted: flattening is always allowed. */
  private blockedByTradingState(alert: ParsedAlert): string | null {
    const halted = this.tradingState.haltedReason();
    return halted && alert.directive.kind === 'ENTER' ? `trading halted (${halted})` : null;
  }

  private newSignal(recorder: Recorder, rawBody: string, contentType: string | null, receivedAt: string): Signal {
    return Object.assign(new Signal(), {
      id: newId(),
      recorderId: recorder.id,
      rawBody,
      contentType,
      receivedAt,
      reason: null,
      dialect: null,
      parsed: null,
      action: null,
      symbol: null,
      contract: null,
      quantity: null,
      price: null,
      dedupeKey: null,
      duplicateOf: null,
      firedAt: null,
    });
  }

  private async store(signal: Signal, status: SignalStatus, reason: string | null): Promise<void> {
    signal.status = status;
    signal.reason = reason?.slice(0, 500) ?? null;
    await this.signals.save(signal);
  }
}

/**
 * G-16: the alert price becomes a quote and a virtual fill price, so it must be on the contract's
 * tick; a price between ticks (typed by hand) would fill the paper broker off-tick, and that fill
 * could not be booked. Rounded to the nearest tick, with a warning.
 */
function onTick(alert: ParsedAlert, contract: ResolvedContract): ParsedAlert {
  if (alert.price === null || isOnTick(alert.price, contract.spec)) return alert;
  const rounded = roundPriceToTick(alert.price, contract.spec);
  const warning = `price ${alert.price} is not on the ${contract.name} tick (${contract.spec.tickSize}); used ${rounded}`;
  return { ...alert, price: rounded, warnings: [...alert.warnings, warning] };
}

function describeAlert(alert: ParsedAlert): string {
  const d = alert.directive;
  const qty = alert.quantity === null ? '' : ` ${alert.quantity}`;
  if (d.kind === 'ENTER') return `enter ${d.side}${qty}`;
  if (d.kind === 'REDUCE') return `reduce ${d.side}${qty}`;
  return `close ${d.side ?? 'any side'}`;
}
