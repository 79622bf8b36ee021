import { FakeTradovate } from '../../fakes/tradovate/fake-tradovate-server';
import { aRecorder, aTrader, ordersOf, positionsOf, sendAlert, tradesOf } from '../../support/builders';
import { TestApp } from '../../support/test-app';
import { aTradovateAccount, eventually, settledAccount, startAppWithFake } from './tradovate-support';

describe('one alert becomes a Tradovate trade (walking skeleton against the fake)', () => {
  let t: TestApp;
  let fake: FakeTradovate;
  let mnq: string;
  beforeEach(async () => {
    ({ t, fake } = await startAppWithFake());
    mnq = fake.frontContract('MNQ');
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  it('an account created through the API connects in the background and never shows a secret', async () => {
    const created = await aTradovateAccount(t, { accountSpec: 'DEMO7654321' });
    expect(created.status).toBe('connecting');
    const account = await settledAccount(t, created.id);
    expect(account).toMatchObject({ status: 'connected', lastError: null, brokerAccountName: 'DEMO7654321', brokerAccountRef: String(fake.state.demo.accountByName('DEMO7654321').id) });
    expect(Date.parse(account.tokenExpiresAt!)).toBeGreaterThan(t.clock.now().getTime());
    const everything = JSON.stringify((await t.api.get('/api/accounts').expect(200)).body);
    for (const secret of ['fake-password', 'fake-api-secret', 'jt.trader']) expect(everything).not.toContain(secret);
    expect(fake.sessionCount('jt.trader')).toBe(1);
  });

  it('opens a long on buy and closes it on close, with exact P&L, like a paper account', async () => {
    fake.setQuote(mnq, { bid: 21000.0, ask: 21000.25, last: 21000.25 });
    const account = await aTradovateAccount(t);
    expect(await settledAccount(t, account.id)).toMatchObject({ status: 'connected', brokerAccountName: 'DEMO1234567' });
    const recorder = await aRecorder(t, { quantity: 1 });
    await aTrader(t, recorder.id, account.id, { multiplier: 2 });

    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    const [open] = await eventually(async () => {
      const rows = await positionsOf(t, account.id);
      if (rows.length !== 1) throw new Error('no position yet');
      return rows;
    });
    expect(open).toMatchObject({ contract: mnq, side: 'LONG', netPos: 2, avgPrice: '21000.25' });
    expect(fake.state.demo.position('DEMO1234567', mnq)?.netPos).toBe(2);
    const [sent] = fake.state.demo.orders('DEMO1234567');
    const [ours] = await ordersOf(t, account.id);
    expect(sent).toMatchObject({ action: 'Buy', isAutomated: true, ordStatus: 'Filled' });
    expect(sent.clOrdId).toMatch(/^jt-[0-9a-f]{40}$/);
    expect(ours).toMatchObject({ action: 'Buy', quantity: 2, status: 'filled', purpose: 'open' });

    fake.setQuote(mnq, { bid: 21010.25, ask: 21010.5, last: 21010.25 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21010.25' }).expect(200);
    await eventually(async () => {
      if ((await positionsOf(t, account.id)).length !== 0) throw new Error('still open');
    });
    const [trade] = await eventually(async () => {
      const rows = await tradesOf(t, account.id);
      if (rows.length !== 1) throw new Error('no trade yet');
      return rows;
    });
    expect(trade).toMatchObject({ side: 'LONG', quantity: 2, entryPrice: '21000.25', exitPrice: '21010.25', pnlTicks: 80, pnlUsd: '40.00' });
    expect(fake.state.demo.position('DEMO1234567', mnq)?.netPos).toBe(0);
    expect(fake.requestsTo('order/placeorder')).toHaveLength(2);
    expect(fake.sessionCount('jt.trader')).toBe(1);
  });
});
