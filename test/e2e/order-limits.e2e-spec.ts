import { aTradedRecorder, brokerNetPos, ordersInSequence, positionsOf, sendAlert, signalOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** Issue 9 part 3: the account's and trader's limits hold in the one door, before any broker sees the order. */
describe('order limits on paper', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ env: { JT_MAX_ORDER_QUANTITY: '5' } })));
  afterEach(() => t.close());

  const timelineOf = async (signalId: string, accountId: string) =>
    (await signalOf(t, signalId)).timeline.filter((s) => s.accountId === accountId).map((s) => [s.step, s.detail]);

  it('an entry over the account maxPosition never leaves: no order at the broker, order_blocked names the limit', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 3 }, {}, { maxPosition: 1 });
    const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);

    expect(await ordersInSequence(t, account.id)).toEqual([]);
    expect(await brokerNetPos(t, account.id)).toBe(0);
    expect(await timelineOf(res.body.signalId, account.id)).toContainEqual(['order_blocked', 'account maxPosition 1: buy 3 would make long 3']);
  });

  it('a close is never blocked by a position limit', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 }, {}, { maxPosition: 1 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await t.settle();
    await t.api.patch(`/api/accounts/${account.id}`, { maxPosition: 1 }).expect(200);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21001.00' }).expect(200);

    expect((await ordersInSequence(t, account.id)).map((o) => [o.purpose, o.action, o.quantity, o.status])).toEqual([
      ['open', 'Buy', 1, 'filled'],
      ['close', 'Sell', 1, 'filled'],
    ]);
    expect(await positionsOf(t, account.id)).toEqual([]);
  });

  it("an entry over the trader's maxQuantity is refused for that trader by default, never traded as sent", async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 3 }, { maxQuantity: 2 });
    const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);

    expect(await ordersInSequence(t, account.id)).toEqual([]);
    expect(await timelineOf(res.body.signalId, account.id)).toContainEqual(['refused', expect.stringMatching(/quantity 3 is over the trader's maxQuantity 2/)]);
  });

  it("a recorder set to cap trades the trader's maxQuantity instead", async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 3, oversizedQuantity: 'cap' }, { maxQuantity: 2 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);

    expect((await ordersInSequence(t, account.id)).map((o) => [o.action, o.quantity, o.status])).toEqual([['Buy', 2, 'filled']]);
    expect(await brokerNetPos(t, account.id)).toBe(2);
  });

  it('an order over JT_MAX_ORDER_QUANTITY never leaves, whatever the trader multiplier makes of it', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 2 }, { multiplier: '3' });
    const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00' }).expect(200);

    expect(await ordersInSequence(t, account.id)).toEqual([]);
    expect(await brokerNetPos(t, account.id)).toBe(0);
    expect(await timelineOf(res.body.signalId, account.id)).toContainEqual(['order_blocked', 'hard cap JT_MAX_ORDER_QUANTITY 5: sell 6 is over it']);
  });
});
