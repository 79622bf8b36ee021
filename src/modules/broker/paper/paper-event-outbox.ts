import { Observable, Subject } from 'rxjs';
import type { BrokerEvent } from '../broker.port';

/**
 * Holds back the paper exchange's events until the call that raised them has finished, so a
 * subscriber never sees half-applied state, and a subscriber that calls the exchange again
 * queues its events behind the ones already waiting instead of jumping ahead of them.
 */
export class PaperEventOutbox {
  private readonly eventSubject = new Subject<BrokerEvent>();
  private readonly changeSubject = new Subject<void>();
  readonly events$: Observable<BrokerEvent> = this.eventSubject.asObservable();
  readonly changes$: Observable<void> = this.changeSubject.asObservable();

  private readonly pending: BrokerEvent[] = [];
  private changed = false;
  private depth = 0;
  private publishing = false;

  constructor(private readonly clock: () => Date) {}

  /** Runs one exchange call with its timestamp, then publishes: the change signal first, then the events. */
  run<T>(work: (ts: string) => T): T {
    this.depth++;
    let result: T;
    try {
      result = work(this.clock().toISOString());
    } finally {
      this.depth--;
    }
    if (this.depth === 0) this.publish();
    return result;
  }

  markChanged(): void {
    this.changed = true;
  }

  push(event: BrokerEvent): void {
    this.pending.push(event);
  }

  private publish(): void {
    if (this.publishing) return;
    this.publishing = true;
    try {
      while (this.changed || this.pending.length > 0) {
        if (this.changed) {
          this.changed = false;
          this.changeSubject.next();
        }
        const event = this.pending.shift();
        if (event) this.eventSubject.next(event);
      }
    } finally {
      this.publishing = false;
    }
  }
}
