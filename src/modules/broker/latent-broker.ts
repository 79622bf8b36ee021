import { EMPTY } from 'rxjs';
import { Broker, BrokerEvent } from '../src/modules/broker/broker.port';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A broker that answers every call `latencyMs` late, like a remote one. Its socket events are the
 * wrapped broker's, already forwarded, so it publishes none of its own.
 */
export class LatentBroker implements Broker {
  readonly kind: string;
  readonly events$ = EMPTY as unknown as Broker['events$'];

  constructor(
    private readonly inner: Broker,
    private readonly latencyMs: number,
  ) {
    this.kind = inner.kind;
  }

  private async late<T>(call: () => Promise<T>): Promise<T> {
    await wait(this.latencyMs);
    return call();
  }

  placeOrder: Broker['placeOrder'] = (req) => this.late(() => this.inner.placeOrder(req));
  cancelOrder: Broker['cancelOrder'] = (ref, id) => this.late(() => this.inner.cancelOrder(ref, id));
  liquidatePosition: Broker['liquidatePosition'] = (ref, c, id) => this.late(() => this.inner.liquidatePosition(ref, c, id));
  getPosition: Broker['getPosition'] = (ref, c) => this.late(() => this.inner.getPosition(ref, c));
  listPositions: Broker['listPositions'] = (ref) => this.late(() => this.inner.listPositions(ref));
  listOrders: Broker['listOrders'] = (ref) => this.late(() => this.inner.listOrders(ref));
}

export type { BrokerEvent };
