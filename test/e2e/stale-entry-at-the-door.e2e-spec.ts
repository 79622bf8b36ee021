import { aRecorder, aTradedRecorder, aTrader, brokerNetPos, ordersInSequence, sendAlert, signalOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * G-28 at the door: a signal's age is checked again right before its entry order leaves, since an
 * entry can wait in its account's lane long after the router let it through. The paper broker
 * answers 800 ms late, and the pinned clock jumps 31 s while an order of the account is in flight.
 */
describe('a signal that grows stale on its way to the broker', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ env: { JT_PAPER_LATENCY_MS: '800' } })));
  afterEach(() => t.close());

  async function waitForStep(signalId: string, step: string): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const signal = (await t.api.get(`/api/signals/${signalId}`).expect(200)).body as { status: string; timeline: Array<{ step: string }> };
      if (signal.timeline.some((s) => s.step === step)) return;
      if (Date.now() > deadline) throw new Error(`signal ${signalId} never reached ${step}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('an entry queued behind another order of the account is not sent once the signal is 31 s old', async () => {
    const { account, recorder: nq } = await aTradedRecorder(t, { symbol: 'MNQ1!', quantity: 1 });
    const es = await aRecorder(t, { symbol: 'MES1!', quantity: 1 });
    await aTrader(t, es.id, account.id);

    const first = (await sendAlert(t, nq.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200)).body;
    await waitForStep(first.signalId, 'order_submitted');
    const queued = (await sendAlert(t, es.webhookToken, { ticker: 'MES1!', action: 'buy', price: '6000.00' }).expect(200)).body;
    await waitForStep(queued.signalId, 'intent'); // routed while fresh: its entry waits in the account's lane
    t.clock.advance(31_000);

    const stale = await signalOf(t, queued.signalId);
    expect(stale).toMatchObject({ status: 'stale', reason: expect.stringMatching(/31 s old \(counted from its arrival\) when its entry order was about to leave \(limit 30 s\)/) });
    expect(stale.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ step: 'stale', accountId: account.id })]));
    expect(stale.timeline.map((s) => s.step)).not.toContain('order_submitted');
    expect(await ordersInSequence(t, account.id)).toEqual([expect.objectContaining({ contract: 'MNQZ6', action: 'Buy', quantity: 1, status: 'filled' })]);
    expect(await brokerNetPos(t, account.id, 'MESZ6')).toBe(0);
    expect(await brokerNetPos(t, account.id, 'MNQZ6')).toBe(1);
  });

  it('a reversal that grows stale still closes the open long, but does not enter the short', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    expect(await brokerNetPos(t, account.id)).toBe(1);
    t.clock.advance(60_000);

    const reverse = (await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21004.00' }).expect(200)).body;
    await waitForStep(reverse.signalId, 'order_submitted'); // the close of the long is on its way
    t.clock.advance(31_000);

    const signal = await signalOf(t, reverse.signalId);
    expect(signal).toMatchObject({ status: 'stale', reason: expect.stringMatching(/when its entry order was about to leave/) });
    expect((await ordersInSequence(t, account.id)).map((o) => [o.purpose, o.action, o.quantity, o.status])).toEqual([
      ['open', 'Buy', 1, 'filled'],
      ['close', 'Sell', 1, 'filled'],
    ]);
    expect(await brokerNetPos(t, account.id)).toBe(0);
  });
});
