import { EventBus } from '../../../src/core/bus/event-bus';
import { FakeTradovate } from '../../fakes/tradovate/fake-tradovate-server';
import { aRecorder, aTrader, ordersOf, positionsOf, sendAlert, signalOf } from '../../support/builders';
import { TestApp } from '../../support/test-app';
import { aTradovateAccount, eventually, settledAccount, startAppWithFake } from './tradovate-support';

/** The whole app riding out the fake's faults: every fill recorded once, no order sent twice. */
describe('Tradovate recovery end to end', () => {
  let t: TestApp;
  let fake: FakeTradovate;
  let mnq: string;
  let accountId: string;
  let token: string;

  beforeEach(async () => {
    ({ t, fake } = await startAppWithFake());
    mnq = fake.frontContract('MNQ');
    fake.setQuote(mnq, { bid: 21000.0, ask: 21000.25, last: 21000.25 });
    accountId = (await aTradovateAccount(t)).id;
    expect(await settledAccount(t, accountId)).toMatchObject({ status: 'connected' });
    const recorder = await aRecorder(t, { quantity: 2 });
    await aTrader(t, recorder.id, accountId);
    token = recorder.webhookToken;
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  const position = (netPos: number) =>
    eventually(async () => {
      const [row] = await positionsOf(t, accountId);
      if ((row?.netPos ?? 0) !== netPos) throw new Error(`position ${row?.netPos ?? 0}, waiting for ${netPos}`);
      return row;
    }, 15_000);
  const filledSteps = async (signalId: string) => (await signalOf(t, signalId)).timeline.filter((s) => s.accountId === accountId && s.step === 'filled');

  it('the fill and Filled arrive before the placement answer: one fill recorded, the order filled, the position right', async () => {
    fake.faults.slow(600, { endpoint: 'order/placeorder', after: true });
    const res = await sendAlert(t, token, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    expect(await position(2)).toMatchObject({ contract: mnq, side: 'LONG', avgPrice: '21000.25' });
    await eventually(async () => expect((await ordersOf(t, accountId))[0]).toMatchObject({ status: 'filled', quantity: 2, purpose: 'open' }));
    await eventually(async () => expect(await signalOf(t, res.body.signalId)).toMatchObject({ timeline: expect.arrayContaining([expect.objectContaining({ step: 'order_acknowledged' })]) }));
    expect(await filledSteps(res.body.signalId)).toHaveLength(1);
    expect(fake.requestsTo('order/placeorder')).toHaveLength(1);
    expect(fake.state.demo.position('DEMO1234567', mnq)?.netPos).toBe(2);
  });

  it('a placement answered after our timeout is found by clOrdId: not re-sent, filled once', async () => {
    fake.faults.slow(4_000, { endpoint: 'order/placeorder', after: true });
    const res = await sendAlert(t, token, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    expect(await position(2)).toMatchObject({ side: 'LONG' });
    await eventually(async () => expect((await ordersOf(t, accountId))[0]).toMatchObject({ status: 'filled', quantity: 2 }), 10_000);
    expect(await filledSteps(res.body.signalId)).toHaveLength(1);
    expect(fake.requestsTo('order/placeorder')).toHaveLength(1);
    expect(fake.state.demo.orders('DEMO1234567')).toHaveLength(1);
  });

  it('a placement that lands only after we gave up looking: never re-sent, and its late fill still reaches the book', async () => {
    // TRADOVATE_TIMEOUT_MS is 3 s; the lookups by clOrdId end about 4 s later
    fake.faults.slow(8_500, { endpoint: 'order/placeorder' });
    const res = await sendAlert(t, token, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    await eventually(async () => expect((await signalOf(t, res.body.signalId)).timeline.map((s) => s.step)).toContain('order_rejected'), 12_000);
    expect(fake.requestsTo('order/placeorder')).toHaveLength(1);
    expect(await position(2)).toMatchObject({ side: 'LONG' });
    expect(fake.state.demo.orders('DEMO1234567')).toHaveLength(1);
    await eventually(async () => expect((await ordersOf(t, accountId))[0]).toMatchObject({ status: 'filled', quantity: 2 }));
    expect(await filledSteps(res.body.signalId)).toHaveLength(1);
  }, 30_000);

  it('an alert traded while a shutdown frame has the socket down: the fill comes with the re-sync, once', async () => {
    const reconnected: string[] = [];
    t.app.get(EventBus).on('BrokerReconnected', 'test', (e) => void reconnected.push(e.accountId));
    expect(fake.faults.shutdown({ kind: 'trading', reasonCode: 'Maintenance' })).toBeGreaterThan(0);
    const res = await sendAlert(t, token, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    expect(await position(2)).toMatchObject({ side: 'LONG' });
    await eventually(async () => expect(reconnected).toEqual([accountId]), 10_000);
    expect(await filledSteps(res.body.signalId)).toHaveLength(1);
    expect(fake.requestsTo('order/placeorder')).toHaveLength(1);
    expect(fake.state.demo.position('DEMO1234567', mnq)?.netPos).toBe(2);
  });

  it('tokens expired at Tradovate: the next alert logs in again and trades once', async () => {
    fake.faults.expireTokens();
    await sendAlert(t, token, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    expect(await position(2)).toMatchObject({ side: 'LONG' });
    expect(fake.state.demo.orders('DEMO1234567')).toHaveLength(1);
    expect(fake.requestsTo('auth/accesstokenrequest')).toHaveLength(2);
  });
});
