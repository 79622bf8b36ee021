import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Observable, Subject, Subscription, defer, EMPTY, from } from 'rxjs';
import { catchError, concatMap, filter, finalize, groupBy, mergeMap } from 'rxjs/operators';
import { DomainEvent, EventOf, EventType } from './events';

export interface HandlerError {
  handler: string;
  event: DomainEvent;
  error: unknown;
}

type Handler<E> = (event: E) => unknown | Promise<unknown>;

/**
 * The in-process bus. Publishing never throws and never waits for handlers: each subscriber has
 * its own subscription, and each handler call is isolated, so a failure goes to `errors$`,
 * not to the publisher or the other subscribers.
 */
@Injectable()
export class EventBus implements OnModuleDestroy {
  private readonly logger = new Logger('EventBus');
  private readonly stream = new Subject<DomainEvent>();
  private readonly errorStream = new Subject<HandlerError>();
  private readonly subscriptions: Subscription[] = [];
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  readonly errors$: Observable<HandlerError> = this.errorStream.asObservable();

  publish(event: DomainEvent): void {
    this.stream.next(event);
  }

  ofType<T extends EventType>(...types: T[]): Observable<EventOf<T>> {
    return this.stream.pipe(filter((e): e is EventOf<T> => (types as string[]).includes(e.type)));
  }

  /** Handle each event as it comes; async handlers of one subscriber may overlap. */
  on<T extends EventType>(types: T | T[], name: string, handler: Handler<EventOf<T>>): Subscription {
    const list = Array.isArray(types) ? types : [types];
    const sub = this.ofType(...list)
      .pipe(mergeMap((event) => this.isolated(name, event, handler)))
      .subscribe();
    this.subscriptions.push(sub);
    return sub;
  }

  /**
   * One ordered lane per key (per account, per recorder): events of one key are handled strictly
   * one after another, different keys in parallel. Groups never expire.
   */
  inLanes<T extends EventType>(
    types: T | T[],
    name: string,
    laneKey: (event: EventOf<T>) => string,
    handler: Handler<EventOf<T>>,
  ): Subscription {
    const list = Array.isArray(types) ? types : [types];
    const sub = this.ofType(...list)
      .pipe(
        groupBy(laneKey),
        mergeMap((lane) => lane.pipe(concatMap((event) => this.isolated(name, event, handler)))),
      )
      .subscribe();
    this.subscriptions.push(sub);
    return sub;
  }

  /** Resolves when no handler is running (tests, CLI commands, shutdown). */
  async whenIdle(): Promise<void> {
    // let synchronous publishes queue their handlers first
    await new Promise((resolve) => setImmediate(resolve));
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    return this.whenIdle();
  }

  onModuleDestroy(): void {
    this.subscriptions.forEach((s) => s.unsubscribe());
    this.stream.complete();
    this.errorStream.complete();
  }

  private isolated<E extends DomainEvent>(name: string, event: E, handler: Handler<E>): Observable<unknown> {
    this.inFlight++;
    return defer(() => from(Promise.resolve().then(() => handler(event)))).pipe(
      catchError((error: unknown) => {
        const message = error instanceof Error ? error.stack ?? error.message : String(error);
        this.logger.error(`${name} failed on ${event.type}: ${message}`);
        this.errorStream.next({ handler: name, event, error });
        return EMPTY;
      }),
      finalize(() => {
        this.inFlight--;
        if (this.inFlight === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          waiters.forEach((w) => w());
        }
      }),
    );
  }
}
