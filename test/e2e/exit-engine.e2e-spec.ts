import { AccountLanes } from '../../src/core/account-lanes';
import { EventBus } from '../../src/core/bus/event-bus';
import { BrokerRegistry } from '../../src/modules/broker/broker-registry';
import { AdvancedExitManager } from '../../src/modules/exits/advanced-exit-manager.service';
import { aTradedRecorder, ordersOf, positionsOf, quote, sendAlert, tradesOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

describe('exit engine: the exit state machine', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  async function longTwo() {
    const setup = await aTradedRecorder(t, { quantity: 2 });
    await sendAlert(t, setup.recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    expect(await positionsOf(t, setup.account.id)).toEqual([expect.objectContaining({ netPos: 2 })]);
    return setup;
  }

  it('regression: a TP already filled at the broker and a TP detected on our side send no second close', async () => {
    const { account, recorder } = await longTwo();
    const { broker, accountRef } = t.app.get(BrokerRegistry).forAccount(account.id);
    // the broker-side take profit: a resting Sell limit that the market fills
    const tp = await broker.placeOrder({ accountRef, contract: 'MNQZ6', action: 'Sell', quantity: 2, orderType: 'Limit', price: '21010.00', clOrdId: 'broker-side-tp' });
    expect(tp.accepted).toBe(true);
    await quote(t, 'MNQ1!', '21010.00');
    expect(await positionsOf(t, account.id)).toEqual([]);
    // our side notices the TP too (an exit intent) and the strategy sends its close alert
    t.app.get(EventBus).publish({
      type: 'ExitPosition', ts: new Date().toISOString(), accountId: account.id, traderId: null, recorderId: recorder.id, signalId: null,
      contract: 'MNQZ6', idempotencyKey: 'tp-detected-by-us', side: 'LONG', reason: 'take_profit',
    });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21010.00' }).expect(200);
    const ours = (await ordersOf(t, account.id)).filter((o) => o.purpose !== 'open');
    expect(ours).toEqual([]);
    expect(await positionsOf(t, account.id)).toEqual([]);
    const { netPos } = await broker.getPosition(accountRef, 'MNQZ6');
    expect(netPos).toBe(0);
  });

  it('a TP exit and a close alert arriving together produce exactly one close and no flip', async () => {
    const { account, recorder } = await longTwo();
    t.app.get(EventBus).publish({
      type: 'ExitPosition', ts: new Date().toISOString(), accountId: account.id, traderId: null, recorderId: recorder.id, signalId: null,
      contract: 'MNQZ6', idempotencyKey: 'tp-1', side: null, reason: 'take_profit',
    });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21005.00' }).expect(200);
    const closes = (await ordersOf(t, account.id)).filter((o) => o.purpose === 'close');
    expect(closes).toEqual([expect.objectContaining({ action: 'Sell', quantity: 2, orderType: 'Market', status: 'filled' })]);
    expect(await positionsOf(t, account.id)).toEqual([]);
  });

  it('walks IDLE -> PREPARE_EXIT -> WORKING_EXIT -> CONFIRM_FLAT -> IDLE and persists each move', async () => {
    const { account, recorder } = await longTwo();
    const moves: string[] = [];
    t.app.get(EventBus).ofType('ExitStateChanged').subscribe((e) => moves.push(`${e.from}->${e.to}`));
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21005.00' }).expect(200);
    await t.settle();
    expect(moves).toEqual(['IDLE->PREPARE_EXIT', 'PREPARE_EXIT->WORKING_EXIT', 'WORKING_EXIT->CONFIRM_FLAT', 'CONFIRM_FLAT->IDLE']);
    const [machine] = await t.app.get(AdvancedExitManager).listAll();
    expect(machine).toMatchObject({ accountId: account.id, contract: 'MNQZ6', state: 'IDLE', lastResult: 'confirmed at the broker: position 0' });
  });

  it('the same exit request twice sends one order', async () => {
    const { account } = await longTwo();
    const manager = t.app.get(AdvancedExitManager);
    const lanes = t.app.get(AccountLanes);
    const req = { accountId: account.id, contract: 'MNQZ6', side: null, quantity: null, reason: 'test', requestKey: 'same-key', signalId: null, traderId: null, recorderId: null };
    const [first, second] = await Promise.all([lanes.run(account.id, () => manager.exit(req)), lanes.run(account.id, () => manager.exit(req))]);
    expect(first.outcome).toBe('flat');
    expect(second.outcome).toBe('duplicate');
    expect((await ordersOf(t, account.id)).filter((o) => o.purpose === 'close')).toHaveLength(1);
  });

  it('a partial exit (reduce) takes off only what was asked and confirms the remaining position', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 3 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00' }).expect(200);
    await sendAlert(t, recorder.webhookToken, { action: 'buy', ticker: 'MNQ1!', contracts: '1', market_position: 'short', market_position_size: '2', prev_market_position: 'short', prev_market_position_size: '3', price: '20995.00' }).expect(200);
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ side: 'SHORT', netPos: -2 })]);
    const reduce = (await ordersOf(t, account.id)).find((o) => o.purpose === 'reduce');
    expect(reduce).toMatchObject({ action: 'Buy', quantity: 1, orderType: 'Market' });
    expect(await tradesOf(t, account.id)).toEqual([]);
  });

  it('a position that cannot be read is never taken as flat: nothing is sent', async () => {
    const { account, recorder } = await longTwo();
    const registry = t.app.get(BrokerRegistry);
    const { broker } = registry.forAccount(account.id);
    const spy = jest.spyOn(broker, 'getPosition').mockRejectedValue(new Error('socket down'));
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21005.00' }).expect(200);
    await t.settle();
    spy.mockRestore();
    expect((await ordersOf(t, account.id)).filter((o) => o.purpose === 'close')).toEqual([]);
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 2 })]);
  });
});

describe('exit engine: a request key is worked once', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  it('the same exit request again after another exit sends nothing, even with a new position open', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
    const manager = t.app.get(AdvancedExitManager);
    const lanes = t.app.get(AccountLanes);
    const exit = (requestKey: string) =>
      lanes.run(account.id, () => manager.exit({ accountId: account.id, contract: 'MNQZ6', side: null, quantity: null, reason: 'test', requestKey, signalId: null, traderId: null, recorderId: null }));
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', id: 'a' }).expect(200);
    await t.settle();
    expect((await exit('first')).outcome).toBe('flat');
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', id: 'b' }).expect(200);
    await t.settle();
    expect((await exit('second')).outcome).toBe('flat');
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', id: 'c' }).expect(200);
    await t.settle();
    expect((await exit('first')).outcome).toBe('duplicate');
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 1 })]);
    expect((await ordersOf(t, account.id)).filter((o) => o.purpose === 'close')).toHaveLength(2);
  });
});
