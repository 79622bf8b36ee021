import { Broker } from './broker.port';

/**
 * The paper exchange answers an order only once the state holding it is stored, as a real venue
 * acknowledges what it has journaled: a crash can then never lose a fill it already reported.
 * `persisted()` resolves when the next snapshot (which includes every change so far) is written.
 */
export class DurableBroker implements Broker {
  readonly kind: string;
  readonly events$: Broker['events$'];

  constructor(
    private readonly inner: Broker,
    private readonly persisted: () => Promise<void>,
  ) {
    this.kind = inner.kind;
    this.events$ = inner.events$;
  }

  private async durable<T>(call: () => Promise<T>): Promise<T> {
    const result = await call();
    await this.persisted();
    return result;
  }

  placeOrder: Broker['placeOrder'] = (req) => this.durable(() => this.inner.placeOrder(req));
  cancelOrder: Broker['cancelOrder'] = (ref, id) => this.durable(() => this.inner.cancelOrder(ref, id));
  liquidatePosition: Broker['liquidatePosition'] = (ref, c, id) => this.durable(() => this.inner.liquidatePosition(ref, c, id));
  getPosition: Broker['getPosition'] = (ref, c) => this.inner.getPosition(ref, c);
  listPositions: Broker['listPositions'] = (ref) => this.inner.listPositions(ref);
  listOrders: Broker['listOrders'] = (ref) => this.inner.listOrders(ref);
}
