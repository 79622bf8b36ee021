import { Injectable } from '@nestjs/common';
import { firstValueFrom, merge, Observable, Subject, timer } from 'rxjs';
import { filter, map } from 'rxjs/operators';
import { EventBus } from '../../core/bus/event-bus';
import { OrderGateway } from '../execution/order-gateway.service';

const CONFIRM_TIMEOUT_MS = 2_000;
const POLL_MS = 50;
/** How long the broker's events alone may confirm an exit before a read backs them up. */
export const BACKUP_READ_MS = 150;

/** The broker's position events for one contract, heard from before the exit order goes out. */
export interface PositionWatch {
  /** the net position the broker's last event showed (undefined: no event yet) */
  last(): number | undefined;
  readonly changed$: Observable<void>;
  stop(): void;
}

/**
 * Waits until the broker reports the expected position. With a watch started before the exit
 * order, the broker's own position event confirms it (no read); a bounded read backs the events up
 * when they do not come. Without a watch (a resumed exit) it reads first. Returns the position last
 * seen (null: it could not be read).
 */
@Injectable()
export class ExitConfirmationLoop {
  constructor(
    private readonly gateway: OrderGateway,
    private readonly bus: EventBus,
  ) {}

  watch(accountId: string, contract: string): PositionWatch {
    let last: number | undefined;
    const changed = new Subject<void>();
    const sub = this.bus
      .ofType('PositionUpdated')
      .pipe(filter((e) => e.accountId === accountId && e.position.contract === contract))
      .subscribe((e) => {
        last = e.position.netPos;
        changed.next();
      });
    return {
      last: () => last,
      changed$: changed.asObservable(),
      stop: () => {
        sub.unsubscribe();
        changed.complete();
      },
    };
  }

  async waitFor(accountId: string, contract: string, expected: number, timeoutMs = CONFIRM_TIMEOUT_MS, heard?: PositionWatch): Promise<number | null> {
    const deadline = performance.now() + timeoutMs;
    const watch = heard ?? this.watch(accountId, contract);
    let seen: number | null = null;
    // with events heard since the order went out, a read waits until they had their chance
    let readAt = heard ? performance.now() + Math.min(BACKUP_READ_MS, timeoutMs) : performance.now();
    try {
      for (;;) {
        if (watch.last() === expected) return expected;
        if (performance.now() >= readAt) {
          try {
            seen = await this.gateway.readPosition(accountId, contract);
          } catch {
            seen = null;
          }
          if (seen === expected || performance.now() >= deadline) return seen;
          readAt = performance.now() + POLL_MS;
        }
        const wake = Math.max(0, Math.min(readAt, deadline) - performance.now());
        await firstValueFrom(merge(watch.changed$, timer(wake)).pipe(map(() => undefined)), { defaultValue: undefined });
      }
    } finally {
      if (!heard) watch.stop();
    }
  }
}
