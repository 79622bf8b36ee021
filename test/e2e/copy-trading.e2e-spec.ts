import {
  anAccount,
  aRecorder,
  aTrader,
  brokerNetPos,
  netPosOf,
  ordersInSequence,
  positionsOf,
  sendAlert,
  signalOf,
  stepsFor,
  tradesOf,
} from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** One recorder, many traders: each account trades the recorder's signals with its own settings. */
describe('copy trading: one recorder, many accounts', () => {
  let t: TestApp;
  // one app for the file: every test trades its own recorder and accounts
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  async function recorderWithAccounts(recorder: Record<string, unknown>, traders: Array<Record<string, unknown>>) {
    const rec = await aRecorder(t, recorder);
    const accounts = [];
    for (const trader of traders) {
      const account = await anAccount(t);
      await aTrader(t, rec.id, account.id, trader);
      accounts.push(account);
    }
    return { recorder: rec, accounts };
  }

  it('G-49: three accounts copying one recorder with multipliers 1, 2 and 0.5 all trade, and all close', async () => {
    const { recorder, accounts } = await recorderWithAccounts({ quantity: 2 }, [{ multiplier: 1 }, { multiplier: '2' }, { multiplier: 0.5 }]);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);

    const sizes = [2, 4, 1];
    for (const [i, account] of accounts.entries()) {
      expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ side: 'LONG', netPos: sizes[i], avgPrice: '21000.00' })]);
      expect(await brokerNetPos(t, account.id)).toBe(sizes[i]);
    }

    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21010.00' }).expect(200);
    for (const [i, account] of accounts.entries()) {
      expect(await brokerNetPos(t, account.id)).toBe(0);
      // 40 ticks x 0.50 USD per contract
      expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ quantity: sizes[i], pnlTicks: 40 * sizes[i], pnlUsd: `${20 * sizes[i]}.00` })]);
    }
  });

  it('the timeline of one signal shows received, parsed, then per account intent, decision, order submitted, acknowledged and filled', async () => {
    const { recorder, accounts } = await recorderWithAccounts({ quantity: 1 }, [{}, { multiplier: 3 }]);
    const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00' }).expect(200);
    const signal = await signalOf(t, res.body.signalId);

    expect(stepsFor(signal, null).slice(0, 2)).toEqual(['received', 'parsed']);
    const order = (steps: string[], ...names: string[]) => names.map((n) => steps.indexOf(n));
    for (const [i, account] of accounts.entries()) {
      const steps = stepsFor(signal, account.id);
      expect(steps).toEqual(expect.arrayContaining(['intent', 'decision', 'order_submitted', 'order_acknowledged', 'filled']));
      const [intent, decision, submitted, acknowledged, filled] = order(steps, 'intent', 'decision', 'order_submitted', 'order_acknowledged', 'filled');
      expect(intent).toBeLessThan(decision);
      expect(decision).toBeLessThan(submitted);
      expect(submitted).toBeLessThan(acknowledged);
      expect(submitted).toBeLessThan(filled); // a broker may report the fill before the acknowledgement
      const fill = signal.timeline.find((s) => s.accountId === account.id && s.step === 'filled');
      expect(fill?.detail).toMatch(new RegExp(`Sell ${i === 0 ? 1 : 3} @ 21000(\\.00)?; position now -${i === 0 ? 1 : 3}`));
    }
    // nothing of one account leaks into the other's lane
    expect(signal.timeline.filter((s) => s.step === 'filled')).toHaveLength(2);
  });

  it('G-11: multiplier 0 is real: that account sends nothing while the others trade', async () => {
    const { recorder, accounts } = await recorderWithAccounts({ quantity: 2 }, [{ multiplier: 0 }, { multiplier: 1 }]);
    const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);

    expect(await ordersInSequence(t, accounts[0].id)).toEqual([]);
    expect(await brokerNetPos(t, accounts[0].id)).toBe(0);
    expect(await netPosOf(t, accounts[1].id)).toBe(2);
    expect(stepsFor(await signalOf(t, res.body.signalId), accounts[0].id)).toEqual(['skipped']);
  });

  it('G-11: a trader patched to multiplier 0 stops trading (0 is stored, not replaced by a default)', async () => {
    const recorder = await aRecorder(t, { quantity: 2 });
    const account = await anAccount(t);
    const trader = await aTrader(t, recorder.id, account.id, { multiplier: 2 });
    const patched = (await t.api.patch(`/api/traders/${trader.id}`, { multiplier: 0 }).expect(200)).body;
    expect(patched.multiplier).toBe('0');
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    expect(await ordersInSequence(t, account.id)).toEqual([]);
  });

  it('G-11/G-12: a trader without maxQuantity has no cap (null, inherited from nothing): 40 contracts go out as 40', async () => {
    const recorder = await aRecorder(t, { quantity: 1 });
    const account = await anAccount(t);
    const trader = await aTrader(t, recorder.id, account.id);
    expect((await t.api.get(`/api/traders/${trader.id}`).expect(200)).body).toMatchObject({ maxQuantity: null, multiplier: '1' });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', quantity: 40, price: '21000.00' }).expect(200);
    expect(await netPosOf(t, account.id)).toBe(40);
  });

  it("a trader's maxQuantity caps the entry and the adds, per account", async () => {
    const { recorder, accounts } = await recorderWithAccounts({ quantity: 3, dcaEnabled: true }, [{ maxQuantity: 4 }, {}]);
    for (const [n, price] of ['21000.00', '21001.00', '21002.00'].entries()) {
      await sendAlert(t, recorder.webhookToken, { id: `dca-${n}`, ticker: 'MNQ1!', action: 'buy', price }).expect(200);
      await t.settle();
    }

    expect((await ordersInSequence(t, accounts[0].id)).map((o) => [o.purpose, o.quantity])).toEqual([
      ['open', 3],
      ['add', 1],
    ]);
    expect(await netPosOf(t, accounts[0].id)).toBe(4);
    expect(await netPosOf(t, accounts[1].id)).toBe(9);
  });

  it('a disabled trader and a disabled account are skipped; the enabled one trades', async () => {
    const { recorder, accounts } = await recorderWithAccounts({ quantity: 1 }, [{ enabled: false }, {}, {}]);
    await t.api.patch(`/api/accounts/${accounts[1].id}`, { enabled: false }).expect(200);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);

    expect(await ordersInSequence(t, accounts[0].id)).toEqual([]);
    expect(await ordersInSequence(t, accounts[1].id)).toEqual([]);
    expect(await netPosOf(t, accounts[2].id)).toBe(1);
  });

  it('two recorders firing at the same moment on one account are decided one after the other: no double entry', async () => {
    const account = await anAccount(t);
    const first = await aRecorder(t, { quantity: 2 });
    const second = await aRecorder(t, { quantity: 2 });
    await aTrader(t, first.id, account.id);
    await aTrader(t, second.id, account.id);
    await Promise.all(
      [first, second].map((r) => sendAlert(t, r.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200)),
    );

    // whichever came first opened; the other saw the long at the broker and ignored the same side
    expect((await ordersInSequence(t, account.id)).map((o) => [o.purpose, o.quantity])).toEqual([['open', 2]]);
    expect(await brokerNetPos(t, account.id)).toBe(2);
  });

  it('each account decides from its own broker position: one flat, one already long', async () => {
    const { recorder, accounts } = await recorderWithAccounts({ quantity: 2, sameSide: 'reenter' }, [{}]);
    await sendAlert(t, recorder.webhookToken, { id: 'first', ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await t.settle();
    const late = await anAccount(t);
    await aTrader(t, recorder.id, late.id);
    await sendAlert(t, recorder.webhookToken, { id: 'second', ticker: 'MNQ1!', action: 'buy', price: '21001.00' }).expect(200);

    expect((await ordersInSequence(t, accounts[0].id)).map((o) => o.purpose)).toEqual(['open', 'close', 'open']);
    expect((await ordersInSequence(t, late.id)).map((o) => o.purpose)).toEqual(['open']);
    expect(await netPosOf(t, accounts[0].id)).toBe(2);
    expect(await netPosOf(t, late.id)).toBe(2);
  });
});
