import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../core/clock';
import { RecordersService } from '../recorders/recorders.service';
import { SignalIntake } from '../signals/signal-intake';
import { newSignal } from '../signals/new-signal';
import { SignalsService } from '../signals/signals.service';
import { addressGroup } from './client-address';
import { TokenBuckets } from './token-buckets';
import { WebhookAllowList } from './webhook-allow-list';
import type { WebhookAnswer } from './webhook.service';
import { redactSecrets } from './redact-secrets';

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
  /** one warning per address or recorder per minute: a flood must not become a flood of log lines */
  private readonly warnings: TokenBuckets;

  constructor(
    private readonly recorders: RecordersService,
    private readonly signals: SignalsService,
    private readonly intake: SignalIntake,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const limits = config.webhookLimits;
    const nowMs = () => this.clock.now().getTime();
    this.perToken = new TokenBuckets(limits.perTokenPerMin, limits.perTokenBurst, nowMs);
    this.unknownPerAddress = new TokenBuckets(limits.unknownTokenPerMinPerAddress, Math.min(10, limits.unknownTokenPerMinPerAddress), nowMs);
    this.allowList = limits.allowFrom ? new WebhookAllowList(limits.allowFrom) : null;
    this.warnings = new TokenBuckets(1, 1, nowMs);
  }

  /** For an alert: null when it may go on to the webhook, else the answer to send instead. */
  async admitAlert(token: string, clientAddress: string | undefined, rawBody: string, contentType: string | null): Promise<GateRefusal | null> {
    const screened = this.screen(token, clientAddress);
    if ('refusal' in screened) return screened.refusal;
    // shutting down: the webhook answers 503 and stores nothing, whatever the rate limit would say
    if (screened.recorderId === null || !this.intake.alertsOpen()) return null;
    const retryAfterSec = this.perToken.take(screened.recorderId);
    if (retryAfterSec === 0) return null;
    const reason = `over the webhook rate limit (${this.perToken.perMinute}/min, burst ${this.perToken.burst}, JT_WEBHOOK_RATE_PER_MIN / JT_WEBHOOK_RATE_BURST); recorded, not traded`;
    const signalId = await this.recordRefused(screened.recorderId, rawBody, contentType, reason);
    if (this.warnings.take(`recorder ${screened.recorderId}`) === 0) this.logger.warn(`recorder ${screened.recorderId}: alerts over the webhook rate limit are refused (429) and recorded as rate_limited`);
    return { httpStatus: HttpStatus.TOO_MANY_REQUESTS, retryAfterSec, body: { ok: false, signalId, status: 'rate_limited', error: reason, retryAfterSec } };
  }

  /** For a status check (GET): only the allow-list and the unknown-token limit apply. */
  admitStatusCheck(token: string, clientAddress: string | undefined): GateRefusal | null {
    const screened = this.screen(token, clientAddress);
    return 'refusal' in screened ? screened.refusal : null;
  }

  /**
   * The checks made from memory alone: the allow-list, then the token in the recorders' index.
   * recorderId null: not in the index, but the address may still ask (the webhook looks it up;
   * a recorder added by the CLI since start is found that way, at one unknown-token's cost).
   */
  private screen(token: string, clientAddress: string | undefined): { refusal: GateRefusal } | { recorderId: string | null } {
    if (this.allowList && !this.allowList.allows(clientAddress)) {
      if (this.warnings.take(`address ${addressGroup(clientAddress)}`) === 0) this.logger.warn(`webhooks from ${clientAddress ?? 'an unknown address'} are refused (403): not in JT_WEBHOOK_ALLOW_IPS`);
      return { refusal: { httpStatus: HttpStatus.FORBIDDEN, retryAfterSec: null, body: { ok: false, error: 'webhooks are not accepted from this address' } } };
    }
    const recorderId = this.recorders.indexedRecorderId(token);
    if (recorderId !== null) return { recorderId };
    const retryAfterSec = this.unknownPerAddress.take(addressGroup(clientAddress));
    if (retryAfterSec === 0) return { recorderId: null };
    return { refusal: { httpStatus: HttpStatus.TOO_MANY_REQUESTS, retryAfterSec, body: { ok: false, error: 'too many requests with unknown webhook tokens from this address', retryAfterSec } } };
  }

  private async recordRefused(recorderId: string, rawBody: string, contentType: string | null, reason: string): Promise<string> {
    const receivedAt = this.clock.nowIso();
    const signal = newSignal(recorderId, redactSecrets(rawBody), contentType, receivedAt, 'rate_limited', reason);
    await this.signals.insertNew(signal);
    await this.signals.record(signal.id, 'rate_limited', reason, null, receivedAt);
    return signal.id;
  }
}
