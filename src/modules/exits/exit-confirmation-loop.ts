import { Injectable } from '@nestjs/common';
import { firstValueFrom, merge, timer } from 'rxjs';
import { filter, map } from 'rxjs/operators';
import { EventBus } from '../../core/bus/event-bus';
import { OrderGateway } from '../execution/order-gateway.service';

const CONFIRM_TIMEOUT_MS = 2_000;
const POLL_MS = 50;

/**
 * Waits until the broker reports the expected position: woken by the broker's position events,
 * with a bounded poll as back-up. Returns the position last seen (null: it could not be read).
 */
@Injectable()
export class ExitConfirmationLoop {
  constructor(
    private readonly gateway: OrderGateway,
    private readonly bus: EventBus,
  ) {}

  async waitFor(accountId: string, contract: string, expected: number, timeoutMs = CONFIRM_TIMEOUT_MS): Promise<number | null> {
    const deadline = performance.now() + timeoutMs;
    let seen: number | null = null;
    for (;;) {
      try {
        seen = await this.gateway.readPosition(accountId, contract);
      } catch {
        seen = null;
      }
      if (seen === expected || performance.now() >= deadline) return seen;
      const wake$ = this.bus.ofType('PositionUpdated').pipe(
        filter((e) => e.accountId === accountId && e.position.contract === contract),
        map(() => undefined),
      );
      await firstValueFrom(merge(wake$, timer(Math.min(POLL_MS, Math.max(0, deadline - performance.now())))));
    }
  }
}
