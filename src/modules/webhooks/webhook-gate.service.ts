import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../core/clock';
import { newId } from '../../core/ids';
import { RecordersService } from '../recorders/recorders.service';
import { Signal } from '../signals/entities/signal.entity';
import { SignalsService } from '../signals/signals.service';
import { addressGroup } from './client-address';
import { TokenBuckets } from './token-buckets';
import { WebhookAllowList } from './webhook-allow-list';
import type { WebhookAnswer } from './webhook.service';

export interface GateRefusal extends WebhookAnswer {
  retryAfterSec: number | null;
}

/**
 * What a webhook request must pass before the webhook reads it: the address allow-list, a rate
 * limit per token (a refused alert is still recorded, as `rate_limited`, so the trader sees it),
 * and a limit per client address on unknown tokens, decided from memory so guessing costs no
 * database work. The client address is req.ip, which follows Express's `trust proxy`.
 */
@Injectable()
export class WebhookGate {
  private readonly logger = new Logger('WebhookGate');
  private readonly perToken: TokenBuckets;
  private readonly unknownPerAddress: TokenBuckets;
  private readonly allowList: WebhookAllowList | null;

  constructor(
    private readonly recorders: RecordersService,
    private readonly signals: SignalsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const limits = config.webhookLimits;
    const nowMs = () => this.clock.now().getTime();
    this.perToken = new TokenBuckets(limits.perTokenPerMin, limits.perTokenBurst, nowMs);
    this.unknownPerAddress = new TokenBuckets(limits.unknownTokenPerMinPerAddress, Math.min(10, limits.unknownTokenPerMinPerAddress), nowMs);
    this.allowList = limits.allowFrom ? new WebhookAllowList(limits.allowFrom) : null;
  }

  /** For an alert: null when it may go on to the webhook, else the answer to send instead. */
  async admitAlert(token: string, clientAddress: string | undefined, rawBody: string, contentType: string | null): Promise<GateRefusal | null> {
    const early = this.admitAddress(token, clientAddress);
    if (early !== undefined) return early;
    const recorderId = this.recorders.indexedRecorderId(token)!;
    const retryAfterSec = this.perToken.take(recorderId);
    if (retryAfterSec === 0) return null;
    const reason = `over the webhook rate limit (${this.perToken.perMinute}/min, burst ${this.perToken.burst}, JT_WEBHOOK_RATE_PER_MIN / JT_WEBHOOK_RATE_BURST); recorded, not traded`;
    const signalId = await this.recordRefused(recorderId, rawBody, contentType, reason);
    return { httpStatus: HttpStatus.TOO_MANY_REQUESTS, retryAfterSec, body: { ok: false, signalId, status: 'rate_limited', error: reason, retryAfterSec } };
  }

  /** For a status check (GET): only the allow-list and the unknown-token limit apply. */
  admitStatusCheck(token: string, clientAddress: string | undefined): GateRefusal | null {
    return this.admitAddress(token, clientAddress) ?? null;
  }

  /**
   * undefined: the token is known (in the recorders' in-memory index), go on with the token limit;
   * null: unknown to the index but the address may still ask (the webhook looks it up);
   * a refusal: answer it, with no database work.
   */
  private admitAddress(token: string, clientAddress: string | undefined): GateRefusal | null | undefined {
    if (this.allowList && !this.allowList.allows(clientAddress)) {
      this.logger.warn(`webhook from ${clientAddress ?? 'an unknown address'} refused: not in JT_WEBHOOK_ALLOW_IPS`);
      return { httpStatus: HttpStatus.FORBIDDEN, retryAfterSec: null, body: { ok: false, error: 'webhooks are not accepted from this address' } };
    }
    if (this.recorders.indexedRecorderId(token) !== null) return undefined;
    // a recorder added by the CLI since start is found by the webhook's lookup, at one token's cost
    const retryAfterSec = this.unknownPerAddress.take(addressGroup(clientAddress));
    if (retryAfterSec === 0) return null;
    return { httpStatus: HttpStatus.TOO_MANY_REQUESTS, retryAfterSec, body: { ok: false, error: 'too many requests with unknown webhook tokens from this address', retryAfterSec } };
  }

  private async recordRefused(recorderId: string, rawBody: string, contentType: string | null, reason: string): Promise<string> {
    const receivedAt = this.clock.nowIso();
    const signal = Object.assign(new Signal(), {
      id: newId(),
      recorderId,
      status: 'rate_limited',
      reason,
      rawBody,
      contentType,
      receivedAt,
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
    } satisfies Partial<Signal>);
    await this.signals.save(signal);
    await this.signals.record(signal.id, 'rate_limited', reason, null, receivedAt);
    return signal.id;
  }
}
