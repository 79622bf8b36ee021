import { FlattenService } from '../../src/modules/execution/flatten.service';
import {
  aRecorder,
  aStrategyAlert,
  aTradedRecorder,
  aTrader,
  brokerNetPos,
  netPosOf,
  ordersInSequence,
  positionsOf,
  sendAlert,
  signalOf,
  SignalView,
  stepsFor,
  tradesOf,
} from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** The account's part of the timeline says the broker was already flat (so nothing was sent). */
const saysAlreadyFlat = (signal: SignalView, accountId: string) =>
  signal.timeline.some((s) => s.accountId === accountId && /already[ _]flat/i.test(`${s.step} ${s.detail}`));

/**
 * What one account does for each (broker position, alert) pair: original-system.md (d)'s decision
 * matrix and the failure modes around it. Every alert here differs from the one before, so the
 * duplicate check never hides one (an explicit `id` makes repeats of the same words distinct).
 */
describe('the decision matrix, per account', () => {
  let t: TestApp;
  let seq = 0;
  const alert = (body: Record<string, unknown>) => ({ ticker: 'MNQ1!', price: '21000.00', id: `alert-${++seq}`, ...body });
  /** one alert, answered 200 and fully traded before the next one (each fills at its own price) */
  const deliver = async (token: string, body: Record<string, unknown>) => {
    const res = await sendAlert(t, token, alert(body)).expect(200);
    await t.settle();
    return res;
  };
  // one app for the file: every test trades its own recorder and accounts
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  describe('flat broker', () => {
    it('G-29: an entry while the broker is flat opens the entry size, even when the recorder still thinks it is long', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2, dcaEnabled: true });
      await deliver(recorder.webhookToken, { action: 'buy' });
      await t.settle();
      // flattened at the broker behind the recorder's back: the recorder's virtual book stays long
      await t.app.get(FlattenService).flattenAccount(account.id);
      await deliver(recorder.webhookToken, { action: 'buy', price: '21001.00' });

      const orders = await ordersInSequence(t, account.id);
      expect(orders.map((o) => [o.purpose, o.action, o.quantity])).toEqual([
        ['open', 'Buy', 2],
        ['close', 'Sell', 2],
        ['open', 'Buy', 2],
      ]);
      expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 2, avgPrice: '21001.00' })]);
    });
  });

  describe('same side, DCA off (G-21)', () => {
    it('G-21: sameSide "ignore" (the default) ignores a second buy: still 3 long, one order', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 3 });
      await deliver(recorder.webhookToken, { action: 'buy' });
      const second = await deliver(recorder.webhookToken, { action: 'buy', price: '21005.00' });

      expect(await netPosOf(t, account.id)).toBe(3);
      expect(await ordersInSequence(t, account.id)).toHaveLength(1);
      const decision = (await signalOf(t, second.body.signalId)).timeline.find((s) => s.step === 'decision');
      expect(decision?.detail).toMatch(/same_side_ignored/);
    });

    it('G-21: sameSide "reenter" closes, then enters fresh: three buys of 3 leave 3 long, never 6 or 9', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 3, sameSide: 'reenter' });
      for (const price of ['21000.00', '21002.00', '21004.00']) {
        await deliver(recorder.webhookToken, { action: 'buy', price });
        await t.settle();
      }

      expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 3, avgPrice: '21004.00' })]);
      expect(await brokerNetPos(t, account.id)).toBe(3);
      const orders = await ordersInSequence(t, account.id);
      expect(orders.map((o) => [o.purpose, o.action, o.quantity])).toEqual([
        ['open', 'Buy', 3],
        ['close', 'Sell', 3],
        ['open', 'Buy', 3],
        ['close', 'Sell', 3],
        ['open', 'Buy', 3],
      ]);
      // each re-entry closed a round trip: +2 points x 3 MNQ = 12 USD each
      expect((await tradesOf(t, account.id)).map((tr) => tr.pnlUsd)).toEqual(['12.00', '12.00']);
    });
  });

  describe('same side, DCA on', () => {
    it('G-21/G-22: DCA on adds on a same-side signal', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1, dcaEnabled: true });
      await deliver(recorder.webhookToken, { action: 'sell', price: '21000.00' });
      await deliver(recorder.webhookToken, { action: 'sell', price: '21010.00' });

      const orders = await ordersInSequence(t, account.id);
      expect(orders.map((o) => [o.purpose, o.action, o.quantity])).toEqual([
        ['open', 'Sell', 1],
        ['add', 'Sell', 1],
      ]);
      expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ side: 'SHORT', netPos: -2, avgPrice: '21005.00' })]);
    });
  });

  describe('opposite side (G-22)', () => {
    it('G-22: DCA off: a sell while long closes the long and re-enters short', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
      await deliver(recorder.webhookToken, { action: 'buy', price: '21000.00' });
      await deliver(recorder.webhookToken, { action: 'sell', price: '20990.00' });

      const orders = await ordersInSequence(t, account.id);
      expect(orders.map((o) => [o.purpose, o.action, o.quantity, o.status])).toEqual([
        ['open', 'Buy', 2, 'filled'],
        ['close', 'Sell', 2, 'filled'],
        ['open', 'Sell', 2, 'filled'],
      ]);
      expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ side: 'SHORT', netPos: -2, avgPrice: '20990.00' })]);
      expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ side: 'LONG', quantity: 2, pnlTicks: -80, pnlUsd: '-40.00' })]);
    });

    it('G-22: DCA on: an opposite signal is blocked, the long stays as it is', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2, dcaEnabled: true });
      await deliver(recorder.webhookToken, { action: 'buy' });
      const sell = await deliver(recorder.webhookToken, { action: 'sell', price: '20990.00' });

      expect(await netPosOf(t, account.id)).toBe(2);
      expect(await ordersInSequence(t, account.id)).toHaveLength(1);
      const decision = (await signalOf(t, sell.body.signalId)).timeline.find((s) => s.step === 'decision');
      expect(decision?.detail).toMatch(/opposite_blocked/);
    });
  });

  describe('closes', () => {
    it('G-4: a close always reaches the broker as a market order with purpose close', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
      await deliver(recorder.webhookToken, { action: 'buy' });
      await deliver(recorder.webhookToken, { action: 'close', price: '21003.00' });

      const [, close] = await ordersInSequence(t, account.id);
      expect(close).toMatchObject({ purpose: 'close', action: 'Sell', quantity: 2, orderType: 'Market', status: 'filled' });
      expect(Number(close.avgFillPrice)).toBe(21003);
      expect(await brokerNetPos(t, account.id)).toBe(0);
      expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ pnlTicks: 24, pnlUsd: '12.00' })]);
    });

    it('G-23: closing a short sends Buy, closing a long sends Sell, each for the open quantity', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 3 });
      await deliver(recorder.webhookToken, { action: 'sell' });
      await deliver(recorder.webhookToken, { action: 'exit' });
      await deliver(recorder.webhookToken, { action: 'buy', quantity: 2 });
      await deliver(recorder.webhookToken, { action: 'flat' });

      const closes = (await ordersInSequence(t, account.id)).filter((o) => o.purpose === 'close');
      expect(closes.map((o) => [o.action, o.quantity])).toEqual([
        ['Buy', 3],
        ['Sell', 2],
      ]);
      expect(await netPosOf(t, account.id)).toBe(0);
    });

    it('G-5/G-6: a close while the broker is flat sends nothing and never opens a short', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
      const close = await deliver(recorder.webhookToken, { action: 'close' });
      // a strategy exit: sell with market_position flat is a close, never a short entry
      const strategyExit = await deliver(recorder.webhookToken, aStrategyAlert({ action: 'sell', contracts: 1, marketPosition: 'flat' }));

      expect(await ordersInSequence(t, account.id)).toEqual([]);
      expect(await brokerNetPos(t, account.id)).toBe(0);
      for (const res of [close, strategyExit]) {
        const signal = await signalOf(t, res.body.signalId);
        expect(signal.alert?.directive.kind).toBe('CLOSE');
        expect(saysAlreadyFlat(signal, account.id)).toBe(true);
      }
    });

    it('G-5/G-6: close is decided before side logic: with DCA on, a strategy "sell to flat" closes the long instead of being blocked as an opposite entry', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2, dcaEnabled: true });
      await deliver(recorder.webhookToken, aStrategyAlert({ action: 'buy', contracts: 2, marketPosition: 'long', positionSize: 2, prevPositionSize: 0 }));
      await deliver(recorder.webhookToken, aStrategyAlert({ action: 'sell', contracts: 2, marketPosition: 'flat', positionSize: 0, price: '21004.00' }));

      const orders = await ordersInSequence(t, account.id);
      expect(orders.map((o) => [o.purpose, o.action, o.quantity])).toEqual([
        ['open', 'Buy', 2],
        ['close', 'Sell', 2],
      ]);
      expect(await netPosOf(t, account.id)).toBe(0);
      expect(await brokerNetPos(t, account.id)).toBe(0);
    });

    it('G-9: closelong closes only a long, closeshort only a short (with Buy)', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
      await deliver(recorder.webhookToken, { action: 'sell' });
      const wrongSide = await deliver(recorder.webhookToken, { action: 'closelong' });
      expect(await netPosOf(t, account.id)).toBe(-2);
      expect(stepsFor(await signalOf(t, wrongSide.body.signalId), account.id)).not.toContain('order_submitted');

      await deliver(recorder.webhookToken, { action: 'closeshort' });
      expect(await netPosOf(t, account.id)).toBe(0);
      await deliver(recorder.webhookToken, { action: 'buy' });
      await deliver(recorder.webhookToken, { action: 'close_long' });

      const orders = await ordersInSequence(t, account.id);
      expect(orders.map((o) => [o.purpose, o.action, o.quantity])).toEqual([
        ['open', 'Sell', 2],
        ['close', 'Buy', 2],
        ['open', 'Buy', 2],
        ['close', 'Sell', 2],
      ]);
    });

    it('G-25: a position already closed at the broker (manual flatten) makes the alert close send nothing', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
      await deliver(recorder.webhookToken, { action: 'buy' });
      await t.settle();
      await t.app.get(FlattenService).flattenAccount(account.id);
      expect(await brokerNetPos(t, account.id)).toBe(0);

      const close = await deliver(recorder.webhookToken, { action: 'close' });
      const orders = await ordersInSequence(t, account.id);
      expect(orders.map((o) => o.purpose)).toEqual(['open', 'close']); // the flatten's close, and nothing more
      expect(await brokerNetPos(t, account.id)).toBe(0);
      const closeSignal = await signalOf(t, close.body.signalId);
      expect(stepsFor(closeSignal, account.id)).not.toContain('order_submitted');
      expect(saysAlreadyFlat(closeSignal, account.id)).toBe(true);
    });

    it('G-25: a position closed through a second recorder on the same account makes the first recorder\'s close send nothing', async () => {
      const { account, recorder: first } = await aTradedRecorder(t, { quantity: 2 });
      const second = await aRecorder(t, { quantity: 1 });
      await aTrader(t, second.id, account.id);
      await deliver(first.webhookToken, { action: 'buy' });
      await deliver(second.webhookToken, { action: 'close', price: '21001.00' });
      await deliver(first.webhookToken, { action: 'close', price: '21002.00' });

      const orders = await ordersInSequence(t, account.id);
      expect(orders.map((o) => [o.purpose, o.action, o.quantity])).toEqual([
        ['open', 'Buy', 2],
        ['close', 'Sell', 2],
      ]);
      expect(await brokerNetPos(t, account.id)).toBe(0);
      expect(await tradesOf(t, account.id)).toHaveLength(1);
    });
  });

  describe('strategy partial exits and quantities', () => {
    it('G-7: sell 1 of 3 while market_position stays long reduces by 1: 2 long, no buy', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
      await deliver(recorder.webhookToken, aStrategyAlert({ action: 'buy', contracts: 3, marketPosition: 'long', positionSize: 3, prevPositionSize: 0 }));
      await deliver(recorder.webhookToken, aStrategyAlert({ action: 'sell', contracts: 1, marketPosition: 'long', positionSize: 2, prevPositionSize: 3, price: '21008.00' }));

      const orders = await ordersInSequence(t, account.id);
      expect(orders.map((o) => [o.purpose, o.action, o.quantity])).toEqual([
        ['open', 'Buy', 3],
        ['reduce', 'Sell', 1],
      ]);
      expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ side: 'LONG', netPos: 2 })]);
      expect(await brokerNetPos(t, account.id)).toBe(2);
      expect(await tradesOf(t, account.id)).toEqual([]); // still open: the round trip is not over
    });

    it('G-7: the same partial exit without position sizes (only the sell and its contracts) is still a reduce', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 3 });
      await deliver(recorder.webhookToken, { action: 'buy' });
      await deliver(recorder.webhookToken, aStrategyAlert({ action: 'sell', contracts: 1, marketPosition: 'long' }));

      expect((await ordersInSequence(t, account.id)).map((o) => o.purpose)).toEqual(['open', 'reduce']);
      expect(await netPosOf(t, account.id)).toBe(2);
    });

    it('G-7: a reduce larger than the position takes off only what is open and never flips', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
      await deliver(recorder.webhookToken, { action: 'sell' });
      await deliver(recorder.webhookToken, aStrategyAlert({ action: 'buy', contracts: 5, marketPosition: 'short' }));

      const orders = await ordersInSequence(t, account.id);
      expect(orders.map((o) => [o.action, o.quantity])).toEqual([
        ['Sell', 2],
        ['Buy', 2],
      ]);
      expect(['reduce', 'close']).toContain(orders[1].purpose);
      expect(await brokerNetPos(t, account.id)).toBe(0);
    });

    it.each([
      ['"3"', '3', 3],
      ['"3.0"', '3.0', 3],
      ['" 3 "', ' 3 ', 3],
      ['"" (absent: the recorder size of 5)', '', 5],
      ['1 (explicit, the recorder size 5 does not override it)', 1, 1],
      ['"1"', '1', 1],
    ])('G-8: quantity %s (sent as %j) opens %d contracts', async (_label, quantity, expected) => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 5 });
      await deliver(recorder.webhookToken, { action: 'buy', quantity });
      expect(await netPosOf(t, account.id)).toBe(expected);
      expect((await ordersInSequence(t, account.id))[0]).toMatchObject({ quantity: expected, purpose: 'open' });
    });
  });
});
