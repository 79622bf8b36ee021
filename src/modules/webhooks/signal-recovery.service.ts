import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { signalAge, staleReason } from '../../core/signals/signal-age';
import { Signal } from '../signals/entities/signal.entity';
import { SignalsService } from '../signals/signals.service';
import { ParsedAlert } from './parsed-alert';

/**
 * At start, every signal the last process accepted but never routed reaches a final state: young
 * enough (JT_SIGNAL_MAX_AGE_SEC), it is published again for routing, oldest first; older, it is
 * marked stale with the reason. A re-route is safe: orders are keyed by (signal, trader), so one
 * already placed is never placed twice. Runs at application bootstrap, after the accounts module
 * (imported below us) bound the brokers, and before the HTTP server takes new alerts.
 */
@Injectable()
export class SignalRecovery implements OnApplicationBootstrap {
  private readonly logger = new Logger('SignalRecovery');

  constructor(
    private readonly signals: SignalsService,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.ownsSignalIntake) return;
    const unrouted = await this.signals.listUnrouted();
    let routed = 0;
    for (const signal of unrouted) {
      if (await this.recover(signal)) routed++;
    }
    if (unrouted.length > 0) this.logger.warn(`${unrouted.length} signal(s) left unrouted by the last stop: ${routed} routed again, ${unrouted.length - routed} stale`);
  }

  /** True when the signal was published for routing, false when it was marked stale. */
  private async recover(signal: Signal): Promise<boolean> {
    const maxAgeSec = this.config.signalMaxAgeSec;
    const age = signalAge({ firedAt: signal.firedAt, receivedAt: signal.receivedAt }, this.clock.now(), maxAgeSec);
    if (age.stale || !signal.parsed || !signal.contract) {
      const reason = signal.parsed && signal.contract ? staleReason(age, 'when the server restarted', maxAgeSec) : 'stale: stored without its parsed alert, found at restart; not traded';
      await this.signals.markStale(signal.id, reason);
      return false;
    }
    const alert = JSON.parse(signal.parsed) as ParsedAlert;
    await this.signals.record(signal.id, 'recovered', `accepted before a stop but not routed; routed again at restart, ${Math.round(age.ageMs / 1000)} s old`);
    this.bus.publish({ type: 'SignalReceived', ts: this.clock.nowIso(), signalId: signal.id, recorderId: signal.recorderId, contract: signal.contract, alert, receivedAt: signal.receivedAt, recovered: true });
    return true;
  }
}
