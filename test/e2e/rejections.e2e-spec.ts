import {
  anAccount,
  aTradedRecorder,
  aTrader,
  brokerNetPos,
  netPosOf,
  ordersInSequence,
  positionsOf,
  quote,
  sendAlert,
  signalOf,
  stepsFor,
  tradesOf,
} from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** What the broker refuses leaves no trace but the refusal itself; prices always sit on the tick. */
describe('rejections and prices', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  describe('G-24: a trade is recorded only from a broker fill', () => {
    it('G-24: a market order the broker rejects (no price yet) leaves no fill, no trade and no position', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
      const res = await sendAlert(t, recorder.webhookToken, 'buy').expect(200); // a plain word carries no price
      expect(res.body.status).toBe('accepted');

      expect(await ordersInSequence(t, account.id)).toEqual([
        expect.objectContaining({ action: 'Buy', quantity: 2, status: 'rejected', rejectReason: 'NoQuote', filledQuantity: 0, avgFillPrice: null }),
      ]);
      expect(await positionsOf(t, account.id)).toEqual([]);
      expect(await tradesOf(t, account.id)).toEqual([]);
      expect(await brokerNetPos(t, account.id)).toBe(0);
      const steps = stepsFor(await signalOf(t, res.body.signalId), account.id);
      expect(steps).toContain('order_rejected');
      expect(steps).not.toContain('filled');
    });

    it("G-24: the account's max position blocks an entry over it before it leaves; the other account of the recorder still trades", async () => {
      const { account: small, recorder } = await aTradedRecorder(t, { quantity: 3 }, {}, { maxPosition: 2 });
      const big = await anAccount(t);
      await aTrader(t, recorder.id, big.id);
      const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);

      expect(await ordersInSequence(t, small.id)).toEqual([]);
      expect(stepsFor(await signalOf(t, res.body.signalId), small.id)).toContain('order_blocked');
      expect(await positionsOf(t, small.id)).toEqual([]);
      expect(await brokerNetPos(t, small.id)).toBe(0);
      expect(await netPosOf(t, big.id)).toBe(3);
    });

    it('G-24: a reversal whose new side is over the max position leaves the account flat with the old side closed, never half-reversed', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2 }, {}, { maxPosition: 2 });
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
      await t.settle();
      const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', quantity: 3, price: '21002.00' }).expect(200);

      const orders = await ordersInSequence(t, account.id);
      expect(orders.map((o) => [o.purpose, o.action, o.quantity, o.status])).toEqual([
        ['open', 'Buy', 2, 'filled'],
        ['close', 'Sell', 2, 'filled'],
      ]);
      expect(stepsFor(await signalOf(t, res.body.signalId), account.id)).toContain('order_blocked');
      expect(await brokerNetPos(t, account.id)).toBe(0);
      expect(await positionsOf(t, account.id)).toEqual([]);
      expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ side: 'LONG', quantity: 2, pnlUsd: '8.00' })]);
    });
  });

  describe('G-16: prices on the tick', () => {
    it('G-16: an alert price between ticks is rounded to the tick: broker and book agree on the fill', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
      const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.1' }).expect(200);
      expect(res.body.warnings).toEqual([expect.stringMatching(/21000\.1 is not on the MNQZ6 tick.*21000\.00/)]);

      expect(await brokerNetPos(t, account.id)).toBe(1);
      expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 1, avgPrice: '21000.00' })]);
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21001.13' }).expect(200);
      expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ entryPrice: '21000.00', exitPrice: '21001.25', pnlTicks: 5, pnlUsd: '2.50' })]);
      expect(await brokerNetPos(t, account.id)).toBe(0);
    });

    it('G-16: the paper quote API refuses a price off the tick with 400', async () => {
      const res = await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '21000.10' }).expect(400);
      expect(res.body.message).toMatch(/21000\.10 is not a multiple of MNQZ6's tick size 0\.25/);
      await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', bid: '21000.00', ask: '21000.30' }).expect(400);
      await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', bid: '21000.50', ask: '21000.25' }).expect(400);
      await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: 'abc' }).expect(400);
      await t.api.post('/api/paper/quotes', { symbol: 'XYZ1!', price: '1.00' }).expect(400);
      await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '21000.25' }).expect(200);
    });
  });

  describe('G-17: two-letter roots', () => {
    it('G-17: GC1! and MGC1! are different contracts: a gold quote does not move micro gold', async () => {
      const gold = (await t.api.post('/api/paper/quotes', { symbol: 'GC1!', price: '2650.1' }).expect(200)).body;
      const micro = (await t.api.post('/api/paper/quotes', { symbol: 'MGC1!', price: '2600.0' }).expect(200)).body;
      expect(gold.contract).toMatch(/^GC[A-Z]\d$/);
      expect(micro.contract).toMatch(/^MGC[A-Z]\d$/);
      expect(micro.contract).toBe(`M${gold.contract}`);
      await quote(t, 'GC1!', '2655.3'); // gold moves on; micro gold must not

      const { account, recorder } = await aTradedRecorder(t, { symbol: 'MGC1!', quantity: 1 });
      await sendAlert(t, recorder.webhookToken, 'buy').expect(200); // no price: fills at micro gold's own quote
      expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ contract: micro.contract, netPos: 1, avgPrice: '2600.0' })]);
      await sendAlert(t, recorder.webhookToken, { ticker: 'MGC1!', action: 'close', price: '2601.0' }).expect(200);
      // 10 ticks of 0.1 at 1 USD a tick: micro gold's tick value, not gold's 10 USD
      expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ pnlTicks: 10, pnlUsd: '10.00' })]);
    });

    it('G-17: a GC alert trades gold with its 0.1 tick and 10 USD tick value', async () => {
      const { account, recorder } = await aTradedRecorder(t, { symbol: 'GC1!', quantity: 1 });
      await sendAlert(t, recorder.webhookToken, { ticker: 'GC1!', action: 'sell', price: '2650.1' }).expect(200);
      await t.settle();
      await sendAlert(t, recorder.webhookToken, { ticker: 'GC1!', action: 'close', price: '2649.6' }).expect(200);
      expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ side: 'SHORT', pnlTicks: 5, pnlUsd: '50.00', contract: expect.stringMatching(/^GC/) })]);
    });
  });
});
