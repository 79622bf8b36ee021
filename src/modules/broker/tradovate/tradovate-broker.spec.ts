import { Logger } from '@nestjs/common';
import { FakeTradovate, startFakeTradovate } from '../../../../test/fakes/tradovate/fake-tradovate-server';
import { BrokerEvent } from '../broker.port';
import { RateBudget } from './rate-budget';
import { TradovateBroker } from './tradovate-broker';
import { TradovateConnection } from './tradovate-connection';

const eventually = async (check: () => void, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
};

Logger.overrideLogger(false);

describe('TradovateBroker: the order life cycle over real sockets (reference §4, §6)', () => {
  let fake: FakeTradovate;
  let conn: TradovateConnection;
  let broker: TradovateBroker;
  let events: BrokerEvent[];
  let account: string;
  let mnq: string;

  beforeEach(async () => {
    fake = await startFakeTradovate();
    mnq = fake.frontContract('MNQ');
    fake.setQuote(mnq, { bid: 21000, ask: 21000.25, last: 21000 });
    conn = new TradovateConnection({
      env: 'demo',
      restUrl: fake.restBase,
      wsUrl: fake.tradingWsUrl,
      credentials: { username: 'jt.trader', password: 'fake-password', appId: 'JustTrades', appVersion: '1.0', cid: 8, sec: 'fake-api-secret-0123456789abcdef' },
      budget: new RateBudget(6000, 100),
      rest: { timeoutMs: 1_000, maxPenaltyWaitSec: 5, getTicketMode: 'post-body' },
      renewBeforeMs: 900_000,
      socket: { reconnectMinMs: 50 },
      nowIso: () => new Date().toISOString(),
    });
    await conn.start();
    const tv = conn.pickAccount('DEMO1234567')!;
    conn.trade(tv.id);
    account = String(tv.id);
    broker = new TradovateBroker('tradovate:test', conn);
    events = [];
    broker.events$.subscribe((e) => events.push(e));
  });
  afterEach(async () => {
    conn.stop();
    await fake.close();
  });

  const ordersOf = (clOrdId: string) => events.filter((e) => e.kind === 'order' && e.order.clOrdId === clOrdId).map((e) => (e.kind === 'order' ? e.order.status : ''));

  it('market order: isAutomated, our clOrdId, fill before Filled, then the position, like the paper broker', async () => {
    const result = await broker.placeOrder({ accountRef: account, contract: mnq, action: 'Buy', quantity: 2, orderType: 'Market', clOrdId: 'jt-one' });
    expect(result).toEqual({ accepted: true, brokerOrderId: expect.any(String) });
    await eventually(() => expect(ordersOf('jt-one')).toContain('Filled'));
    const kinds = events.map((e) => (e.kind === 'order' ? `order:${e.order.status}` : e.kind));
    expect(kinds.indexOf('fill')).toBeLessThan(kinds.indexOf('order:Filled'));
    const fill = events.find((e) => e.kind === 'fill');
    expect(fill).toMatchObject({ fill: { clOrdId: 'jt-one', accountRef: account, contract: mnq, action: 'Buy', quantity: 2, price: '21000.25' } });
    await eventually(() => expect(events.some((e) => e.kind === 'position' && e.position.netPos === 2)).toBe(true));
    expect(fake.state.demo.orders('DEMO1234567')[0]).toMatchObject({ clOrdId: 'jt-one', isAutomated: true });
    expect(await broker.getPosition(account, mnq)).toEqual({ accountRef: account, contract: mnq, netPos: 2, avgPrice: '21000.25' });
    expect(await broker.listPositions(account)).toHaveLength(1);
  });

  it('limit order: working, modified, cancelled; listOrders shows it while it works', async () => {
    const placed = await broker.placeOrder({ accountRef: account, contract: mnq, action: 'Buy', quantity: 1, orderType: 'Limit', price: '20990.00', clOrdId: 'jt-limit' });
    expect(placed.accepted).toBe(true);
    const id = (placed as { brokerOrderId: string }).brokerOrderId;
    await eventually(() => expect(ordersOf('jt-limit')).toContain('Working'));
    expect(await broker.listOrders(account)).toEqual([expect.objectContaining({ brokerOrderId: id, clOrdId: 'jt-limit', orderType: 'Limit', price: '20990', quantity: 1, status: 'Working' })]);
    expect(await broker.modifyOrder(account, id, { quantity: 2, orderType: 'Limit', price: '20995.00' })).toEqual({ ok: true });
    expect(fake.requestsTo('order/modifyorder')[0].body).toMatchObject({ orderId: Number(id), orderQty: 2, price: 20995, isAutomated: true });
    expect(await broker.cancelOrder(account, id)).toEqual({ ok: true });
    await eventually(() => expect(ordersOf('jt-limit')).toContain('Canceled'));
    expect(await broker.listOrders(account)).toEqual([]);
  });

  it('bracket entry goes out as placeoso with a take-profit limit and a stop on the other side', async () => {
    const result = await broker.placeBracketOrder({ accountRef: account, contract: mnq, action: 'Buy', quantity: 1, orderType: 'Market', clOrdId: 'jt-oso', takeProfit: { price: '21010.00' }, stopLoss: { stopPrice: '20990.00' } });
    expect(result).toMatchObject({ accepted: true, takeProfitOrderId: expect.any(String), stopLossOrderId: expect.any(String) });
    expect(fake.requestsTo('order/placeoso')[0].body).toMatchObject({
      action: 'Buy',
      isAutomated: true,
      bracket1: { action: 'Sell', orderType: 'Limit', price: 21010 },
      bracket2: { action: 'Sell', orderType: 'Stop', stopPrice: 20990 },
    });
  });

  it('liquidateposition flattens the contract; its fills carry our clOrdId', async () => {
    await broker.placeOrder({ accountRef: account, contract: mnq, action: 'Sell', quantity: 3, orderType: 'Market', clOrdId: 'jt-short' });
    await eventually(() => expect(ordersOf('jt-short')).toContain('Filled'));
    const result = await broker.liquidatePosition(account, mnq, 'jt-flat');
    expect(result.accepted).toBe(true);
    await eventually(() => expect(ordersOf('jt-flat')).toContain('Filled'));
    expect(events.find((e) => e.kind === 'fill' && e.fill.clOrdId === 'jt-flat')).toMatchObject({ fill: { action: 'Buy', quantity: 3 } });
    expect((await broker.getPosition(account, mnq)).netPos).toBe(0);
  });

  it('a placement whose answer is lost is looked up by clOrdId, never re-sent', async () => {
    fake.faults.stopResponding({ endpoint: 'order/placeorder', process: true });
    const result = await broker.placeOrder({ accountRef: account, contract: mnq, action: 'Buy', quantity: 1, orderType: 'Market', clOrdId: 'jt-slow' });
    fake.faults.clear();
    expect(result).toEqual({ accepted: true, brokerOrderId: expect.any(String) });
    expect(fake.requestsTo('order/placeorder')).toHaveLength(1);
    expect(fake.state.demo.orders('DEMO1234567')).toHaveLength(1);
  });

  it('a placement with no answer and no order at the broker is reported unconfirmed, not retried', async () => {
    fake.faults.stopResponding({ endpoint: 'order/placeorder' });
    const result = await broker.placeOrder({ accountRef: account, contract: mnq, action: 'Buy', quantity: 1, orderType: 'Market', clOrdId: 'jt-lost' });
    expect(result).toMatchObject({ accepted: false, reason: 'PlacementUnconfirmed', text: expect.stringContaining('NOT re-sent') });
    expect(fake.requestsTo('order/placeorder')).toHaveLength(1);
  });

  it.each(['arrayEntity', 'arrayD'] as const)('reads props events sent as %s', async (form) => {
    fake.faults.propsForm(form);
    await broker.placeOrder({ accountRef: account, contract: mnq, action: 'Buy', quantity: 1, orderType: 'Market', clOrdId: `jt-${form}` });
    await eventually(() => expect(ordersOf(`jt-${form}`)).toContain('Filled'));
  });

  it('a position read that fails is an error, never "flat" (G-31)', async () => {
    fake.faults.httpError('position/deps', 500);
    await expect(broker.getPosition(account, mnq)).rejects.toThrow(/cannot read Tradovate account/);
  });
});
