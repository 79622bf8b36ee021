import { aTradedRecorder, brokerNetPos, ordersInSequence, positionsOf, sendAlert, tradesOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** The database is the memory that survives a restart: book, orders, trades and the paper exchange. */
describe('restart', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('positions, orders, trades and the paper exchange survive a restart; a close afterwards flattens the restored position', async () => {
    t = await startTestApp();
    const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
    const token = recorder.webhookToken;
    // one finished round trip, then an open short of 3
    await sendAlert(t, token, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await t.settle();
    await sendAlert(t, token, { ticker: 'MNQ1!', action: 'close', price: '21002.00' }).expect(200);
    await t.settle();
    await sendAlert(t, token, { ticker: 'MNQ1!', action: 'sell', quantity: 3, price: '21010.00' }).expect(200);
    const before = {
      positions: await positionsOf(t, account.id),
      orders: await ordersInSequence(t, account.id),
      trades: await tradesOf(t, account.id),
    };
    expect(before.positions).toEqual([expect.objectContaining({ netPos: -3, avgPrice: '21010.00' })]);
    expect(before.orders).toHaveLength(3);
    expect(before.trades).toHaveLength(1);
    await t.close();

    t = await startTestApp({ dataDir: t.dataDir });
    t.clock.advance(60_000); // the close below is a new alert, not a repeat of the old one
    expect(await positionsOf(t, account.id)).toEqual(before.positions);
    expect(await ordersInSequence(t, account.id)).toEqual(before.orders);
    expect(await tradesOf(t, account.id)).toEqual(before.trades);
    // the paper exchange itself remembers the short and the last price
    expect(await brokerNetPos(t, account.id)).toBe(-3);
    expect((await t.http.get(`/webhook/${token}`).expect(200)).body.status).toBe('active');

    await sendAlert(t, token, 'close').expect(200); // no price: fills at the restored quote
    const orders = await ordersInSequence(t, account.id);
    expect(orders).toHaveLength(4);
    expect(orders[3]).toMatchObject({ purpose: 'close', action: 'Buy', quantity: 3, status: 'filled' });
    expect(Number(orders[3].avgFillPrice)).toBe(21010);
    // broker order ids keep counting after the restart: no id is reused
    expect(new Set(orders.map((o) => o.brokerOrderId)).size).toBe(4);
    expect(await brokerNetPos(t, account.id)).toBe(0);
    expect(await positionsOf(t, account.id)).toEqual([]);
    expect(await tradesOf(t, account.id)).toHaveLength(2);
  });

  it('a repeat of an alert traded before the restart is still recognised as a duplicate after it', async () => {
    t = await startTestApp();
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, sameSide: 'reenter' });
    const alert = { ticker: 'MNQ1!', action: 'buy', price: '21000.00', time: '2026-11-30T15:00:00Z' };
    await sendAlert(t, recorder.webhookToken, alert).expect(200);
    await t.close();

    t = await startTestApp({ dataDir: t.dataDir });
    t.clock.advance(5_000); // TradingView's retry, 5 s later, reaching the restarted server
    expect((await sendAlert(t, recorder.webhookToken, alert).expect(200)).body.status).toBe('duplicate');
    expect(await ordersInSequence(t, account.id)).toHaveLength(1);
    expect(await brokerNetPos(t, account.id)).toBe(1);
  });
});
