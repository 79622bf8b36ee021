import { EventBus } from '../../../src/core/bus/event-bus';
import { FakeTradovate } from '../../fakes/tradovate/fake-tradovate-server';
import { aRecorder, aTrader, ordersOf, positionsOf, sendAlert, tradesOf } from '../../support/builders';
import { TestApp } from '../../support/test-app';
import { aTradovateAccount, eventually, settledAccount, startAppWithFake } from './tradovate-support';

describe('Tradovate orders against the fake: rejections, socket drops, quotes', () => {
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
    const recorder = await aRecorder(t, { quantity: 1 });
    await aTrader(t, recorder.id, accountId);
    token = recorder.webhookToken;
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  const openPosition = () =>
    eventually(async () => {
      const rows = await positionsOf(t, accountId);
      if (rows.length !== 1) throw new Error('no position yet');
      return rows[0];
    });

  it('a placement refused on HTTP 200 (failureReason) records the rejection and no trade', async () => {
    fake.faults.rejectNextOrder('MaxPosLimitReached', 'Max position limit reached');
    await sendAlert(t, token, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    const [order] = await ordersOf(t, accountId);
    expect(order).toMatchObject({ status: 'rejected', rejectReason: 'MaxPosLimitReached' });
    expect(await positionsOf(t, accountId)).toEqual([]);
    expect(await tradesOf(t, accountId)).toEqual([]);
  });

  it('an order accepted then RiskRejected over the socket ends rejected, with no trade', async () => {
    fake.faults.rejectNextOrder('InsufficientMargin', 'Not enough margin', { mode: 'async' });
    await sendAlert(t, token, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    const order = await eventually(async () => {
      const [row] = await ordersOf(t, accountId);
      if (row?.status !== 'rejected') throw new Error(`order is ${row?.status}`);
      return row;
    });
    expect(order.rejectReason).toBe('InsufficientMargin');
    expect(await positionsOf(t, accountId)).toEqual([]);
    expect(await tradesOf(t, accountId)).toEqual([]);
  });

  it('a dropped trading socket reconnects, re-authorizes, re-syncs, announces BrokerReconnected, and sends no order twice', async () => {
    const reconnected: string[] = [];
    t.app.get(EventBus).on('BrokerReconnected', 'test', (e) => void reconnected.push(e.accountId));
    await sendAlert(t, token, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    expect(await openPosition()).toMatchObject({ netPos: 1 });
    const syncsBefore = fake.requestsTo('user/syncrequest').length;

    expect(fake.faults.dropSockets('trading')).toBeGreaterThan(0);
    await eventually(async () => expect(reconnected).toEqual([accountId]), 10_000);
    expect(fake.requestsTo('user/syncrequest').length).toBe(syncsBefore + 1);
    expect(fake.requestsTo('authorize').filter((r) => r.where === 'demo').length).toBeGreaterThanOrEqual(2);
    expect(fake.requestsTo('order/placeorder')).toHaveLength(1);
    expect(fake.sessionCount('jt.trader')).toBe(1);

    await sendAlert(t, token, { ticker: 'MNQ1!', action: 'close', price: '21000.00' }).expect(200);
    await eventually(async () => expect(await positionsOf(t, accountId)).toEqual([]));
    expect(fake.requestsTo('order/placeorder')).toHaveLength(2);
    expect(fake.state.demo.position('DEMO1234567', mnq)?.netPos).toBe(0);
  });

  it('market-data quotes feed the open P&L; alert prices never go to Tradovate', async () => {
    await sendAlert(t, token, { ticker: 'MNQ1!', action: 'buy', price: '20999.00' }).expect(200);
    expect(await openPosition()).toMatchObject({ netPos: 1, avgPrice: '21000.25' });
    await eventually(async () => expect(fake.sockets().some((s) => s.kind === 'md' && s.quoteSubscriptions.includes(fake.contract(mnq).id))).toBe(true));
    fake.setQuote(mnq, { bid: 21005.0, ask: 21005.25, last: 21005.0 });
    const marked = await eventually(async () => {
      const p = (await positionsOf(t, accountId))[0] as unknown as { lastPrice: string; openPnlUsd: string };
      if (p.lastPrice !== '21005.00') throw new Error(`mark ${p.lastPrice}`);
      return p;
    });
    expect(marked.openPnlUsd).toBe('9.50');
    expect(fake.requestLog.some((r) => JSON.stringify(r.body ?? '').includes('20999'))).toBe(false);
  });
});
