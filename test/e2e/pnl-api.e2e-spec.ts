import { logIn } from '../support/browser-session';
import { anAccount, aTradedRecorder, positionsOf, quote, sendAlert } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** Issue 12: P&L per account and recorder, per trading day, and the equity curve, over HTTP. */
describe('P&L API', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ now: '2026-11-30T15:00:00.000Z' })));
  afterEach(() => t.close());

  it('a paper round trip with commissions: realized, commissions, balance; the recorder shows its virtual result', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 2 }, {}, { commissionPerContract: '0.35', startingBalance: '10000' });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await positionsOf(t, account.id);
    await quote(t, 'MNQ1!', '21004.25');
    await t.settle();
    // open: +4.25 points x $2 x 2 = 17.00; commissions 2 x 0.35 = 0.70
    expect((await t.api.get(`/api/pnl?accountId=${account.id}`).expect(200)).body.accounts[0]).toEqual(
      expect.objectContaining({ realizedUsd: '0.00', openUsd: '17.00', commissionsUsd: '0.70', dayPnlUsd: '16.30', balanceUsd: '9999.30', equityUsd: '10016.30' }),
    );
    expect((await t.api.get(`/api/pnl?accountId=${account.id}`).expect(200)).body.traders).toEqual([expect.objectContaining({ openUsd: '17.00', dayPnlUsd: '17.00' })]);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21010.00' }).expect(200);
    await positionsOf(t, account.id);
    const body = (await t.api.get('/api/pnl').expect(200)).body;
    expect(body.tradingDay).toBe('2026-11-30');
    // 10 points x $2 x 2 = 40.00, commissions 4 x 0.35 = 1.40
    expect(body.accounts).toEqual([expect.objectContaining({ accountId: account.id, realizedUsd: '40.00', commissionsUsd: '1.40', openUsd: '0.00', dayPnlUsd: '38.60', balanceUsd: '10038.60' })]);
    expect(body.recorders).toEqual([expect.objectContaining({ recorderId: recorder.id, realizedUsd: '40.00', openUsd: '0.00', dayPnlUsd: '40.00' })]);
    expect(body.traders).toEqual([expect.objectContaining({ recorderId: recorder.id, accountId: account.id, realizedUsd: '40.00', openUsd: '0.00', dayPnlUsd: '40.00' })]);

    // a new commission rate re-prices the day: 4 contract-sides x 1.00
    await t.api.patch(`/api/accounts/${account.id}`, { commissionPerContract: '1' }).expect(200);
    expect((await t.api.get(`/api/pnl?accountId=${account.id}`).expect(200)).body.accounts[0]).toEqual(expect.objectContaining({ commissionsUsd: '4.00', dayPnlUsd: '36.00', unbookedFills: 0 }));
  });

  it('results land on the trading day of the closing fill; /daily and /equity follow the days', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 }, {}, { commissionPerContract: '1' });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await positionsOf(t, account.id);
    // 16:59 Chicago: +5 points x $2 on 2026-11-30
    t.clock.set('2026-11-30T22:59:00.000Z');
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21005.00' }).expect(200);
    await positionsOf(t, account.id);
    // 17:00 Chicago: a short closed -3 points x $2 on 2026-12-01
    t.clock.set('2026-11-30T23:00:00.000Z');
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21005.00' }).expect(200);
    await positionsOf(t, account.id);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21008.00' }).expect(200);
    await positionsOf(t, account.id);

    const daily = (await t.api.get(`/api/pnl/daily?accountId=${account.id}`).expect(200)).body;
    expect(daily.accounts[0].days).toEqual([
      { day: '2026-11-30', realizedUsd: '10.00', commissionsUsd: '2.00', contracts: 2, netUsd: '8.00' },
      { day: '2026-12-01', realizedUsd: '-6.00', commissionsUsd: '2.00', contracts: 2, netUsd: '-8.00' },
    ]);
    const onlyFirst = (await t.api.get(`/api/pnl/daily?accountId=${account.id}&from=2026-11-30&to=2026-11-30`).expect(200)).body;
    expect(onlyFirst.accounts[0].days.map((d: { day: string }) => d.day)).toEqual(['2026-11-30']);

    const equity = (await t.api.get(`/api/pnl/equity?accountId=${account.id}`).expect(200)).body;
    expect(equity).toEqual({ accountId: account.id, startingBalanceUsd: '50000.00', points: [{ day: '2026-11-30', equityUsd: '50008.00' }, { day: '2026-12-01', equityUsd: '50000.00' }], nowUsd: '50000.00' });
    const virtual = (await t.api.get(`/api/pnl/equity?recorderId=${recorder.id}`).expect(200)).body;
    expect(virtual.points).toEqual([{ day: '2026-11-30', equityUsd: '10.00' }, { day: '2026-12-01', equityUsd: '4.00' }]);
  });

  it('each closed trade carries its MFE and MAE: the best and worst open P&L its quotes showed', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await positionsOf(t, account.id);
    for (const price of ['21005.00', '20990.00', '21002.00']) {
      await quote(t, 'MNQ1!', price);
      await t.settle();
    }
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21003.00' }).expect(200);
    await positionsOf(t, account.id);
    await t.settle();
    // +5 points x $2 at best, -10 points x $2 at worst, closed +3 points
    expect((await t.api.get(`/api/pnl/trades?accountId=${account.id}`).expect(200)).body).toEqual([
      expect.objectContaining({ side: 'LONG', pnlUsd: '6.00', maxFavorableUsd: '10.00', maxAdverseUsd: '-20.00' }),
    ]);
    expect((await t.api.get('/api/pnl/trades').expect(400)).body.message).toMatch(/accountId is required/);
  });

  it('refuses bad queries and bad settings with what is wrong, changing nothing', async () => {
    expect((await t.api.get('/api/pnl?from=30-11-2026').expect(400)).body.message).toEqual(expect.arrayContaining(['from must be a trading day as YYYY-MM-DD']));
    expect((await t.api.get('/api/pnl/daily?from=2026-12-02&to=2026-12-01').expect(400)).body.message).toMatch(/from \(2026-12-02\) is after to/);
    expect((await t.api.get('/api/pnl/equity').expect(400)).body.message).toMatch(/exactly one of accountId or recorderId/);
    expect((await t.api.get('/api/pnl?accountId=nope').expect(400)).body.message).toEqual(expect.arrayContaining(['accountId must be an account id']));

    await t.api.post('/api/accounts', { name: 'Bad', broker: 'paper', dailyLossLimit: '-5' }).expect(400);
    await t.api.post('/api/accounts', { name: 'Bad', broker: 'paper', dailyLossLimit: '0' }).expect(400);
    await t.api.post('/api/accounts', { name: 'Bad', broker: 'paper', startingBalance: 50000 }).expect(400);
    await t.api.post('/api/accounts', { name: 'Bad', broker: 'paper', commissionPerContract: '1e2' }).expect(400);
    await t.api.post('/api/recorders', { name: 'Bad', symbol: 'MNQ1!', quantity: 1, dailyLossLimit: 'lots' }).expect(400);
    expect((await t.api.get('/api/accounts').expect(200)).body).toEqual([]);

    const account = await anAccount(t);
    expect((await t.api.get(`/api/accounts/${account.id}`).expect(200)).body).toEqual(
      expect.objectContaining({ startingBalance: '50000', commissionPerContract: '0', dailyLossLimit: null, maxLossPerPosition: null }),
    );
    const patched = (await t.api.patch(`/api/accounts/${account.id}`, { dailyLossLimit: '750.50', maxLossPerPosition: '200', commissionPerContract: '0.0925' }).expect(200)).body;
    expect(patched).toEqual(expect.objectContaining({ dailyLossLimit: '750.50', maxLossPerPosition: '200', commissionPerContract: '0.0925' }));
    expect((await t.api.patch(`/api/accounts/${account.id}`, { dailyLossLimit: null }).expect(200)).body.dailyLossLimit).toBeNull();
  });

  it("the dashboard shows today's P&L per account and recorder, server-rendered", async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, dailyLossLimit: '300' }, {}, { dailyLossLimit: '500' });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await positionsOf(t, account.id);
    await quote(t, 'MNQ1!', '20990.00');
    await t.settle();
    const session = await logIn(t);
    const html = (await t.http.get('/').set('Cookie', session.cookie).expect(200)).text;
    const card = html.slice(html.indexOf('id="pnl-today"'), html.indexOf('</section>', html.indexOf('id="pnl-today"')));
    expect(card).toContain('trading day 2026-11-30');
    // open -10 points x $2 on both the account and the recorder
    expect(card).toMatch(/<td class="num loss">-20.00<\/td><td class="num loss">-20.00<\/td><td class="num">50000.00<\/td>/);
    expect(card).toMatch(/<td class="num loss">-20.00<\/td><td class="num loss">-20.00<\/td><td>300/);
  });
});
