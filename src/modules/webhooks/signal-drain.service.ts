import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EventBus } from '../../core/bus/event-bus';
import { SignalsService } from '../signals/signals.service';
import { IntakeGate } from './intake-gate';

/**
 * On shutdown: stop taking alerts (the webhook answers 503), then let what was accepted finish,
 * for at most JT_SHUTDOWN_DRAIN_SEC. Whatever is still unrouted then is picked up at the next start
 * (SignalRecovery). Runs in onModuleDestroy of this non-global module: Nest destroys non-global
 * modules before global ones, so the bus and the database still work while we wait, and the HTTP
 * server is closed only after every destroy hook.
 */
@Injectable()
export class SignalDrain implements OnModuleDestroy {
  private readonly logger = new Logger('SignalDrain');

  constructor(
    private readonly gate: IntakeGate,
    private readonly bus: EventBus,
    private readonly signals: SignalsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleDestroy(): Promise<void> {
    this.gate.close();
    const started = performance.now();
    const drained = await this.within(this.config.shutdownDrainSec * 1000, async () => {
      await this.gate.whenEmpty();
      await this.bus.whenIdle();
    });
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
