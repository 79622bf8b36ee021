import { DataSource } from 'typeorm';
import { EventBus } from '../../src/core/bus/event-bus';
import { BrokerRegistry } from '../../src/modules/broker/broker-registry';
import { Position } from '../../src/modules/execution/entities/position.entity';
import { ExitMachine } from '../../src/modules/exits/entities/exit-machine.entity';
import { anAccount, aRecorder, aTrader, ordersOf, positionsOf, sendAlert } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';
import { waitUntil } from '../support/wait-until';

describe('kill switch', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  it('cancels every working order, flattens every account, confirms flat and keeps trading off until re-armed', async () => {
    const long = await aRecorder(t, { quantity: 2 });
    const short = await aRecorder(t, { quantity: 1, symbol: 'ES1!' });
    const a1 = await anAccount(t);
    const a2 = await anAccount(t);
    await aTrader(t, long.id, a1.id);
    await aTrader(t, long.id, a2.id);
    await aTrader(t, short.id, a2.id);
    await sendAlert(t, long.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await sendAlert(t, short.webhookToken, { ticker: 'ES1!', action: 'sell', price: '6000.00' }).expect(200);
    await t.settle();
    const { broker, accountRef } = t.app.get(BrokerRegistry).forAccount(a1.id);
    await broker.placeOrder({ accountRef, contract: 'MNQZ6', action: 'Sell', quantity: 2, orderType: 'Limit', price: '21100.00', clOrdId: 'resting-tp' });

    const res = await t.api.post('/api/kill-switch', { reason: 'test' }).expect(200);
    expect(res.body.allFlat).toBe(true);
    expect(res.body.accounts).toHaveLength(2);
    expect(res.body.accounts.find((a: { accountId: string }) => a.accountId === a1.id)).toMatchObject({ cancelledOrders: 1, flat: true });
    expect(typeof res.body.totalMs).toBe('number');
    expect(await positionsOf(t, a1.id)).toEqual([]);
    expect(await positionsOf(t, a2.id)).toEqual([]);
    expect((await broker.listOrders(accountRef)).filter((o) => o.status === 'Working')).toEqual([]);
    const closes = (await ordersOf(t, a2.id)).filter((o) => o.purpose === 'close');
    expect(closes.map((o) => `${o.action} ${o.quantity}`).sort()).toEqual(['Buy 1', 'Sell 2']);

    const blocked = await sendAlert(t, long.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', id: 'after-trip' }).expect(200);
    expect(blocked.body).toMatchObject({ status: 'blocked', reason: expect.stringContaining('kill switch') });
    expect(await positionsOf(t, a1.id)).toEqual([]);
    expect((await t.api.get('/api/status').expect(200)).body.trading.state).toBe('halted');

    await t.api.post('/api/kill-switch/rearm', {}).expect(200);
    await sendAlert(t, long.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', id: 'after-rearm' }).expect(200);
    expect(await positionsOf(t, a1.id)).toEqual([expect.objectContaining({ netPos: 2 })]);
  });

  it('stays tripped across a restart', async () => {
    await t.api.post('/api/kill-switch', {}).expect(200);
    const dataDir = t.dataDir;
    await t.close();
    t = await startTestApp({ dataDir });
    expect((await t.api.get('/api/kill-switch').expect(200)).body).toMatchObject({ tripped: true });
  });

  it('rejects a bad body with 400', async () => {
    await t.api.post('/api/kill-switch', { reason: 'x'.repeat(201) }).expect(400);
    await t.api.post('/api/kill-switch', { flatten: 'yes' }).expect(400);
    expect((await t.api.get('/api/kill-switch').expect(200)).body.tripped).toBe(false);
  });
});

describe('drift reconciler', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  async function driftedAccount(policy: string) {
    const account = await anAccount(t, { driftPolicy: policy });
    const recorder = await aRecorder(t, { quantity: 2 });
    await aTrader(t, recorder.id, account.id);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await t.settle();
    // our book loses one contract (a missed fill): book 1, broker 2
    await t.app.get(DataSource).getRepository(Position).update({ accountId: account.id, contract: 'MNQZ6' }, { netPos: 1 });
    return account;
  }

  it('alert (default): reports the drift and sends nothing', async () => {
    const account = await driftedAccount('alert');
    const res = await t.api.post('/api/reconcile').expect(200);
    const line = res.body.accounts.find((a: { accountId: string }) => a.accountId === account.id);
    expect(line).toMatchObject({ status: 'drift', drift: [{ contract: 'MNQZ6', bookNetPos: 1, brokerNetPos: 2, action: 'alerted' }] });
    expect((await ordersOf(t, account.id)).filter((o) => o.purpose !== 'open')).toEqual([]);
    expect((await t.api.get('/api/reconcile').expect(200)).body.accounts).toHaveLength(1);
  });

  it('runs after a broker reconnect', async () => {
    const account = await driftedAccount('alert');
    const bus = t.app.get(EventBus);
    const drift: string[] = [];
    bus.ofType('DriftDetected').subscribe((e) => drift.push(`${e.contract} ${e.bookNetPos}/${e.brokerNetPos} ${e.action}`));
    bus.publish({ type: 'BrokerReconnected', ts: new Date().toISOString(), accountId: account.id });
    await t.settle();
    expect(drift).toEqual(['MNQZ6 1/2 alerted']);
  });

  it('adopt: the book takes the broker position as truth', async () => {
    const account = await driftedAccount('adopt');
    await t.api.post('/api/reconcile').expect(200);
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 2, avgPrice: '21000.00' })]);
    const again = await t.api.post('/api/reconcile').expect(200);
    expect(again.body.accounts[0].status).toBe('in_sync');
  });

  it('flatten: the broker position is closed at market', async () => {
    const account = await driftedAccount('flatten');
    await t.api.post('/api/reconcile').expect(200);
    const { broker, accountRef } = t.app.get(BrokerRegistry).forAccount(account.id);
    expect((await broker.getPosition(accountRef, 'MNQZ6')).netPos).toBe(0);
    expect((await ordersOf(t, account.id)).filter((o) => o.purpose === 'close')).toEqual([expect.objectContaining({ action: 'Sell', quantity: 2 })]);
  });

  it('fails closed when the broker cannot be read', async () => {
    const account = await driftedAccount('flatten');
    const { broker } = t.app.get(BrokerRegistry).forAccount(account.id);
    const spy = jest.spyOn(broker, 'listPositions').mockRejectedValue(new Error('timeout'));
    const res = await t.api.post('/api/reconcile').expect(200);
    spy.mockRestore();
    expect(res.body.accounts[0]).toMatchObject({ status: 'unreadable', drift: [] });
    expect((await ordersOf(t, account.id)).filter((o) => o.purpose === 'close')).toEqual([]);
  });
});

describe('restart in the middle of an exit', () => {
  it('a machine left in WORKING_EXIT resumes confirming and never sends a second exit', async () => {
    let t = await startTestApp();
    const account = await anAccount(t);
    const recorder = await aRecorder(t, { quantity: 1 });
    await aTrader(t, recorder.id, account.id);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await t.settle();
    // the exit order reached the broker, then the process died before the machine moved on
    const { broker, accountRef } = t.app.get(BrokerRegistry).forAccount(account.id);
    await broker.placeOrder({ accountRef, contract: 'MNQZ6', action: 'Sell', quantity: 1, orderType: 'Market', clOrdId: 'exit-before-crash' });
    await t.settle();
    await t.app.get(DataSource).getRepository(ExitMachine).save({
      accountId: account.id, contract: 'MNQZ6', state: 'WORKING_EXIT', requestKey: 'crash-exit', reason: 'test', expectedNetPos: 0, startNetPos: 1,
      clOrdId: 'exit-before-crash', attempts: 1, signalId: null, lastResult: null, updatedAt: t.clock.nowIso(),
    });
    const dataDir = t.dataDir;
    await t.close();

    t = await startTestApp({ dataDir });
    const machines = t.app.get(DataSource).getRepository(ExitMachine);
    const machine = await waitUntil('the resumed exit machine back to IDLE', async () => (await machines.find()).find((m) => m.state === 'IDLE'));
    await t.settle();
    expect(machine).toMatchObject({ state: 'IDLE', lastResult: 'confirmed at the broker: position 0' });
    const { broker: after, accountRef: ref } = t.app.get(BrokerRegistry).forAccount(account.id);
    const sells = (await after.listOrders(ref)).filter((o) => o.action === 'Sell');
    expect(sells).toHaveLength(1);
    await t.close();
  });
});
