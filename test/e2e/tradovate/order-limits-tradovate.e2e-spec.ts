import { FakeTradovate } from '../../fakes/tradovate/fake-tradovate-server';
import { aRecorder, aTrader, ordersOf, positionsOf, sendAlert, signalOf } from '../../support/builders';
import { TestApp } from '../../support/test-app';
import { aTradovateAccount, eventually, settledAccount, startAppWithFake } from './tradovate-support';

/** Issue 9 part 3: maxPosition is ours to enforce on Tradovate too; the venue never sees an order over it. */
describe('order limits on the fake Tradovate', () => {
  let t: TestApp;
  let fake: FakeTradovate;
  let mnq: string;

  beforeEach(async () => {
    ({ t, fake } = await startAppWithFake());
    mnq = fake.frontContract('MNQ');
    fake.setQuote(mnq, { bid: 21000.0, ask: 21000.25, last: 21000.25 });
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  it('a recorder of 3 on an account with maxPosition 1 sends nothing; a close of what is there still goes', async () => {
    const accountId = (await aTradovateAccount(t, { maxPosition: 1 })).id;
    expect(await settledAccount(t, accountId)).toMatchObject({ status: 'connected' });
    const big = await aRecorder(t, { quantity: 3 });
    await aTrader(t, big.id, accountId);

    const res = await sendAlert(t, big.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    await t.settle();
    expect(fake.requestsTo('order/placeorder')).toHaveLength(0);
    expect(fake.state.demo.position('DEMO1234567', mnq)?.netPos ?? 0).toBe(0);
    expect((await signalOf(t, res.body.signalId)).timeline).toContainEqual(
      expect.objectContaining({ accountId, step: 'order_blocked', detail: 'account maxPosition 1: buy 3 would make long 3' }),
    );

    const small = await aRecorder(t, { quantity: 1 });
    await aTrader(t, small.id, accountId);
    await sendAlert(t, small.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    await eventually(async () => expect(await positionsOf(t, accountId)).toEqual([expect.objectContaining({ netPos: 1 })]));
    await sendAlert(t, small.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21000.25' }).expect(200);
    await eventually(async () => expect(await positionsOf(t, accountId)).toEqual([]));
    expect((await ordersOf(t, accountId)).map((o) => [o.purpose, o.quantity, o.status]).sort()).toEqual([
      ['close', 1, 'filled'],
      ['open', 1, 'filled'],
    ]);
    expect(fake.state.demo.position('DEMO1234567', mnq)?.netPos).toBe(0);
  });
});
