import { DomainEvent } from '../../src/core/bus/events';
import { EventBus } from '../../src/core/bus/event-bus';
import { aTradedRecorder, brokerNetPos, ordersInSequence, sendAlert, signalOf, signalsOf } from '../support/builders';
import { startTestApp, TestApp, testTime } from '../support/test-app';

/** TradingView resends on 5xx (5 s apart, up to 4 deliveries); a repeat must never trade twice. */
describe('duplicates and staleness', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  describe('G-2: one trigger, one order', () => {
    it('G-2: the same alert with {{timenow}} delivered 4 times 5 s apart places one order', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
      const body = { ticker: 'MNQ1!', action: 'buy', price: '21000.00', time: testTime(-1) };
      const answers = [];
      for (let delivery = 0; delivery < 4; delivery++) {
        answers.push((await sendAlert(t, recorder.webhookToken, body).expect(200)).body);
        await t.settle();
        t.clock.advance(5_000);
      }

      const [first, ...repeats] = answers;
      expect(first).toMatchObject({ status: 'accepted' });
      for (const repeat of repeats) expect(repeat).toMatchObject({ ok: true, status: 'duplicate', duplicateOf: first.signalId });
      expect(await ordersInSequence(t, account.id)).toEqual([expect.objectContaining({ action: 'Buy', quantity: 2, status: 'filled' })]);
      expect(await brokerNetPos(t, account.id)).toBe(2);
      // every delivery is on record, the repeats marked as such
      expect((await signalsOf(t, recorder.id)).map((s) => s.status).sort()).toEqual(['duplicate', 'duplicate', 'duplicate', 'processed']);
    });

    it('G-2: the same alert arriving 4 times at once (a duplicated TradingView alert) is accepted once', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
      const body = { ticker: 'MNQ1!', action: 'sell', price: '21000.00', time: testTime(0) };
      const answers = await Promise.all([1, 2, 3, 4].map(() => sendAlert(t, recorder.webhookToken, body).expect(200)));
      expect(answers.map((a) => a.body.status).sort()).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate']);
      expect(await ordersInSequence(t, account.id)).toHaveLength(1);
      expect(await brokerNetPos(t, account.id)).toBe(-1);
    });

    it('G-2: the same words fired at another time are a new signal, even within the window', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1, sameSide: 'reenter' });
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', time: testTime(-1) }).expect(200);
      await t.settle();
      t.clock.advance(2_000);
      const second = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', time: testTime(1) }).expect(200);
      expect(second.body.status).toBe('accepted');
      expect((await ordersInSequence(t, account.id)).map((o) => o.purpose)).toEqual(['open', 'close', 'open']);
    });

    it('G-2: an explicit id is honoured: the same id later is a duplicate, another id with the same words is new', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1, sameSide: 'reenter' });
      const first = await sendAlert(t, recorder.webhookToken, { id: 'sig-1', ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
      await t.settle();
      t.clock.advance(60_000); // far outside the 10 s content window
      const again = await sendAlert(t, recorder.webhookToken, { id: 'sig-1', ticker: 'MNQ1!', action: 'buy', price: '21004.00' }).expect(200);
      expect(again.body).toMatchObject({ status: 'duplicate', duplicateOf: first.body.signalId });
      await t.settle();
      const other = await sendAlert(t, recorder.webhookToken, { id: 'sig-2', ticker: 'MNQ1!', action: 'buy', price: '21004.00' }).expect(200);
      expect(other.body.status).toBe('accepted');

      expect((await ordersInSequence(t, account.id)).map((o) => o.purpose)).toEqual(['open', 'close', 'open']);
    });

    it('G-2: without an id or fire time, a repeat within 10 s is a duplicate and one after 11 s is a new signal', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1, sameSide: 'reenter' });
      const body = { ticker: 'MNQ1!', action: 'buy', price: '21000.00' };
      const first = await sendAlert(t, recorder.webhookToken, body).expect(200);
      await t.settle();
      t.clock.advance(5_000);
      expect((await sendAlert(t, recorder.webhookToken, body).expect(200)).body).toMatchObject({ status: 'duplicate', duplicateOf: first.body.signalId });
      await t.settle();
      expect(await ordersInSequence(t, account.id)).toHaveLength(1);

      const fresh = await aTradedRecorder(t, { quantity: 1, sameSide: 'reenter' });
      await sendAlert(t, fresh.recorder.webhookToken, body).expect(200);
      await t.settle();
      t.clock.advance(11_000);
      expect((await sendAlert(t, fresh.recorder.webhookToken, body).expect(200)).body.status).toBe('accepted');
      expect((await ordersInSequence(t, fresh.account.id)).map((o) => o.purpose)).toEqual(['open', 'close', 'open']);
    });

    it('G-2: a buy and a close in the same second are two signals, not a duplicate', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
      const time = testTime(0);
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', time }).expect(200);
      await t.settle();
      const close = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21000.00', time }).expect(200);
      expect(close.body.status).toBe('accepted');
      expect((await ordersInSequence(t, account.id)).map((o) => o.purpose)).toEqual(['open', 'close']);
    });

    it('G-2: a repeated close does not send a second close order', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
      await t.settle();
      const close = { ticker: 'MNQ1!', action: 'close', price: '21001.00', time: testTime(0) };
      await sendAlert(t, recorder.webhookToken, close).expect(200);
      await sendAlert(t, recorder.webhookToken, close).expect(200);
      expect((await ordersInSequence(t, account.id)).map((o) => o.purpose)).toEqual(['open', 'close']);
      expect(await brokerNetPos(t, account.id)).toBe(0);
    });

    // alert-formats.md section 13 keys an alert without a fire time on its raw body, so two different
    // alerts are never merged. The content key here leaves the price out (on purpose, per
    // signal-dedupe.spec.ts), so two genuine adds a few seconds apart at different prices are merged
    // and the second add of a DCA recorder is lost. Left failing for a decision: include the price
    // (retries carry the same body, so they would still be caught) or keep merging.
    it('G-2: two indicator buys 3 s apart at different prices are two adds for a DCA recorder', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1, dcaEnabled: true });
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
      await t.settle();
      t.clock.advance(3_000);
      expect((await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '20990.00' }).expect(200)).body.status).toBe('accepted');
      expect(await brokerNetPos(t, account.id)).toBe(2);
    });

    // The published strategy template (alert-formats.md 2.6) sends "order_id": "{{strategy.order.id}}",
    // which renders the Pine order name ("Long") on every entry of that kind. It identifies the kind
    // of order, not the trigger: the next "Long" entry must trade.
    it('G-2: the strategy order id ("Long") is not an alert id: each new Long entry trades', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
      const entry = (time: string, price: string) => ({
        action: 'buy', ticker: 'MNQ1!', contracts: '1', market_position: 'long', market_position_size: '1',
        prev_market_position: 'flat', prev_market_position_size: '0', position_size: '1', price, order_id: 'Long', time,
      });
      const exit = (time: string, price: string) => ({
        action: 'sell', ticker: 'MNQ1!', contracts: '1', market_position: 'flat', market_position_size: '0',
        prev_market_position: 'long', prev_market_position_size: '1', position_size: '0', price, order_id: 'Exit', time,
      });
      const steps = [entry(testTime(0), '21000.00'), exit(testTime(300), '21004.00'), entry(testTime(600), '21002.00')];
      for (const body of steps) {
        expect((await sendAlert(t, recorder.webhookToken, body).expect(200)).body.status).toBe('accepted');
        await t.settle();
        t.clock.advance(300_000);
      }
      expect((await ordersInSequence(t, account.id)).map((o) => [o.purpose, o.action])).toEqual([
        ['open', 'Buy'],
        ['close', 'Sell'],
        ['open', 'Buy'],
      ]);
      expect(await brokerNetPos(t, account.id)).toBe(1);
    });
  });

  describe('G-28: a signal whose turn comes too late is not traded', () => {
    it('G-28: a signal 31 s old when the router gets to it is marked stale: no intent, no order', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
      // hold the accepted signal back, as a busy lane would, while the clock runs on
      const bus = t.app.get(EventBus);
      const publish = bus.publish.bind(bus);
      const held: DomainEvent[] = [];
      const spy = jest.spyOn(bus, 'publish').mockImplementation((event) => (event.type === 'SignalReceived' ? void held.push(event) : publish(event)));
      const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
      expect(res.body.status).toBe('accepted');
      spy.mockRestore();

      t.clock.advance(31_000);
      held.forEach((event) => publish(event));
      const signal = await signalOf(t, res.body.signalId);
      expect(signal).toMatchObject({ status: 'stale', reason: expect.stringMatching(/31 s old.*limit 30 s/) });
      expect(signal.timeline.map((s) => s.step)).toEqual(['received', 'parsed', 'stale']);
      expect(await ordersInSequence(t, account.id)).toEqual([]);
      expect(await brokerNetPos(t, account.id)).toBe(0);
    });

    // alert-formats.md section 13: staleness is measured from the alert's own fire time ({{timenow}},
    // TradersPost `time`), so an alert TradingView delivers minutes late is not traded at a stale
    // price. A fire time in the future (a skewed sender clock) falls back to the receipt time.
    it('G-28: an alert whose {{timenow}} is 2 minutes old on arrival is stale and not traded', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
      const firedAt = new Date(t.clock.now().getTime() - 120_000).toISOString();
      const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', time: firedAt }).expect(200);
      expect(await ordersInSequence(t, account.id)).toEqual([]);
      expect((await signalOf(t, res.body.signalId)).status).toBe('stale');
    });

    it('G-28: a fire time in the future (the sender clock is ahead) counts from arrival: it trades', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
      const firedAt = new Date(t.clock.now().getTime() + 90_000).toISOString();
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', time: firedAt }).expect(200);
      expect(await brokerNetPos(t, account.id)).toBe(1);
    });

    it('G-28: a signal 29 s old still trades', async () => {
      const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
      const bus = t.app.get(EventBus);
      const publish = bus.publish.bind(bus);
      const held: DomainEvent[] = [];
      const spy = jest.spyOn(bus, 'publish').mockImplementation((event) => (event.type === 'SignalReceived' ? void held.push(event) : publish(event)));
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
      spy.mockRestore();

      t.clock.advance(29_000);
      held.forEach((event) => publish(event));
      expect(await ordersInSequence(t, account.id)).toEqual([expect.objectContaining({ status: 'filled' })]);
    });
  });
});
