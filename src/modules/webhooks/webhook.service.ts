import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EventBus } from '../../core/bus/event-bus';
import type { EventOf } from '../../core/bus/events';
import { Clock } from '../../core/clock';
import { ContractSymbolError, ResolvedContract, resolveContract } from '../../core/contracts';
import { isOnTick, roundPriceToTick } from '../../core/money';
import { TradingGate } from '../../core/trading-gate';
import { Recorder } from '../recorders/entities/recorder.entity';
import { RecordersService } from '../recorders/recorders.service';
import { Signal, SignalStatus } from '../signals/entities/signal.entity';
import { SignalIntake } from '../signals/signal-intake';
import { newSignal } from '../signals/new-signal';
import { SignalsService } from '../signals/signals.service';
import { admitAlert } from './alert-admission';
import { parseAlert } from './alert-parser';
import { AlertParseError, ParsedAlert } from './parsed-alert';
import { RecentSignalKeys } from './recent-signal-keys';
import { dedupeKeyFor } from './signal-dedupe';
import { redactSecrets } from './redact-secrets';

interface Decision {
  signal: Signal;
  answer: WebhookAnswer;
  /** steps for the timeline: step, detail, time (undefined: when written) */
  timeline: [string, string | null, string | undefined][];
  publish?: EventOf<'SignalReceived'>;
}

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
 * The webhook's whole job: find the recorder, parse, admit (own symbol, sane price and size), de-duplicate (from memory),
 * store the signal (group commit, the only database work the answer waits for), answer; then publish.
 * No broker work happens here (TradingView gives up after 3 s); trading happens on the bus.
 */
@Injectable()
export class WebhookService {
  private readonly logger = new Logger('Webhook');

  constructor(
    private readonly recorders: RecordersService,
    private readonly signals: SignalsService,
    private readonly tradingState: TradingGate,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly intake: SignalIntake,
    private readonly recentKeys: RecentSignalKeys,
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
    const decided = this.decide(recorder, rawBody, contentType);
    try {
      await this.signals.insertNew(decided.signal);
    } catch (error) {
      // nothing was stored: a 5xx makes TradingView retry, and the retry must not count as a duplicate
      if (decided.signal.dedupeKey && !decided.signal.duplicateOf) this.recentKeys.remove(recorder.id, decided.signal.dedupeKey, decided.signal.id);
      this.logger.error(`could not store an alert for recorder ${recorder.id}: ${String(error)}`);
      return { httpStatus: HttpStatus.SERVICE_UNAVAILABLE, body: { ok: false, error: 'the alert could not be stored; TradingView will retry' } };
    }
    // the timeline is written behind the answer: the signal row itself is what the answer promises
    for (const [step, detail, ts] of decided.timeline) {
      this.signals.record(decided.signal.id, step, detail, null, ts).catch((error) => this.logger.error(`timeline of signal ${decided.signal.id}: ${String(error)}`));
    }
    // routing starts once the answer is on its way (a stop in between leaves the signal accepted: picked up at the next start)
    const event = decided.publish;
    if (event) setImmediate(() => this.bus.publish(event));
    return decided.answer;
  }

  /**
   * Everything about one alert that memory can decide, in one synchronous step (so the duplicate
   * check and the recording of the key cannot interleave with another alert): its stored form, the
   * answer, its timeline and what to publish once it is stored.
   */
  private decide(recorder: Recorder, sentBody: string, contentType: string | null): Decision {
    // a peer's secret never reaches the store, an error message or the timeline: everything reads the redacted body
    const rawBody = redactSecrets(sentBody);
    const receivedAt = this.clock.nowIso();
    const signal = newSignal(recorder.id, rawBody, contentType, receivedAt);
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
      setStatus(signal, 'rejected', error.message);
      return {
        signal,
        timeline: [['received', null, receivedAt], ['rejected', error.message, undefined]],
        answer: { httpStatus: HttpStatus.BAD_REQUEST, body: { ok: false, signalId: signal.id, status: 'rejected', error: error.message, field, hint } },
      };
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
    const receivedMs = Date.parse(receivedAt);
    const first = this.recentKeys.firstSince(recorder.id, dedupe.key, receivedMs - dedupe.windowSec * 1000);
    this.recentKeys.add(recorder.id, dedupe.key, signal.id, receivedMs);
    if (first) {
      signal.duplicateOf = first;
      setStatus(signal, 'duplicate', `same alert as ${first} (${dedupe.basis}); recorded, not traded`);
      return { signal, timeline: [], answer: { httpStatus: HttpStatus.OK, body: { ok: true, signalId: signal.id, status: 'duplicate', duplicateOf: first } } };
    }
    const blocked = !recorder.enabled ? 'recorder disabled' : this.blockedByTradingState(alert);
    if (blocked) {
      setStatus(signal, 'blocked', blocked);
      return {
        signal,
        timeline: [['received', null, receivedAt], ['blocked', blocked, undefined]],
        answer: { httpStatus: HttpStatus.OK, body: { ok: false, signalId: signal.id, status: 'blocked', reason: blocked } },
      };
    }
    setStatus(signal, 'accepted', null);
    return {
      signal,
      timeline: [
        ['received', `${rawBody.length} bytes`, receivedAt],
        ['parsed', `${alert.dialect}: ${describeAlert(alert)} ${contract}${alert.warnings.length ? ` (warnings: ${alert.warnings.join('; ')})` : ''}`, undefined],
      ],
      publish: { type: 'SignalReceived', ts: this.clock.nowIso(), signalId: signal.id, recorderId: recorder.id, contract, alert, receivedAt },
      answer: { httpStatus: HttpStatus.OK, body: { ok: true, signalId: signal.id, status: 'accepted', warnings: alert.warnings } },
    };
  }

  /** Exits still go through while trading is halted: flattening is always allowed. */
  private blockedByTradingState(alert: ParsedAlert): string | null {
    const halted = this.tradingState.haltedReason();
    return halted && alert.directive.kind === 'ENTER' ? `trading halted (${halted})` : null;
  }
}

function setStatus(signal: Signal, status: SignalStatus, reason: string | null): void {
  signal.status = status;
  signal.reason = reason?.slice(0, 500) ?? null;
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
