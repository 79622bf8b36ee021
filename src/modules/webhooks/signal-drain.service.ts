import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AccountLanes } from '../../core/account-lanes';
import { EntryStop } from '../../core/trading-gate';
import { SignalIntake } from '../signals/signal-intake';
import { SignalsService } from '../signals/signals.service';

/** After the drain time, how long the orders already at a broker get to come back (no longer than the drain). */
const LAST_ORDERS_GRACE_MS = 2_000;
const POLL_MS = 25;

/**
 * On shutdown: stop taking alerts (the webhook answers 503), then let what was accepted finish,
 * for at most JT_SHUTDOWN_DRAIN_SEC. Then no entry leaves any more: each one still waiting marks
 * its signal stale with the reason, and exits get a short grace. Then routing stops: a signal not
 * routed by then stays `accepted` and is picked up at the next start (SignalRecovery). Runs in onModuleDestroy of this non-global module:
 * Nest destroys non-global modules before global ones, so the bus and the database still work
 * while we wait, and the HTTP server is closed only after every destroy hook.
 */
@Injectable()
export class SignalDrain implements OnModuleDestroy {
  private readonly logger = new Logger('SignalDrain');

  constructor(
    private readonly intake: SignalIntake,
    private readonly lanes: AccountLanes,
    private readonly signals: SignalsService,
    private readonly entries: EntryStop,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleDestroy(): Promise<void> {
    this.intake.closeAlerts();
    if (!this.config.ownsSignalIntake) return;
    const started = performance.now();
    let drained = await this.until(() => this.settled(), this.config.shutdownDrainSec * 1000);
    if (!drained) {
      this.entries.stopEntries(`not traded: the server stopped before this entry was sent (shutdown drain of ${this.config.shutdownDrainSec} s used up)`);
      drained = await this.until(() => this.settled(), Math.min(LAST_ORDERS_GRACE_MS, this.config.shutdownDrainSec * 1000));
    }
    // from here on a signal not routed yet waits for the next start; a route already running ends first
    this.intake.stopRouting();
    await this.until(async () => this.intake.isEmpty(), LAST_ORDERS_GRACE_MS);
    const left = await this.signals.countUnrouted().catch(() => null);
    const took = Math.round(performance.now() - started);
    if (drained && !left) this.logger.log(`stopped taking alerts; everything accepted was worked (${took} ms)`);
    else this.logger.warn(`stopped taking alerts; after ${took} ms ${left ?? 'an unknown number of'} accepted signal(s) are not routed yet: they are picked up at the next start`);
  }

  /**
   * Nothing accepted is left to route and no account has order work queued or running. Not "the
   * bus is idle": quotes keep the bus busy for ever on a live market-data feed.
   */
  private async settled(): Promise<boolean> {
    if (!this.intake.isEmpty() || !this.lanes.idle()) return false;
    // lanes checked again after the read: a signal routed meanwhile has queued its intents by then
    return (await this.signals.countUnrouted()) === 0 && this.lanes.idle();
  }

  private async until(done: () => Promise<boolean>, ms: number): Promise<boolean> {
    const deadline = performance.now() + ms;
    for (;;) {
      if (await done().catch(() => false)) return true;
      if (performance.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
