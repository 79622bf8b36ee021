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
    const ref = event.kind === 'order' ? event.order.accountRef : event.kind === 'fill' ? event.fill.accountRef : event.position.accountRef;
    const accountId = this.registry.accountIdFor(kind, ref);
    if (!accountId) {
      this.logger.warn(`${kind} event for unknown account ${ref} ignored`);
      return;
    }
    if (event.kind === 'order') this.bus.publish({ type: 'OrderUpdated', ts: event.ts, accountId, order: event.order });
    else if (event.kind === 'fill') this.bus.publish({ type: 'FillReceived', ts: event.ts, accountId, fill: event.fill });
    else this.bus.publish({ type: 'PositionUpdated', ts: event.ts, accountId, position: event.position });
  }
}
