import { BrokerRegistry } from '../../src/modules/broker/broker-registry';
import {
  aRecorder,
  aTradedRecorder,
  brokerNetPos,
  netPosOf,
  ordersInSequence,
  positionsOf,
  quote,
  sendAlert,
  signalOf,
  signalsOf,
} from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';
import { redactSecrets } from '../../src/modules/webhooks/redact-secrets';

/** What POST /webhook/:token accepts, what it refuses, and that the answer never waits for the broker. */
describe('webhook input', () => {
  let t: TestApp;
  // one app for the file: every test trades its own recorder and accounts
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  describe('every dialect a trader may already have, end to end', () => {
    it.each<[string, string | Record<string, unknown>, string, number]>([
      ['native JSON (G-3: MNQ1! parses)', { ticker: 'MNQ1!', action: 'buy', quantity: '2', price: '21000.25' }, 'native', 2],
      ['native JSON with an exchange prefix', { ticker: 'CME_MINI:MNQ1!', action: 'sell', qty: 2, price: '21000.25' }, 'native', -2],
      ['a plain word', 'buy', 'word', 2],
      ['a plain word with a quantity', 'SELL 3', 'word', -3],
      ['key=value text', 'action=sell, ticker=MNQ1!, qty=2, price=21000.25', 'kv', -2],
      ['key=value text on separate lines', 'ticker=MNQ1!\naction=buy\nquantity=1\nprice=21000.25', 'kv', 1],
      ['TradeManager text with its outer quotes', '"MyStrat: BUY, Price = 21000.25, Ticker = MNQ1!, Period = 5"', 'trademanager', 2],
      ['TradeManager strategy text', 'MyStrat: sell, Price = 21000.25, Ticker = MNQ1!, Period = 5, Action = short', 'trademanager', -2],
      ['TradersPost JSON', { ticker: 'MNQ1!', action: 'buy', sentiment: 'bullish', quantity: 2, signalPrice: 21000.25, time: '2026-11-30T15:00:00Z' }, 'traderspost', 2],
      [
        'PickMyTrade JSON full of zero placeholders',
        {
          symbol: 'MNQ1!', date: '2026-11-30T15:00:00Z', data: 'sell', quantity: '2', risk_percentage: '0', price: '21000.25',
          tp: '0', percentage_tp: '0', dollar_tp: '0', sl: '0', dollar_sl: '0', percentage_sl: '0', trail: '0', update_tp: 'false',
          update_sl: 'false', token: 'pmt-token', duplicate_position_allow: 'true', reverse_order_close: 'true',
        },
        'pickmytrade',
        -2,
      ],
    ])('%s becomes a paper trade', async (_label, body, dialect, netPos) => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
      await quote(t, 'MNQ1!', '21000.25'); // for dialects that carry no price
      const res = await sendAlert(t, recorder.webhookToken, body).expect(200);
      expect(res.body).toMatchObject({ ok: true, status: 'accepted', signalId: expect.any(String) });

      expect(await positionsOf(t, account.id)).toEqual([
        expect.objectContaining({ contract: 'MNQZ6', netPos, avgPrice: '21000.25', side: netPos > 0 ? 'LONG' : 'SHORT' }),
      ]);
      expect(await brokerNetPos(t, account.id)).toBe(netPos);
      expect(await signalOf(t, res.body.signalId)).toMatchObject({ status: 'processed', dialect });
    });

    it('TradersPost sell with sentiment flat closes the long and never goes short', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', quantity: 2, price: '21000.00' }).expect(200);
      await t.settle();
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', sentiment: 'flat', price: '21001.00' }).expect(200);
      await t.settle();
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', sentiment: 'flat', price: '21002.00', time: '2026-11-30T15:00:00Z' }).expect(200);

      expect((await ordersInSequence(t, account.id)).map((o) => [o.purpose, o.action, o.quantity])).toEqual([
        ['open', 'Buy', 2],
        ['close', 'Sell', 2],
      ]);
      expect(await brokerNetPos(t, account.id)).toBe(0);
    });

    it('TradersPost exit with a quantity smaller than the position is a partial exit (3 long, exit 1 -> 2 long)', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 3 });
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
      await t.settle();
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'exit', quantity: 1, price: '21001.00' }).expect(200);

      expect((await ordersInSequence(t, account.id)).map((o) => [o.purpose, o.action, o.quantity])).toEqual([
        ['open', 'Buy', 3],
        ['reduce', 'Sell', 1],
      ]);
      expect(await netPosOf(t, account.id)).toBe(2);
      expect(await brokerNetPos(t, account.id)).toBe(2);
      // the recorder's virtual position follows the same partial exit
      const virtual = (await t.api.get(`/api/recorders/${recorder.id}`).expect(200)).body.virtualPositions;
      expect(virtual).toEqual([expect.objectContaining({ netPos: 2 })]);

      // an exit quantity at or above what is open is a full exit
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'exit', quantity: 5, price: '21002.00' }).expect(200);
      expect(await brokerNetPos(t, account.id)).toBe(0);
      expect((await ordersInSequence(t, account.id)).map((o) => [o.action, o.quantity])).toEqual([
        ['Buy', 3],
        ['Sell', 1],
        ['Sell', 2],
      ]);
    });

    it('PickMyTrade close flattens the position', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
      await sendAlert(t, recorder.webhookToken, { symbol: 'MNQ1!', date: '2026-11-30T15:00:00Z', data: 'buy', quantity: '2', price: '21000.00', token: 'x' }).expect(200);
      await t.settle();
      await sendAlert(t, recorder.webhookToken, { symbol: 'MNQ1!', date: '2026-11-30T15:00:05Z', data: 'close', quantity: 0, price: '21001.00', token: 'x' }).expect(200);

      expect((await ordersInSequence(t, account.id)).map((o) => [o.purpose, o.action, o.quantity])).toEqual([
        ['open', 'Buy', 2],
        ['close', 'Sell', 2],
      ]);
      expect(await brokerNetPos(t, account.id)).toBe(0);
    });

    // alert-formats.md section 12 row 7: with only the signed target size, the size is its absolute
    // value and the broker position stands in for the unknown previous one. The TradeManager
    // "TradingView sizes" template sends Amount = {{strategy.position_size}} and nothing else about
    // size, yet the entry uses the recorder's quantity (1 here), so the account holds 1 while the
    // strategy holds 2. Fixing it needs a "be at target size" intent in execution: not local.
    it.failing('TradeManager Amount (the target position) sizes an entry from flat', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
      await sendAlert(t, recorder.webhookToken, 'MyStrat: buy, Price = 21000.25, Ticker = MNQ1!, Period = 5, Action = long, Amount = 2').expect(200);
      expect(await netPosOf(t, account.id)).toBe(2);
    });
  });

  describe('bodies that can never succeed: 400 naming the field, stored as rejected, nothing traded', () => {
    it.each<[string, string | Record<string, unknown>, string, RegExp | null]>([
      ['an unknown action word', { ticker: 'MNQ1!', action: 'jump' }, 'action', null],
      ['no action at all', { ticker: 'MNQ1!', price: '21000.00' }, 'action', null],
      ['an empty action (strategy template on an indicator alert)', { ticker: 'MNQ1!', action: '' }, 'action', null],
      ['an unrendered placeholder', { ticker: 'MNQ1!', action: '{{strategy.order.action}}' }, 'action', null],
      ['a fractional quantity', { ticker: 'MNQ1!', action: 'buy', quantity: '2.5' }, 'quantity', null],
      ['a negative quantity', { ticker: 'MNQ1!', action: 'buy', qty: '-1' }, 'qty', null],
      ['a word as quantity', { ticker: 'MNQ1!', action: 'buy', contracts: 'three' }, 'contracts', null],
      ['a price that is not a number', { ticker: 'MNQ1!', action: 'buy', price: 'market' }, 'price', null],
      ['an unknown market_position', { ticker: 'MNQ1!', action: 'buy', market_position: 'sideways' }, 'market_position', null],
      ['a self-contradicting strategy state', { ticker: 'MNQ1!', action: 'buy', market_position: 'long', position_size: '-2' }, 'market_position', null],
      ['an unknown symbol', { ticker: 'XYZ1!', action: 'buy' }, 'ticker', /Unknown contract "XYZ1!"/],
      ['TradersPost exit with a sentiment', { ticker: 'MNQ1!', action: 'exit', sentiment: 'flat', quantity: 1 }, 'sentiment', null],
      ['TradersPost cancel', { ticker: 'MNQ1!', action: 'cancel', cancelOrderType: 'stop' }, 'action', null],
      ['PickMyTrade stop move (update_sl) that would otherwise open a trade', { symbol: 'MNQ1!', data: 'buy', update_sl: 'true', sl: '20990', token: 'x' }, 'update_sl', null],
      ['a CrossTrade REVERSE (needs the broker position before the alert is read)', 'key=abc;command=REVERSE;account=sim;instrument=MNQ 12-26', 'command', null],
      ['a key=value body with a bad quantity', 'action=buy, ticker=MNQ1!, qty=two', 'qty', null],
      ['an unknown plain word', 'moon', 'action', null],
    ])('%s', async (_label, body, field, message) => {
      const { account, recorder } = await aTradedRecorder(t);
      await quote(t, 'MNQ1!', '21000.00');
      const res = await sendAlert(t, recorder.webhookToken, body).expect(400);
      expect(res.body).toMatchObject({ ok: false, status: 'rejected', field, signalId: expect.any(String) });
      // the message names the field (or, for a symbol, the symbol it could not resolve)
      expect(res.body.error).toMatch(message ?? new RegExp(`\\b${field}\\b`, 'i'));

      const stored = await signalOf(t, res.body.signalId);
      expect(stored).toMatchObject({ status: 'rejected', reason: res.body.error });
      // as sent, with a peer's secret (token, key) redacted
      expect(stored.rawBody).toBe(redactSecrets(typeof body === 'string' ? body : JSON.stringify(body)));
      expect(await ordersInSequence(t, account.id)).toEqual([]);
      expect(await brokerNetPos(t, account.id)).toBe(0);
    });

    it('G-3: broken JSON answers 400 with the parse position, and the raw body is kept as a rejected signal', async () => {
      const { account, recorder } = await aTradedRecorder(t);
      const broken = '{"ticker": "MNQ1!", "action": "buy", "comment": "Take Profit "TP1""}';
      const res = await sendAlert(t, recorder.webhookToken, broken).expect(400);
      const at = broken.indexOf('TP1'); // the first character JSON cannot accept
      expect(res.body.error).toContain(`broken at position ${at} (line 1, column ${at + 1})`);
      expect(res.body.error).not.toMatch(/no data/i);
      expect(res.body.hint).toMatch(/double quote/);

      const [listed] = await signalsOf(t, recorder.id);
      expect(listed).toMatchObject({ id: res.body.signalId, status: 'rejected', reason: expect.stringContaining(`position ${at}`) });
      expect((await signalOf(t, listed.id)).rawBody).toBe(broken);
      const rejected = (await t.api.get(`/api/signals?recorderId=${recorder.id}&status=rejected`).expect(200)).body;
      expect(rejected.map((s: { id: string }) => s.id)).toEqual([res.body.signalId]);
      expect(await ordersInSequence(t, account.id)).toEqual([]);
    });

    it('G-3: an empty body is 400 with a message saying so', async () => {
      const { recorder } = await aTradedRecorder(t);
      const res = await sendAlert(t, recorder.webhookToken, '   ').expect(400);
      expect(res.body).toMatchObject({ ok: false, status: 'rejected', error: expect.stringMatching(/empty/) });
    });

    it('a body over 64 kb is refused with 413 and nothing is stored or traded', async () => {
      const { account, recorder } = await aTradedRecorder(t);
      await sendAlert(t, recorder.webhookToken, JSON.stringify({ ticker: 'MNQ1!', action: 'buy', padding: 'x'.repeat(65 * 1024) })).expect(413);
      expect(await signalsOf(t, recorder.id)).toEqual([]);
      expect(await ordersInSequence(t, account.id)).toEqual([]);
    });
  });

  describe('recorders and tokens', () => {
    it('a disabled recorder answers 200 blocked, records the signal, and trades nothing', async () => {
      const { account, recorder } = await aTradedRecorder(t, { enabled: false });
      const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
      expect(res.body).toMatchObject({ ok: false, status: 'blocked', reason: 'recorder disabled' });
      expect(await signalOf(t, res.body.signalId)).toMatchObject({ status: 'blocked' });
      expect(await ordersInSequence(t, account.id)).toEqual([]);
      expect(await brokerNetPos(t, account.id)).toBe(0);
    });

    it('G-10: an unknown token is 404 with no hint, and nothing is stored', async () => {
      const { recorder } = await aTradedRecorder(t);
      const stored = (await t.api.get('/api/signals?limit=1000').expect(200)).body.length;
      const almost = recorder.webhookToken.slice(0, -1) + (recorder.webhookToken.endsWith('A') ? 'B' : 'A');
      for (const token of ['nope', almost]) {
        const res = await sendAlert(t, token, { ticker: 'MNQ1!', action: 'buy' }).expect(404);
        expect(res.body).toEqual({ ok: false, error: 'unknown webhook token' });
      }
      expect((await t.api.get('/api/signals?limit=1000').expect(200)).body).toHaveLength(stored);
    });

    it('G-10: GET /webhook/:token says active, disabled, or 404', async () => {
      const active = await aRecorder(t, { name: 'Live one' });
      const off = await aRecorder(t, { name: 'Off one', enabled: false });
      expect((await t.http.get(`/webhook/${active.webhookToken}`).expect(200)).body).toMatchObject({ status: 'active', recorderId: active.id });
      expect((await t.http.get(`/webhook/${off.webhookToken}`).expect(200)).body).toMatchObject({ status: 'disabled', recorderId: off.id });
      const unknown = await t.http.get('/webhook/not-a-token').expect(404);
      expect(unknown.body).toEqual({ status: 'error', message: 'unknown webhook token' });
    });

    it('G-10: the webhook URL of a deleted recorder answers 404', async () => {
      const recorder = await aRecorder(t);
      await t.api.delete(`/api/recorders/${recorder.id}`).expect(204);
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy' }).expect(404);
    });
  });

  describe('G-1: the answer never depends on broker work', () => {
    it('G-1: the webhook answers 200 accepted while the broker has not even answered the order yet', async () => {
      const { account, recorder } = await aTradedRecorder(t);
      const { broker } = t.app.get(BrokerRegistry).forAccount(account.id);
      let release!: () => void;
      let reached!: () => void;
      const brokerAnswers = new Promise<void>((resolve) => (release = resolve));
      const orderReachedBroker = new Promise<void>((resolve) => (reached = resolve));
      const realPlace = broker.placeOrder.bind(broker);
      const place = jest.spyOn(broker, 'placeOrder').mockImplementation(async (req) => {
        reached();
        await brokerAnswers;
        return realPlace(req);
      });
      try {
        const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
        expect(res.body).toMatchObject({ ok: true, status: 'accepted' });
        // the broker is still thinking: the order is pending and nothing is filled
        await orderReachedBroker;
        const pending = (await t.api.get(`/api/orders?accountId=${account.id}`).expect(200)).body;
        expect(pending).toEqual([expect.objectContaining({ status: 'pending', filledQuantity: 0 })]);
        expect(place).toHaveBeenCalledTimes(1);
      } finally {
        release();
        await t.settle();
        place.mockRestore();
      }
      expect(await ordersInSequence(t, account.id)).toEqual([expect.objectContaining({ status: 'filled' })]);
    });

    it('G-1: an account whose broker rejects every order still gets 200 accepted', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 3, symbol: 'MYM1!' });
      const res = await sendAlert(t, recorder.webhookToken, 'buy').expect(200); // no price and no MYM quote yet: the broker refuses
      expect(res.body).toMatchObject({ ok: true, status: 'accepted' });
      expect(await ordersInSequence(t, account.id)).toEqual([expect.objectContaining({ status: 'rejected', rejectReason: 'NoQuote' })]);
    });

    it('G-1: an account that cannot be traded (disabled) does not change the answer', async () => {
      const { account, recorder } = await aTradedRecorder(t);
      await t.api.patch(`/api/accounts/${account.id}`, { enabled: false }).expect(200);
      const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
      expect(res.body).toMatchObject({ ok: true, status: 'accepted' });
      expect(await ordersInSequence(t, account.id)).toEqual([]);
      expect((await signalOf(t, res.body.signalId)).timeline).toContainEqual(expect.objectContaining({ step: 'skipped', accountId: account.id }));
    });
  });
});
