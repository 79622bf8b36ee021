import { EventBus } from '../../src/core/bus/event-bus';
import { AddToPosition } from '../../src/core/bus/events';
import { AccountLadders } from '../../src/modules/dca/account-ladders.service';
import { aRecorder, aTrader, anAccount, netPosOf, ordersInSequence, positionsOf, quote, sendAlert } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** One level 8 ticks (2.00) against the average, 1 contract (times each trader's multiplier). */
const ONE_LEVEL = { enabled: true, levels: [{ trigger: 'TICKS', value: 8, quantity: 1 }] };

describe('DCA: each holder on its own prices and its own position; one order per level', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  async function market(...prices: string[]) {
    for (const price of prices) {
      await quote(t, 'MNQ1!', price);
      await t.settle();
    }
  }

  async function copiedLong(multipliers: string[]) {
    const recorder = await aRecorder(t, { quantity: 1, dca: ONE_LEVEL });
    const accounts = [];
    for (const multiplier of multipliers) {
      const account = await anAccount(t);
      await aTrader(t, recorder.id, account.id, { multiplier });
      accounts.push(account);
    }
    await market('21000.00');
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await t.settle();
    return { recorder, accounts };
  }

  it('a Tradovate quote past the level moves neither a paper position nor the virtual book', async () => {
    const { recorder, accounts } = await copiedLong(['1']);
    t.app.get(EventBus).publish({ type: 'QuoteReceived', ts: t.clock.nowIso(), contract: 'MNQZ6', price: '20990.00', source: 'broker', venue: 'tradovate' });
    await t.settle();
    expect(await netPosOf(t, accounts[0].id)).toBe(1);
    expect((await t.api.get(`/api/recorders/${recorder.id}`).expect(200)).body.virtualPositions).toEqual([expect.objectContaining({ netPos: 1 })]);
    await market('20998.00'); // the paper venue's own price does
    expect(await netPosOf(t, accounts[0].id)).toBe(2);
    expect((await t.api.get(`/api/recorders/${recorder.id}`).expect(200)).body.virtualPositions).toEqual([expect.objectContaining({ netPos: 2 })]);
  });

  it('G-19: copied accounts each add on their own position, times their multiplier', async () => {
    const { accounts } = await copiedLong(['1', '2']);
    await market('20998.00');
    expect(await positionsOf(t, accounts[0].id)).toEqual([expect.objectContaining({ netPos: 2, avgPrice: '20999.00' })]);
    expect(await positionsOf(t, accounts[1].id)).toEqual([expect.objectContaining({ netPos: 4, avgPrice: '20999.00' })]);
  });

  it('the same add requested twice places one order (its key is the position and the level)', async () => {
    const { accounts } = await copiedLong(['1']);
    const account = accounts[0];
    const ladder = t.app.get(AccountLadders).ladderOf(account.id, 'MNQZ6')!;
    const add: AddToPosition = {
      type: 'AddToPosition',
      ts: t.clock.nowIso(),
      accountId: account.id,
      traderId: null,
      recorderId: null,
      signalId: null,
      contract: 'MNQZ6',
      idempotencyKey: `dca:${ladder.positionKey}:0:1`,
      side: 'LONG',
      quantity: 1,
      maxQuantity: null,
      positionKey: ladder.positionKey,
      level: 0,
      attempt: 1,
    };
    const bus = t.app.get(EventBus);
    bus.publish(add);
    bus.publish(add);
    await t.settle();
    expect((await ordersInSequence(t, account.id)).filter((o) => o.purpose === 'add')).toHaveLength(1);
    expect(await netPosOf(t, account.id)).toBe(2);
    // an add for a position that is no longer there sends nothing
    bus.publish({ ...add, idempotencyKey: 'dca:gone:0:1', positionKey: 'gone' });
    await t.settle();
    expect(await netPosOf(t, account.id)).toBe(2);
  });
});
