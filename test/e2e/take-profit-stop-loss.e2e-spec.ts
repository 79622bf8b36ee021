import { aTradedRecorder, ordersOf, positionsOf, quote, sendAlert, tradesOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

describe('take profit and stop loss (recorder ticks)', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  it('a long hits its take profit: one market Sell for the open quantity, trade +40 USD', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 2, takeProfitTicks: 40, stopLossTicks: 20 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await positionsOf(t, account.id);
    await quote(t, 'MNQ1!', '21005.00');
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 2 })]);
    await quote(t, 'MNQ1!', '21010.00');
    expect(await positionsOf(t, account.id)).toEqual([]);
    await quote(t, 'MNQ1!', '21011.00');
    const closes = (await ordersOf(t, account.id)).filter((o) => o.purpose === 'close');
    expect(closes).toEqual([expect.objectContaining({ action: 'Sell', quantity: 2, orderType: 'Market', status: 'filled' })]);
    expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ side: 'LONG', pnlTicks: 80, pnlUsd: '40.00' })]);
  });

  it('a short hits its stop loss: one market Buy, trade -20 ticks per contract', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, takeProfitTicks: 40, stopLossTicks: 20 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00' }).expect(200);
    await positionsOf(t, account.id);
    await quote(t, 'MNQ1!', '21005.00');
    expect(await positionsOf(t, account.id)).toEqual([]);
    const closes = (await ordersOf(t, account.id)).filter((o) => o.purpose === 'close');
    expect(closes).toEqual([expect.objectContaining({ action: 'Buy', quantity: 1 })]);
    expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ side: 'SHORT', pnlTicks: -20, pnlUsd: '-10.00' })]);
  });

  it('a take profit and the strategy close arriving together make one close, never a flip', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 2, takeProfitTicks: 4 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await positionsOf(t, account.id);
    await Promise.all([quote(t, 'MNQ1!', '21001.00'), sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21001.00' }).expect(200)]);
    expect(await positionsOf(t, account.id)).toEqual([]);
    expect((await ordersOf(t, account.id)).filter((o) => o.purpose === 'close')).toHaveLength(1);
  });
});
