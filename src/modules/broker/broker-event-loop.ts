import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { Broker, BrokerEvent } from './broker.port';
import { BrokerRegistry } from './broker-registry';

/** Turns every broker's socket events into bus events, with our account id on them. */
@Injectable()
export class BrokerEventLoop implements OnModuleInit {
  private readonly logger = new Logger('BrokerEventLoop');

  constructor(
    private readonly registry: BrokerRegistry,
    private readonly bus: EventBus,
  ) {}

  onModuleInit(): void {
    this.registry.onBrokerRegistered((kind, broker) => this.listen(kind, broker));
  }

  private listen(kind: string, broker: Broker): void {
    broker.events$.subscribe((event) => this.forward(kind, event));
  }

  private forward(kind: string, event: BrokerEvent): void {
    const ref = refOf(event);
    const accountId = this.registry.accountIdFor(kind, ref);
    if (!accountId) {
      this.logger.warn(`${kind} event for unknown account ${ref} ignored`);
      return;
    }
    if (event.kind === 'order') this.bus.publish({ type: 'OrderUpdated', ts: event.ts, accountId, order: event.order });
    else if (event.kind === 'fill') this.bus.publish({ type: 'FillReceived', ts: event.ts, accountId, fill: event.fill });
    else if (event.kind === 'position') this.bus.publish({ type: 'PositionUpdated', ts: event.ts, accountId, position: event.position });
    else this.bus.publish({ type: 'CashBalanceUpdated', ts: event.ts, accountId, balance: event.balance });
  }
}

function refOf(event: BrokerEvent): string {
  switch (event.kind) {
    case 'order':
      return event.order.accountRef;
    case 'fill':
      return event.fill.accountRef;
    case 'position':
      return event.position.accountRef;
    case 'cashBalance':
      return event.balance.accountRef;
  }
}
