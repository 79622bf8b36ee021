import { PaperVenueService } from '../../src/modules/broker/paper-venue.service';
import { aTradedRecorder, brokerNetPos, netPosOf, ordersInSequence, positionsOf, quote, sendAlert, signalOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** Issue 9 parts 4 and 8: an alert is traded as the trader meant it, or refused at the edge; never half of it. */
describe('alert sanity at the webhook edge', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { JT_MAX_ORDER_QUANTITY: '5' } })));
  afterAll(() => t.close());

  const paperLast = () => t.app.get(PaperVenueService).lastQuote('MNQZ6')?.price ?? null;

  /** 400 {error, field, hint}, stored as a rejected signal with the reason, nothing at the broker */
  async function expectRefused(body: object | string, field: string, error: RegExp, recorderBody: Record<string, unknown> = {}) {
    const { account, recorder } = await aTradedRecorder(t, recorderBody);
    const res = await sendAlert(t, recorder.webhookToken, body).expect(400);
    expect(res.body).toMatchObject({ ok: false, status: 'rejected', field, error: expect.stringMatching(error), hint: expect.any(String) });
    expect(await signalOf(t, res.body.signalId)).toMatchObject({ status: 'rejected', reason: res.body.error });
    expect(await ordersInSequence(t, account.id)).toEqual([]);
    expect(await brokerNetPos(t, account.id)).toBe(0);
    return res.body as { error: string };
  }

  describe('no entry without the exits it asked for', () => {
    beforeEach(() => quote(t, 'MNQ1!', '21000.00'));

    it('TradersPost brackets the engine cannot place (a stop-limit stop, a trailing-stop entry order)', async () => {
      await expectRefused({ ticker: 'MNQ1!', action: 'buy', price: 21000, takeProfit: { limitPrice: 21050 }, stopLoss: { type: 'stop_limit', stopPrice: 20980, limitPrice: 20979 } }, 'stopLoss.type', /stop_limit/);
      await expectRefused({ ticker: 'MNQ1!', action: 'buy', price: 21000, orderType: 'trailing_stop', trailAmount: 5 }, 'trailAmount', /trailing stop order.*refused/);
    });

    it('PickMyTrade trailing, break-even (units undocumented) and multi-target ladders', async () => {
      const pmt = { symbol: 'MNQ1!', date: '2026-11-30T15:00:00Z', data: 'buy', quantity: '1', price: '21000', token: 'x', risk_percentage: '0' };
      await expectRefused({ ...pmt, sl: '20990', trail: '1', trail_stop: '8' }, 'trail', /trailing stop/);
      await expectRefused({ ...pmt, data: 'sell', breakeven: '8' }, 'breakeven', /break-even/);
      await expectRefused({ ...pmt, advance_tp_sl: [{ quantity: 1, tp: 21010, sl: 20990 }] }, 'advance_tp_sl', /legs/);
    });

    it('native risk sizing that does not say dollars or percent', async () => {
      await expectRefused({ ticker: 'MNQ1!', action: 'sell', price: '21000', risk: '200' }, 'risk', /size from a risk/);
    });

    it('TradeManager: an exit typed into the message, or an Amount the recorder would not trade', async () => {
      await expectRefused('MyStrat: BUY, Price = 21000, Ticker = MNQ1!, TP = 21050', 'TP', /exit set in the message/);
      await expectRefused('MyStrat: buy, Price = 21000, Ticker = MNQ1!, Action = long, Amount = 2', 'Amount', /Amount = 2.*quantity 1/, { quantity: 1 });
    });

    it('an Amount equal to the recorder quantity trades; a bracket on a close asks for nothing and the close goes', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
      await sendAlert(t, recorder.webhookToken, 'MyStrat: buy, Price = 21000, Ticker = MNQ1!, Action = long, Amount = 2').expect(200);
      expect(await netPosOf(t, account.id)).toBe(2);
      const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'exit', price: 21000, takeProfit: { amount: 20 } }).expect(200);
      expect(res.body.warnings).toEqual([]);
      expect(await positionsOf(t, account.id)).toEqual([]);
    });
  });

  describe('quantities have a ceiling', () => {
    beforeEach(() => quote(t, 'MNQ1!', '21000.00'));

    it('quantity 1000000000 as JSON or as text is refused, never traded', async () => {
      await expectRefused({ ticker: 'MNQ1!', action: 'buy', quantity: 1000000000, price: '21000' }, 'quantity', /quantity 1000000000 is over the hard cap JT_MAX_ORDER_QUANTITY 5/);
      await expectRefused('sell 1000000000', 'quantity', /over the hard cap/);
      await expectRefused({ ticker: 'MNQ1!', action: 'buy', quantity: 6, price: '21000' }, 'quantity', /quantity 6 is over/);
    });

    it('a recorder set to cap trades the cap, and says so', async () => {
      const { account, recorder } = await aTradedRecorder(t, { oversizedQuantity: 'cap' });
      const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', quantity: 1000000000, price: '21000' }).expect(200);
      expect(res.body.warnings).toEqual([expect.stringMatching(/quantity 1000000000 is over the hard cap JT_MAX_ORDER_QUANTITY 5: 5 traded/)]);
      expect(await netPosOf(t, account.id)).toBe(5);
    });
  });

  describe('prices are sane', () => {
    beforeEach(() => quote(t, 'MNQ1!', '21000.00'));

    it.each([['-21000'], ['0'], ['1234567890123456789012345678901234567890']])('an entry at price %s is refused and the paper market stays where it was', async (price) => {
      await expectRefused({ ticker: 'MNQ1!', action: 'buy', price }, 'price', /price .* is (not above 0|off-scale)/);
      expect(paperLast()).toMatch(/^21000(\.0+)?$/);
    });

    it('a close with a price of 0 still closes, at market', async () => {
      const { account, recorder } = await aTradedRecorder(t);
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000' }).expect(200);
      const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '0' }).expect(200);
      expect(res.body.warnings).toEqual([expect.stringMatching(/price 0 is not above 0: ignored/)]);
      expect(await positionsOf(t, account.id)).toEqual([]);
      expect(paperLast()).toMatch(/^21000(\.0+)?$/);
    });

    it('a price far from the last price prices the virtual book only: the paper market does not move, the timeline says why', async () => {
      const { account, recorder } = await aTradedRecorder(t);
      const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '30000' }).expect(200);
      expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 1, avgPrice: '21000.00' })]);
      expect(paperLast()).toMatch(/^21000(\.0+)?$/);
      const timeline = (await signalOf(t, res.body.signalId)).timeline;
      expect(timeline).toContainEqual(expect.objectContaining({ step: 'price_warning', detail: expect.stringMatching(/30000 is 42\.86% from the last price 21000(\.00)?.*virtual book only/) }));
      expect(timeline).toContainEqual(expect.objectContaining({ step: 'virtual_fill', detail: expect.stringMatching(/@ 30000/) }));
    });
  });

  describe('a recorder trades its own symbol', () => {
    it('an ES1! alert on an MNQ1! recorder is refused, naming both roots', async () => {
      await expectRefused({ ticker: 'ES1!', action: 'buy', price: '6000' }, 'ticker', /ES1! \(root ES\) is not this recorder's symbol MNQ1! \(root MNQ\)/);
    });

    it('a recorder set to follow the alert ticker trades it', async () => {
      await quote(t, 'ES1!', '6000.00');
      const { account, recorder } = await aTradedRecorder(t, { followAlertTicker: true });
      await sendAlert(t, recorder.webhookToken, { ticker: 'ES1!', action: 'buy', price: '6000' }).expect(200);
      expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ contract: 'ESZ6', netPos: 1 })]);
    });
  });
});
