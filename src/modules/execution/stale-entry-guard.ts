import { Inject, Injectable } from '@nestjs/common';
import { EntryStop } from '../../core/trading-gate';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../core/clock';
import { signalAge, staleReason } from '../../core/signals/signal-age';
import { OrderPurpose } from './entities/order.entity';
import { SignalsService } from '../signals/signals.service';

/**
 * The signal's age checked right before an entry leaves for the broker, not only when the signal
 * was dequeued: under load an entry can wait in its account's lane long after its alert. A stale
 * entry is not sent, and the signal is marked stale with the reason. Exits always go out. Once
 * the server is stopping and its drain time is up, no entry leaves at all (stopEntries).
 */
@Injectable()
export class StaleEntryGuard implements EntryStop {
  private stopped: string | null = null;

  constructor(
    private readonly signals: SignalsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The reason the order must not leave, or null when it may. */
  async refuse(signalId: string | null, accountId: string, purpose: OrderPurpose): Promise<string | null> {
    if (!signalId || (purpose !== 'open' && purpose !== 'add')) return null;
    if (this.stopped) {
      await this.signals.markStale(signalId, this.stopped, accountId);
      return this.stopped;
    }
    const signal = await this.signals.find(signalId);
    if (!signal) return null;
    const maxAgeSec = this.config.signalMaxAgeSec;
    const age = signalAge({ firedAt: signal.firedAt, receivedAt: signal.receivedAt }, this.clock.now(), maxAgeSec);
    if (!age.stale) return null;
    const reason = staleReason(age, 'when its entry order was about to leave', maxAgeSec);
    await this.signals.markStale(signalId, reason, accountId);
    return reason;
  }

  /** From now on every entry is refused with this reason: the process is about to stop. */
  stopEntries(reason: string): void {
    this.stopped = reason;
  }
}
