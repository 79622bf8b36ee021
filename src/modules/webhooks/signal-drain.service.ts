import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EventBus } from '../../core/bus/event-bus';
import { StaleEntryGuard } from '../execution/stale-entry-guard';
import { SignalsService } from '../signals/signals.service';
import { IntakeGate } from './intake-gate';

/** After the drain time, how long the orders already at a broker get to come back. */
const LAST_ORDERS_GRACE_MS = 2_000;

/**
 * On shutdown: stop taking alerts (the webhook answers 503), then let what was accepted finish,
 * for at most JT_SHUTDOWN_DRAIN_SEC. Then no entry leaves any more: each one still waiting marks
 * its signal stale with the reason, and exits get a short grace. A signal still unrouted then is
 * picked up at the next start (SignalRecovery). Runs in onModuleDestroy of this non-global module:
 * Nest destroys non-global modules before global ones, so the bus and the database still work
 * while we wait, and the HTTP server is closed only after every destroy hook.
 */
@Injectable()
export class SignalDrain implements OnModuleDestroy {
  private readonly logger = new Logger('SignalDrain');

  constructor(
    private readonly gate: IntakeGate,
    private readonly bus: EventBus,
    private readonly signals: SignalsService,
    private readonly entries: StaleEntryGuard,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleDestroy(): Promise<void> {
    this.gate.close();
    const started = performance.now();
    let drained = await this.within(this.config.shutdownDrainSec * 1000, async () => {
      await this.gate.whenEmpty();
      await this.bus.whenIdle();
    });
    if (!drained) {
      this.entries.stopEntries(`not traded: the server stopped before this entry was sent (shutdown drain of ${this.config.shutdownDrainSec} s used up)`);
      drained = await this.within(LAST_ORDERS_GRACE_MS, () => this.bus.whenIdle());
    }
    const left = await this.signals.countUnrouted().catch(() => null);
    const took = Math.round(performance.now() - started);
    if (drained && !left) this.logger.log(`stopped taking alerts; everything accepted was worked (${took} ms)`);
    else this.logger.warn(`stopped taking alerts; after ${took} ms ${left ?? 'an unknown number of'} accepted signal(s) are not routed yet: they are picked up at the next start`);
  }

  private async within(ms: number, work: () => Promise<void>): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    try {
      return await Promise.race([work().then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
