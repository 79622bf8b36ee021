import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'crypto';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { tryResolveContract } from '../../core/contracts';
import { RecordersService } from './recorders.service';
import { effectiveSettings } from './settings/effective-settings';
import { tradingWindowClosed } from './settings/trading-windows';
import { TradersService } from './traders.service';

const CHECK_EVERY_MS = 15_000;

/**
 * flattenAtWindowEnd: when a trader's trading window closes, its position in the traded contract is
 * closed through the exit state machine (an ExitPosition, CLOSE semantics: the closing side for what
 * the broker holds, nothing when flat; G-42). A window that closed while the app was down is not acted on.
 */
@Injectable()
export class WindowFlattenService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WindowFlatten');
  private timer: NodeJS.Timeout | null = null;
  private lastCheck: Date | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly recorders: RecordersService,
    private readonly traders: TradersService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.lastCheck = this.clock.now();
    this.timer = setInterval(() => void this.check().catch((e) => this.logger.error(String(e))), CHECK_EVERY_MS);
    this.timer.unref?.();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Flattens every trader whose window closed since the last check (the timer calls it). */
  async check(): Promise<void> {
    const now = this.clock.now();
    const before = this.lastCheck ?? now;
    this.lastCheck = now;
    for (const trader of await this.traders.list()) {
      const recorder = await this.recorders.get(trader.recorderId).catch(() => null);
      if (!recorder || !trader.enabled) continue;
      const settings = effectiveSettings(recorder, trader);
      if (!settings.flattenAtWindowEnd || !tradingWindowClosed(before, now, settings.timeZone, settings.windows)) continue;
      const contract = tryResolveContract(settings.symbol, now);
      if (!contract) continue;
      this.bus.publish({
        type: 'ExitPosition',
        ts: now.toISOString(),
        accountId: trader.accountId,
        traderId: trader.id,
        recorderId: recorder.id,
        signalId: null,
        contract: contract.name,
        side: null,
        reason: `trading window closed (flattenAtWindowEnd, ${settings.timeZone})`,
        idempotencyKey: createHash('sha256').update(`window-flatten|${trader.id}|${now.toISOString().slice(0, 16)}`).digest('hex').slice(0, 40),
      });
    }
  }
}
