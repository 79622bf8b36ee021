import { Injectable } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';

/**
 * The one trading switch every order passes (the risk step): active, or halted with a reason.
 * Nothing else keeps a flag of its own.
 */
@Injectable()
export class TradingStateService {
  private halted: string | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  haltedReason(): string | null {
    return this.halted;
  }

  halt(reason: string): void {
    this.halted = reason;
    this.bus.publish({ type: 'TradingStateChanged', ts: this.clock.nowIso(), state: 'halted', reason });
  }

  resume(reason: string): void {
    this.halted = null;
    this.bus.publish({ type: 'TradingStateChanged', ts: this.clock.nowIso(), state: 'active', reason });
  }
}
