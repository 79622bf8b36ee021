import { Broker } from './broker.port';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A broker whose every call is answered `latencyMs` late, like a remote one: the paper broker
 * behind it behaves like Tradovate over a network (JT_PAPER_LATENCY_MS), for soak tests and the
 * kill-switch bench. Socket events pass through untouched.
 */
export class LatentBroker implements Broker {
  readonly kind: string;
  readonly events$: Broker['events$'];

  constructor(
    private readonly inner: Broker,
    private readonly latencyMs: number,
  ) {
    this.kind = inner.kind;
    this.events$ = inner.events$;
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
