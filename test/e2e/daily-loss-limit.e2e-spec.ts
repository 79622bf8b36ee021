import { logIn } from '../support/browser-session';
import { aTradedRecorder, ordersInSequence, positionsOf, quote, sendAlert, signalOf, tradesOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** G-45 on paper: the day's realized + open loss reaching the limit flattens and stops entries until the session rolls. */
describe('daily loss limit per account', () => {
  let t: TestApp;
  // Monday 30 November 2026, 09:00 Chicago: trading day 2026-11-30
  beforeEach(async () => (t = await startTestApp({ now: '2026-11-30T15:00:00.000Z' })));
  afterEach(() => t.close());

  const pnlOf = async (accountId: string) => (await t.api.get(`/api/pnl?accountId=${accountId}`).expect(200)).body.accounts[0];

  it('open loss reaching the limit flattens through the exit machine, refuses the next entry, and allows it after 17:00 Chicago', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 2 }, {}, { dailyLossLimit: '100', commissionPerContract: '0.50' });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 2 })]);

    // -19.75 points x $2 x 2 = -79.00, less $1.00 commissions = -80.00: under the limit
    await quote(t, 'MNQ1!', '20980.25');
    await t.settle();
    expect(await pnlOf(account.id)).toEqual(expect.objectContaining({ openUsd: '-79.00', commissionsUsd: '1.00', dayPnlUsd: '-80.00' }));
    expect(await positionsOf(t, account.id)).toHaveLength(1);

    // -24.75 points x $2 x 2 = -99.00, less $1.00 = -100.00: the limit
    await quote(t, 'MNQ1!', '20975.25');
    expect(await positionsOf(t, account.id)).toEqual([]);
    const orders = await ordersInSequence(t, account.id);
    expect(orders.map((o) => [o.purpose, o.action, o.quantity, o.orderType, o.status])).toEqual([
      ['open', 'Buy', 2, 'Market', 'filled'],
      ['close', 'Sell', 2, 'Market', 'filled'],
    ]);
    expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ side: 'LONG', quantity: 2, pnlUsd: '-99.00' })]);
    expect(await pnlOf(account.id)).toEqual(expect.objectContaining({ realizedUsd: '-99.00', commissionsUsd: '2.00', openUsd: '0.00', dayPnlUsd: '-101.00', balanceUsd: '49899.00' }));

    const refused = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '20990.00' }).expect(200);
    const steps = (await signalOf(t, refused.body.signalId)).timeline.filter((s) => s.accountId === account.id);
    expect(steps).toContainEqual(expect.objectContaining({ step: 'blocked', detail: expect.stringMatching(/daily loss limit reached on account .*: day P&L -101.00 USD against a limit of 100 USD \(trading day 2026-11-30\)/) }));
    expect(await positionsOf(t, account.id)).toEqual([]);

    const status = (await t.api.get('/api/status').expect(200)).body;
    expect(status.lossLimits).toEqual([expect.objectContaining({ book: 'account', id: account.id, day: '2026-11-30' })]);
    const session = await logIn(t);
    const page = (await t.http.get('/control-center').set('Cookie', session.cookie).expect(200)).text;
    const card = page.slice(page.indexOf('id="loss-limits"'), page.indexOf('</section>', page.indexOf('id="loss-limits"')));
    expect(card).toMatch(/<td>account<\/td><td>Paper \d+<\/td><td class="num loss">-101.00<\/td><td class="num">100<\/td><td><span class="chip off"[^>]*>reached: entries off until 17:00 Chicago/);

    // 16:59 Chicago: still the same session
    t.clock.set('2026-11-30T22:59:00.000Z');
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '20990.00' }).expect(200);
    expect(await positionsOf(t, account.id)).toEqual([]);

    // 17:00 Chicago: the 2026-12-01 session, a fresh day
    t.clock.set('2026-11-30T23:00:00.000Z');
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '20990.00' }).expect(200);
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 2 })]);
    expect(await pnlOf(account.id)).toEqual(expect.objectContaining({ tradingDay: '2026-12-01', realizedUsd: '0.00', commissionsUsd: '1.00' }));
  });

  it('a position losing its maxLossPerPosition is flattened alone, and entries stay allowed', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 }, {}, { maxLossPerPosition: '20' });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00' }).expect(200);
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: -1, avgPrice: '21000.00' })]);
    await quote(t, 'MNQ1!', '21009.75');
    expect(await positionsOf(t, account.id)).toHaveLength(1);
    // short 1 from 21000, +10 points x $2 = -20.00
    await quote(t, 'MNQ1!', '21010.00');
    expect(await positionsOf(t, account.id)).toEqual([]);
    expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ side: 'SHORT', pnlUsd: '-20.00' })]);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21010.00' }).expect(200);
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: -1 })]);
  });
});

describe('daily loss limit per recorder (virtual book)', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ now: '2026-11-30T15:00:00.000Z' })));
  afterEach(() => t.close());

  it('the virtual loss reaching the limit refuses the next entry at routing with a timeline step, nothing reaches the trader', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, dailyLossLimit: '50' });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    // virtual long 1 from 21000 closed at 20975: -25 points x $2 = -50.00
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '20975.00' }).expect(200);
    await t.settle();
    const pnl = (await t.api.get(`/api/pnl?recorderId=${recorder.id}`).expect(200)).body;
    expect(pnl.recorders).toEqual([expect.objectContaining({ recorderId: recorder.id, realizedUsd: '-50.00', dayPnlUsd: '-50.00' })]);

    const refused = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '20980.00' }).expect(200);
    const signal = await signalOf(t, refused.body.signalId);
    expect(signal.status).toBe('blocked');
    expect(signal.timeline).toContainEqual(expect.objectContaining({ step: 'recorder_blocked', detail: expect.stringMatching(/daily loss limit reached on recorder .*day P&L -50.00 USD against a limit of 50 USD/) }));
    expect(await positionsOf(t, account.id)).toEqual([]);
  });

  it('a virtual open loss reaching the limit closes the virtual position and flattens the traders through the exit machine', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, dailyLossLimit: '50' });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 1 })]);
    await quote(t, 'MNQ1!', '20975.25');
    expect(await positionsOf(t, account.id)).toHaveLength(1);
    // -25 points x $2 = -50.00 on the virtual book
    await quote(t, 'MNQ1!', '20975.00');
    expect(await positionsOf(t, account.id)).toEqual([]);
    expect((await ordersInSequence(t, account.id)).map((o) => [o.purpose, o.action, o.quantity, o.status])).toEqual([
      ['open', 'Buy', 1, 'filled'],
      ['close', 'Sell', 1, 'filled'],
    ]);
    const pnl = (await t.api.get(`/api/pnl?recorderId=${recorder.id}`).expect(200)).body.recorders[0];
    expect(pnl).toEqual(expect.objectContaining({ realizedUsd: '-50.00', openUsd: '0.00', positions: [] }));
    const refused = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '20980.00' }).expect(200);
    expect((await signalOf(t, refused.body.signalId)).status).toBe('blocked');
    expect((await t.api.get('/api/status').expect(200)).body.lossLimits).toEqual([expect.objectContaining({ book: 'recorder', id: recorder.id })]);
  });
});
