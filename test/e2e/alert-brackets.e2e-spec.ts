import { TpSlMonitor } from '../../src/modules/exits/tp-sl-monitor.service';
import { aTradedRecorder, netPosOf, ordersInSequence, positionsOf, quote, sendAlert, signalOf, stepsFor, tradesOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/** Issue 13: an alert's exits in points, dollars, percent or price and its risk sizing are applied, or the entry is refused. */
describe('per-alert exits in any unit and risk sizing', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  async function market(...prices: string[]) {
    for (const price of prices) {
      await quote(t, 'MNQ1!', price);
      await t.settle();
    }
  }

  it('sl_dollars 20 on MNQ is a 40-tick stop; risk_dollars 100 buys 100 / 20 = 5 contracts (x multiplier 2 = 10); the stop takes all off', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, stopLossTicks: 8 }, { multiplier: '2' });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', sl_dollars: '20', tp_points: '5', risk_dollars: '100' }).expect(200);
    expect(await netPosOf(t, account.id)).toBe(10);
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')).toMatchObject({ takeProfits: ['21005.00'], stop: '20990.00' });
    await market('20990.25');
    expect(await netPosOf(t, account.id)).toBe(10);
    await market('20990.00');
    expect(await netPosOf(t, account.id)).toBe(0);
    expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ side: 'LONG', quantity: 10, pnlTicks: -400, pnlUsd: '-200.00' })]);
  });

  it('a short with tp_percent and sl_price: levels on the tick, on the right side', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
    // 0.01 % of 21000 = 2.1 points -> 8 ticks (toward the entry); stop 21003.30 -> 13 ticks
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00', tp_percent: '0.01', sl_price: '21003.30' }).expect(200);
    await positionsOf(t, account.id);
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')).toMatchObject({ takeProfits: ['20998.00'], stop: '21003.25' });
  });

  it('refused for the trader, with the reason on the timeline, when the exit or the size cannot be applied; nothing is ordered', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1 });
    const wrongSide = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', sl_price: '21010' }).expect(200);
    const noStop = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00', risk_dollars: '100', id: 'b' }).expect(200);
    const tooSmall = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00', risk_dollars: '1', sl_points: '10', id: 'c' }).expect(200);
    const noBalance = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00', risk_percent: '1', sl_points: '10', id: 'd' }).expect(200);
    const reasons = [];
    for (const res of [wrongSide, noStop, tooSmall, noBalance]) {
      const signal = await signalOf(t, res.body.signalId);
      expect(stepsFor(signal, account.id)).toEqual(['refused']);
      reasons.push(signal.timeline.find((s) => s.step === 'refused')!.detail);
    }
    expect(reasons).toEqual([
      expect.stringMatching(/stop loss at 21010 must be below the entry price 21000.*refused/),
      expect.stringMatching(/risk sizing needs a stop loss/),
      expect.stringMatching(/risk 1 USD is less than one MNQ contract's loss at the stop \(40 ticks = 20 USD\)/),
      expect.stringMatching(/risk_percent 1 needs the account balance/),
    ]);
    expect(await ordersInSequence(t, account.id)).toEqual([]);
  });
});
