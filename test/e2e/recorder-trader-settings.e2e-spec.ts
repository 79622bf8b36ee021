import { aRecorder, aTradedRecorder, anAccount, aTrader, netPosOf, ordersInSequence, positionsOf, quote, sendAlert, signalOf, stepsFor } from '../support/builders';
import { TpSlMonitor } from '../../src/modules/exits/tp-sl-monitor.service';
import { WindowFlattenService } from '../../src/modules/recorders/window-flatten.service';
import { startTestApp, TestApp } from '../support/test-app';

/** Issue 13: every setting goes API -> database -> engine, per recorder and per trader (null inherits, 0 is 0). */
describe('recorder and trader settings, end to end', () => {
  let t: TestApp;
  // Monday 2026-11-30 10:00 New York (EST)
  beforeEach(async () => (t = await startTestApp({ now: '2026-11-30T15:00:00.000Z' })));
  afterEach(() => t.close());

  let n = 0;
  async function alert(token: string, body: Record<string, unknown>) {
    t.clock.advance(1_000);
    const res = await sendAlert(t, token, { ticker: 'MNQ1!', price: '21000.00', id: `a${++n}`, ...body }).expect(200);
    await t.settle();
    return signalOf(t, res.body.signalId);
  }
  const blockedBy = (signal: Awaited<ReturnType<typeof signalOf>>, accountId: string) =>
    signal.timeline.filter((s) => s.step === 'blocked' && s.accountId === accountId).map((s) => s.detail!.split(':')[0]);

  it('round trip: every recorder setting is stored as sent and read back; a trader\'s null inherits and 0 is kept', async () => {
    const settings = {
      initialSize: 0, maxContractsPerOrder: 4, maxContractsPerPosition: 6, riskDollars: '250', riskMinOneContract: true,
      directionFilter: 'Long Only', timeZone: 'America/Chicago', window1Start: '08:30', window1End: '15:00', window2Start: '18:00',
      window2End: '02:00', cooldownSec: 0, maxSignalsPerDay: 0, everyNthSignal: 2, inverse: true, flattenAtWindowEnd: false,
    };
    const recorder = await aRecorder(t, settings);
    const read = (await t.api.get(`/api/recorders/${recorder.id}`).expect(200)).body;
    expect(read).toMatchObject({ ...settings, directionFilter: 'long' });
    const account = await anAccount(t);
    const trader = await aTrader(t, recorder.id, account.id, { symbol: 'ES1!', initialSize: 0, cooldownSec: 0, inverse: false, directionFilter: 'SHORT', riskDollars: null });
    const traderRead = (await t.api.get(`/api/traders/${trader.id}`).expect(200)).body;
    expect(traderRead).toMatchObject({ symbol: 'ES1!', initialSize: 0, cooldownSec: 0, inverse: false, directionFilter: 'short', riskDollars: null, timeZone: null, everyNthSignal: null });
    await t.api.patch(`/api/traders/${trader.id}`, { inverse: null, everyNthSignal: 1 }).expect(200);
    expect((await t.api.get(`/api/traders/${trader.id}`).expect(200)).body).toMatchObject({ inverse: null, everyNthSignal: 1, symbol: 'ES1!', initialSize: 0 });
  });

  it('bad values are refused with what is wrong, and change nothing', async () => {
    const recorder = await aRecorder(t, { directionFilter: 'long' });
    const res = await t.api.patch(`/api/recorders/${recorder.id}`, { directionFilter: 'sideways', timeZone: 'Mars/Base', window1Start: '25:00', everyNthSignal: 0, riskPercent: '120' }).expect(400);
    expect(res.body.message).toEqual(expect.arrayContaining([
      expect.stringMatching(/directionFilter must be one of/), expect.stringMatching(/timeZone must be an IANA time zone/),
      expect.stringMatching(/window1Start must be a time "HH:MM"/), expect.stringMatching(/everyNthSignal must be at least 1/),
      expect.stringMatching(/riskPercent must be a percent/),
    ]));
    expect((await t.api.patch(`/api/recorders/${recorder.id}`, { window1Start: '09:30' }).expect(400)).body.message).toEqual([expect.stringMatching(/window1Start and window1End go together/)]);
    expect((await t.api.patch(`/api/recorders/${recorder.id}`, { cooldownSec: null }).expect(400)).body.message).toEqual([expect.stringMatching(/cooldownSec cannot be null on a recorder/)]);
    expect((await t.api.get(`/api/recorders/${recorder.id}`).expect(200)).body).toMatchObject({ directionFilter: 'long', timeZone: 'America/New_York', window1Start: null, cooldownSec: 0 });
  });

  it.each(['long', 'Long', 'LONG', 'long only', 'Long Only', 'long_only', 'LONG-ONLY', 'buy'])('direction filter spelled "%s" blocks a sell and trades a buy (G-44)', async (spelling) => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, directionFilter: spelling });
    const sell = await alert(recorder.webhookToken, { action: 'sell' });
    expect(blockedBy(sell, account.id)).toEqual(['directionFilter']);
    expect(sell).toMatchObject({ status: 'blocked', reason: expect.stringMatching(/^directionFilter: directionFilter "long" blocks a SHORT entry/) });
    expect(await netPosOf(t, account.id)).toBe(0);
    await alert(recorder.webhookToken, { action: 'buy' });
    expect(await netPosOf(t, account.id)).toBe(1);
  });

  it('inverse: a buy opens short, a sell reverses to long, a close closes', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 2, inverse: true });
    await alert(recorder.webhookToken, { action: 'buy' });
    expect(await netPosOf(t, account.id)).toBe(-2);
    await alert(recorder.webhookToken, { action: 'sell' });
    expect(await netPosOf(t, account.id)).toBe(2);
    await alert(recorder.webhookToken, { action: 'close' });
    expect(await netPosOf(t, account.id)).toBe(0);
    const virtual = (await t.api.get(`/api/recorders/${recorder.id}`).expect(200)).body.virtualTrades;
    // newest first: the virtual book was inverted too
    expect(virtual.map((v: { side: string }) => v.side)).toEqual(['LONG', 'SHORT']);
  });

  it('trading windows (New York, recorder) and a trader\'s own windows in its time zone; a close outside the window still closes', async () => {
    const { account, recorder, trader } = await aTradedRecorder(t, { quantity: 1, window1Start: '09:30', window1End: '10:00' });
    await alert(recorder.webhookToken, { action: 'buy' }); // 10:00:01 New York: just outside
    expect(await netPosOf(t, account.id)).toBe(0);
    await t.api.patch(`/api/traders/${trader.id}`, { timeZone: 'America/Chicago', window1Start: '08:00', window1End: '09:30' }).expect(200);
    const s = await alert(recorder.webhookToken, { action: 'buy' }); // 09:00 Chicago: inside the trader's window
    expect(await netPosOf(t, account.id)).toBe(1);
    expect(s.timeline.map((e) => e.step)).toContain('virtual_blocked');
    await t.api.patch(`/api/traders/${trader.id}`, { window1Start: '05:00', window1End: '06:00' }).expect(200);
    await alert(recorder.webhookToken, { action: 'close' });
    expect(await netPosOf(t, account.id)).toBe(0);
  });

  it('cooldown after an entry, max signals per session day (reset at 17:00 Chicago), every Nth signal', async () => {
    const { account, recorder, trader } = await aTradedRecorder(t, { quantity: 1, cooldownSec: 120, dcaEnabled: true });
    await alert(recorder.webhookToken, { action: 'buy' });
    const early = await alert(recorder.webhookToken, { action: 'buy' });
    expect(blockedBy(early, account.id)).toEqual(['cooldownSec']);
    t.clock.advance(120_000);
    await alert(recorder.webhookToken, { action: 'buy' });
    expect(await netPosOf(t, account.id)).toBe(2);

    await t.api.patch(`/api/traders/${trader.id}`, { cooldownSec: 0, maxSignalsPerDay: 3 }).expect(200);
    await alert(recorder.webhookToken, { action: 'buy' });
    const fourth = await alert(recorder.webhookToken, { action: 'buy' });
    expect(blockedBy(fourth, account.id)).toEqual(['maxSignalsPerDay']);
    expect(await netPosOf(t, account.id)).toBe(3);
    t.clock.set('2026-11-30T23:00:00.000Z'); // 17:00 Chicago: a new session day
    await alert(recorder.webhookToken, { action: 'buy' });
    expect(await netPosOf(t, account.id)).toBe(4);

    await t.api.patch(`/api/traders/${trader.id}`, { maxSignalsPerDay: null, everyNthSignal: 3 }).expect(200);
    const steps = [];
    for (let i = 0; i < 5; i++) steps.push(blockedBy(await alert(recorder.webhookToken, { action: 'buy' }), account.id)[0] ?? 'traded');
    // the session day already counted 1 entry signal: signals 2..6, the 3rd and 6th trade
    expect(steps).toEqual(['everyNthSignal', 'traded', 'everyNthSignal', 'everyNthSignal', 'traded']);
    expect(await netPosOf(t, account.id)).toBe(6);
  });

  it('initial size: 0 takes the alert\'s quantity, N trades N; a trader\'s 0 overrides a recorder\'s 3', async () => {
    const { account, recorder, trader } = await aTradedRecorder(t, { quantity: 1, initialSize: 3 });
    await alert(recorder.webhookToken, { action: 'buy', quantity: 5 });
    expect(await netPosOf(t, account.id)).toBe(3);
    await alert(recorder.webhookToken, { action: 'close' });
    await t.api.patch(`/api/traders/${trader.id}`, { initialSize: 0 }).expect(200);
    await alert(recorder.webhookToken, { action: 'buy', quantity: 5 });
    expect(await netPosOf(t, account.id)).toBe(5);
  });

  it('max contracts per order (refused or capped) and per position', async () => {
    const { account, recorder, trader } = await aTradedRecorder(t, { quantity: 1, maxContractsPerOrder: 2 });
    const big = await alert(recorder.webhookToken, { action: 'buy', quantity: 3 });
    expect(big.timeline.find((s) => s.step === 'refused' && s.accountId === account.id)?.detail).toMatch(/quantity 3 is over maxContractsPerOrder 2/);
    await t.api.patch(`/api/recorders/${recorder.id}`, { oversizedQuantity: 'cap', dcaEnabled: true }).expect(200);
    await alert(recorder.webhookToken, { action: 'buy', quantity: 3 });
    expect(await netPosOf(t, account.id)).toBe(2);
    await t.api.patch(`/api/traders/${trader.id}`, { maxContractsPerPosition: 3 }).expect(200);
    await alert(recorder.webhookToken, { action: 'buy', quantity: 2 });
    await alert(recorder.webhookToken, { action: 'buy', quantity: 2 });
    expect(Math.abs(await netPosOf(t, account.id))).toBeLessThanOrEqual(3);
  });

  it('risk sizing from the recorder (alert > trader > recorder): riskDollars over the stop in dollars', async () => {
    const { account, recorder, trader } = await aTradedRecorder(t, { quantity: 1, riskDollars: '100', stopLossTicks: 40 });
    await alert(recorder.webhookToken, { action: 'buy' }); // 40 ticks x 0.50 = 20 USD a contract -> 5
    expect(await netPosOf(t, account.id)).toBe(5);
    await alert(recorder.webhookToken, { action: 'close' });
    await t.api.patch(`/api/traders/${trader.id}`, { riskDollars: '60' }).expect(200);
    await alert(recorder.webhookToken, { action: 'buy' });
    expect(await netPosOf(t, account.id)).toBe(3);
    await alert(recorder.webhookToken, { action: 'close' });
    await alert(recorder.webhookToken, { action: 'buy', risk_dollars: '20' });
    expect(await netPosOf(t, account.id)).toBe(1);
  });

  it("a trader's own ticker: ES on an MNQ recorder, with its own stop in ES ticks", async () => {
    const recorder = await aRecorder(t, { quantity: 1, stopLossTicks: 40 });
    const account = await anAccount(t);
    await aTrader(t, recorder.id, account.id, { symbol: 'ES1!', stopLossTicks: 4 });
    await quote(t, 'ES1!', '6000.00');
    const s = await alert(recorder.webhookToken, { action: 'buy' });
    expect(stepsFor(s, account.id)).toContain('intent');
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ contract: 'ESZ6', netPos: 1 })]);
    await quote(t, 'ES1!', '5999.25');
    await t.settle();
    expect(await netPosOf(t, account.id, 'ESZ6')).toBe(1);
    await quote(t, 'ES1!', '5999.00');
    await t.settle();
    expect(await netPosOf(t, account.id, 'ESZ6')).toBe(0);
    expect((await ordersInSequence(t, account.id)).map((o) => [o.action, o.quantity])).toEqual([['Buy', 1], ['Sell', 1]]);
  });

  it('flattenAtWindowEnd: when the window closes the position is closed through the exit machine (a Sell for what is held); off = kept', async () => {
    const flatten = t.app.get(WindowFlattenService);
    const { account, recorder } = await aTradedRecorder(t, { quantity: 2, window1Start: '09:30', window1End: '10:05', flattenAtWindowEnd: true });
    const other = await aTradedRecorder(t, { quantity: 1, symbol: 'MES1!', window1Start: '09:30', window1End: '10:05' });
    await quote(t, 'MES1!', '6000.00');
    await flatten.check(); // 10:00: open
    await alert(recorder.webhookToken, { action: 'buy' });
    await alert(other.recorder.webhookToken, { action: 'buy', ticker: 'MES1!', price: '6000.00' });
    t.clock.set('2026-11-30T15:04:00.000Z');
    await flatten.check();
    await t.settle();
    expect(await netPosOf(t, account.id)).toBe(2);
    t.clock.set('2026-11-30T15:05:00.000Z');
    await flatten.check();
    await t.settle();
    expect(await netPosOf(t, account.id)).toBe(0);
    expect((await ordersInSequence(t, account.id)).map((o) => [o.action, o.quantity, o.purpose])).toEqual([['Buy', 2, 'open'], ['Sell', 2, 'close']]);
    expect(await netPosOf(t, other.account.id, 'MESZ6')).toBe(1);
  });

  it('a take-profit ladder in points with trims in percent, and one in percent of the entry price, on the tick', async () => {
    const { account, recorder, trader } = await aTradedRecorder(t, { quantity: 4, takeProfitLevels: [{ points: 1, percentOfPosition: 50 }, { points: '2.5' }] }, { multiplier: '1' });
    await alert(recorder.webhookToken, { action: 'buy' });
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')).toMatchObject({ takeProfits: ['21001.00', '21002.50'] });
    await quote(t, 'MNQ1!', '21001.00');
    await t.settle();
    expect(await netPosOf(t, account.id)).toBe(2);
    await quote(t, 'MNQ1!', '21002.50');
    await t.settle();
    expect(await netPosOf(t, account.id)).toBe(0);
    // the trader's own ladder in percent: 0.01 % of 21000 = 2.1 points -> 8 ticks, 0.02 % -> 16 ticks
    await t.api.patch(`/api/traders/${trader.id}`, { takeProfitLevels: [{ percent: 0.01, quantity: 1 }, { percent: '0.02' }] }).expect(200);
    await alert(recorder.webhookToken, { action: 'buy', price: '21000.00' });
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')).toMatchObject({ takeProfits: ['21002.00', '21004.00'] });
    const bad = await t.api.patch(`/api/recorders/${recorder.id}`, { takeProfitLevels: [{ points: 2, quantity: 1 }, { ticks: 20 }] }).expect(400);
    expect(bad.body.message.join(' ')).toMatch(/use one unit for the whole ladder/);
  });

  it('add size: a same-side add sends addSize (times the multiplier), 0 = the entry size; a trader\'s 0 beats the recorder\'s 1', async () => {
    const { account, recorder, trader } = await aTradedRecorder(t, { quantity: 3, dcaEnabled: true, addSize: 1 }, { multiplier: '2' });
    await alert(recorder.webhookToken, { action: 'buy' });
    expect(await netPosOf(t, account.id)).toBe(6);
    await alert(recorder.webhookToken, { action: 'buy' });
    expect(await netPosOf(t, account.id)).toBe(8);
    await t.api.patch(`/api/traders/${trader.id}`, { addSize: 0 }).expect(200);
    await alert(recorder.webhookToken, { action: 'buy' });
    expect(await netPosOf(t, account.id)).toBe(14);
    const virtual = (await t.api.get(`/api/recorders/${recorder.id}`).expect(200)).body.virtualPositions;
    expect(virtual).toEqual([expect.objectContaining({ netPos: 5 })]);
  });
});
