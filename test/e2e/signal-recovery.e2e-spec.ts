import { DomainEvent } from '../../src/core/bus/events';
import { EventBus } from '../../src/core/bus/event-bus';
import { SignalsService } from '../../src/modules/signals/signals.service';
import { SignalIntake } from '../../src/modules/signals/signal-intake';
import { aTradedRecorder, brokerNetPos, ordersInSequence, sendAlert, signalOf, signalsOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

const T0 = '2026-11-30T15:00:00.000Z';
/** the held signals could never finish: stop at once instead of waiting the drain out */
const NO_DRAIN = { JT_SHUTDOWN_DRAIN_SEC: '0' };
const at = (offsetMs: number) => new Date(Date.parse(T0) + offsetMs).toISOString();

/**
 * Every accepted signal reaches a final state: one a stop left unrouted is picked up at the next
 * start, routed again while young enough (JT_SIGNAL_MAX_AGE_SEC, 30 s) or marked stale with why.
 */
describe('signals a stop left unrouted', () => {
  let t: TestApp;
  afterEach(() => t.close());

  /** Accepts alerts whose routing never happens, as when the process stops right after the answer. */
  function holdRouting(app: TestApp): () => void {
    const bus = app.app.get(EventBus);
    const publish = bus.publish.bind(bus);
    const held: DomainEvent[] = [];
    const spy = jest.spyOn(bus, 'publish').mockImplementation((event) => (event.type === 'SignalReceived' ? void held.push(event) : publish(event)));
    return () => spy.mockRestore();
  }

  it('at restart each is decided by its age: 20 s old is traded, 45 s old by its fire time is stale with the reason', async () => {
    t = await startTestApp({ now: T0, env: NO_DRAIN });
    const young = await aTradedRecorder(t, { symbol: 'MNQ1!', quantity: 1 });
    const old = await aTradedRecorder(t, { symbol: 'MES1!', quantity: 2 });
    const release = holdRouting(t);
    const youngAnswer = await sendAlert(t, young.recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    const oldAnswer = await sendAlert(t, old.recorder.webhookToken, { ticker: 'MES1!', action: 'sell', price: '6000.00', time: at(-25_000) }).expect(200);
    expect([youngAnswer.body.status, oldAnswer.body.status]).toEqual(['accepted', 'accepted']);
    release();
    await t.close();

    t = await startTestApp({ dataDir: t.dataDir, now: at(20_000) });
    const traded = await signalOf(t, youngAnswer.body.signalId);
    expect(traded.status).toBe('processed');
    expect(traded.timeline.map((s) => s.step)).toEqual(expect.arrayContaining(['recovered', 'intent', 'order_submitted', 'filled']));
    expect(await ordersInSequence(t, young.account.id)).toEqual([expect.objectContaining({ action: 'Buy', quantity: 1, status: 'filled' })]);
    expect(await brokerNetPos(t, young.account.id)).toBe(1);

    const stale = await signalOf(t, oldAnswer.body.signalId);
    expect(stale).toMatchObject({ status: 'stale', reason: expect.stringMatching(/45 s old \(counted from its fire time\) when the server restarted \(limit 30 s\)/) });
    expect(stale.timeline.map((s) => s.step)).toEqual(['fired', 'received', 'parsed', 'stale']);
    expect(await ordersInSequence(t, old.account.id)).toEqual([]);
    expect(await brokerNetPos(t, old.account.id, 'MESZ6')).toBe(0);
  });

  it('a signal whose order went out before the stop is routed again without a second order or a second virtual fill', async () => {
    t = await startTestApp({ now: T0, env: NO_DRAIN });
    const { account, recorder } = await aTradedRecorder(t, { quantity: 2 });
    const answer = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await t.settle();
    // the stop came after the order, before the signal was marked routed
    await t.app.get(SignalsService).setStatus(answer.body.signalId, 'accepted');
    await t.close();

    t = await startTestApp({ dataDir: t.dataDir, now: at(5_000) });
    const signal = await signalOf(t, answer.body.signalId);
    expect(signal.status).toBe('processed');
    expect(signal.timeline.filter((s) => s.step === 'virtual_fill')).toHaveLength(1);
    expect(signal.timeline.map((s) => s.step)).toContain('duplicate_intent');
    expect(await ordersInSequence(t, account.id)).toEqual([expect.objectContaining({ action: 'Buy', quantity: 2, status: 'filled' })]);
    expect(await brokerNetPos(t, account.id)).toBe(2);
    const virtual = (await t.api.get(`/api/recorders/${recorder.id}`).expect(200)).body.virtualPositions;
    expect(virtual).toEqual([expect.objectContaining({ netPos: 2 })]);
  });

  it('a signal stays accepted until its intents are worked: one a stop caught after routing, before its order, is traded at the next start', async () => {
    t = await startTestApp({ now: T0, env: NO_DRAIN });
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
    const bus = t.app.get(EventBus);
    const publish = bus.publish.bind(bus);
    const spy = jest.spyOn(bus, 'publish').mockImplementation((event) => (event.type === 'EnterPosition' ? undefined : publish(event)));
    const answer = (await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200)).body;
    await t.settle();
    const routed = await signalOf(t, answer.signalId);
    expect(routed.timeline.map((s) => s.step)).toContain('intent');
    // routed, but its entry never reached execution: not processed
    expect(routed.status).toBe('accepted');
    spy.mockRestore();
    await t.close();

    t = await startTestApp({ dataDir: t.dataDir, now: at(5_000) });
    const signal = await signalOf(t, answer.signalId);
    expect(signal.status).toBe('processed');
    expect(signal.timeline.filter((s) => s.step === 'virtual_fill')).toHaveLength(1);
    expect(await ordersInSequence(t, account.id)).toEqual([expect.objectContaining({ action: 'Buy', quantity: 1, status: 'filled' })]);
    expect(await brokerNetPos(t, account.id)).toBe(1);
  });

  it('a signal whose routing throws (its recorder deleted meanwhile) ends failed with the reason, not accepted for ever', async () => {
    t = await startTestApp({ now: T0 });
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
    const bus = t.app.get(EventBus);
    const publish = bus.publish.bind(bus);
    const held: DomainEvent[] = [];
    const spy = jest.spyOn(bus, 'publish').mockImplementation((event) => (event.type === 'SignalReceived' ? void held.push(event) : publish(event)));
    const answer = (await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200)).body;
    spy.mockRestore();
    await t.api.delete(`/api/recorders/${recorder.id}`).expect((res) => expect(res.status).toBeLessThan(300));
    held.forEach((event) => publish(event));

    const signal = await signalOf(t, answer.signalId);
    expect(signal).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^routing failed: .*not found/) });
    expect(signal.timeline.map((s) => s.step)).toEqual(['received', 'parsed', 'failed']);
    expect(await ordersInSequence(t, account.id)).toEqual([]);
  });

  it('once shutdown began the webhook answers 503 and stores nothing', async () => {
    t = await startTestApp({ now: T0 });
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
    t.app.get(SignalIntake).closeAlerts();
    const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(503);
    expect(res.body).toMatchObject({ ok: false, status: 'unavailable', error: expect.stringMatching(/shutting down.*not stored/) });
    expect(await signalsOf(t, recorder.id)).toEqual([]);
    expect(await ordersInSequence(t, account.id)).toEqual([]);
  });

  it('once shutdown began an alert over the rate limit is answered 503 too, and not stored as rate_limited', async () => {
    t = await startTestApp({ now: T0, env: { JT_WEBHOOK_RATE_PER_MIN: '1', JT_WEBHOOK_RATE_BURST: '1' } });
    const { recorder } = await aTradedRecorder(t, { quantity: 1 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    t.app.get(SignalIntake).closeAlerts();
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00' }).expect(503);
    expect((await signalsOf(t, recorder.id)).map((s: { status: string }) => s.status)).toEqual(['processed']);
  });
});
