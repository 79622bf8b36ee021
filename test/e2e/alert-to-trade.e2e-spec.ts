import { aTradedRecorder, ordersOf, positionsOf, sendAlert, tradesOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

describe('one alert becomes a paper trade', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  it('opens a long on buy and closes it on close, with exact P&L', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 }, { multiplier: 2 });
    const buy = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    expect(buy.body).toMatchObject({ status: 'accepted', signalId: expect.any(String) });
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ contract: 'MNQZ6', side: 'LONG', netPos: 2, avgPrice: '21000.25' })]);

    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21010.25' }).expect(200);
    expect(await positionsOf(t, account.id)).toEqual([]);
    const [trade] = await tradesOf(t, account.id);
    expect(trade).toMatchObject({ side: 'LONG', quantity: 2, entryPrice: '21000.25', exitPrice: '21010.25', pnlTicks: 80, pnlUsd: '40.00' });
  });

  it('closing a short sends Buy for exactly the open quantity', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 3 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00' }).expect(200);
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ side: 'SHORT', netPos: -3 })]);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'exit', price: '20990.00' }).expect(200);
    const orders = await ordersOf(t, account.id);
    expect(orders[0]).toMatchObject({ action: 'Buy', quantity: 3, orderType: 'Market', purpose: 'close', status: 'filled' });
    expect(await positionsOf(t, account.id)).toEqual([]);
    expect((await tradesOf(t, account.id))[0]).toMatchObject({ side: 'SHORT', pnlTicks: 120, pnlUsd: '60.00' });
  });
});
