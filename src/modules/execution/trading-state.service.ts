import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { TradingGate } from '../../core/trading-gate';
import { Setting } from '../auth/entities/setting.entity';

const KEY = 'trading_halted';

/**
 * The one trading switch every order passes (the risk step): active, or halted with a reason.
 * Persisted, so a kill switch stays tripped across a restart until someone re-arms it.
 */
@Injectable()
export class TradingStateService implements OnModuleInit, TradingGate {
  private halted: { reason: string; since: string } | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    @InjectRepository(Setting) private readonly settings: Repository<Setting>,
  ) {}

  async onModuleInit(): Promise<void> {
    const stored = await this.settings.findOneBy({ key: KEY });
    this.halted = stored ? JSON.parse(stored.value) : null;
  }

  haltedReason(): string | null {
    return this.halted?.reason ?? null;
  }

  haltedSince(): string | null {
    return this.halted?.since ?? null;
  }

  async halt(reason: string): Promise<void> {
    this.halted = { reason, since: this.clock.nowIso() };
    // one statement: two kill switches at once must not race a read-then-insert
    await this.settings.upsert({ key: KEY, value: JSON.stringify(this.halted) }, ['key']);
    this.bus.publish({ type: 'TradingStateChanged', ts: this.clock.nowIso(), state: 'halted', reason });
  }

  async resume(reason: string): Promise<void> {
    this.halted = null;
    await this.settings.delete({ key: KEY });
    this.bus.publish({ type: 'TradingStateChanged', ts: this.clock.nowIso(), state: 'active', reason });
  }
}
