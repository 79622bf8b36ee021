import { Injectable } from '@nestjs/common';
import { firstValueFrom, race, timer } from 'rxjs';
import { filter, map } from 'rxjs/operators';
import { EventBus } from '../../core/bus/event-bus';
import { OrderStatus } from '../broker/broker.port';

const FINAL: OrderStatus[] = ['Filled', 'Rejected', 'Canceled'];

export type OrderOutcome = { status: 'Filled' | 'Rejected' | 'Canceled'; reason: string | null } | { status: 'timeout'; reason: string };

/**
 * Waits until an order is final at the broker *and* in our book: it listens to OrderRecorded,
 * which the fill recorder publishes after the report (and the fills before it) are stored, so
 * whoever goes on (the next step of a reversal, a reconcile) sees a book that knows the fill.
 * Start waiting *before* placing: a broker may report the fill before placeOrder returns.
 */
@Injectable()
export class OrderTracker {
  constructor(private readonly bus: EventBus) {}

  waitForFinal(accountId: string, clOrdId: string, timeoutMs: number): Promise<OrderOutcome> {
    const final$ = this.bus.ofType('OrderRecorded').pipe(
      filter((e) => e.accountId === accountId && e.order.clOrdId === clOrdId && FINAL.includes(e.order.status)),
      map((e): OrderOutcome => ({ status: e.order.status as 'Filled' | 'Rejected' | 'Canceled', reason: e.order.rejectReason })),
    );
    const timeout$ = timer(timeoutMs).pipe(map((): OrderOutcome => ({ status: 'timeout', reason: `no final status within ${timeoutMs} ms` })));
    // a bus that closes first (shutdown) ends the wait as a timeout instead of an unhandled EmptyError
    return firstValueFrom(race(final$, timeout$), { defaultValue: { status: 'timeout', reason: 'the event bus closed before the order was final' } as OrderOutcome });
  }
}
