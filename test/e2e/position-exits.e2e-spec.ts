import { DataSource } from 'typeorm';
import { Position } from '../../src/modules/execution/entities/position.entity';
import { TpSlMonitor } from '../../src/modules/exits/tp-sl-monitor.service';
import { aRecorder, aTradedRecorder, netPosOf, ordersInSequence, positionsOf, quote, sendAlert, tradesOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

type VirtualTrade = { side: string; quantity: number; entryPrice: string; exitPrice: string; pnlTicks: number; pnlUsd: string };

/** Exits that belong to the position: TP ladder, trailing stop, break-even, alert overrides, DCA, virtual book. */
describe('position exits: levels fixed at the open, watched on every quote', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  /** Moves the paper market and lets every exit it causes finish. */
  async function market(...prices: string[]) {
    for (const price of prices) {
      await quote(t, 'MNQ1!', price);
      await t.settle();
    }
  }

  async function virtualOf(recorderId: string) {
    await t.settle();
    const body = (await t.api.get(`/api/recorders/${recorderId}`).expect(200)).body;
    return body as { virtualPositions: { contract: string; netPos: number; avgPrice: string | null }[]; virtualTrades: VirtualTrade[] };
  }

  it('a 3-leg take-profit ladder on 5 contracts (3 x multiplier 2, capped at 5): legs of 2, 2 and the last 1, each once', async () => {
    const { account, recorder } = await aTradedRecorder(
      t,
      { quantity: 3, takeProfitLevels: [{ ticks: 4, quantity: 1 }, { ticks: 8, quantity: 1 }, { ticks: 12 }], oversizedQuantity: 'cap' },
      { multiplier: '2', maxQuantity: 5 },
    );
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    expect(await netPosOf(t, account.id)).toBe(5);

    await market('21001.00');
    expect(await netPosOf(t, account.id)).toBe(3);
    await market('21001.25', '21000.75', '21001.00'); // back through leg 1: it does not fire again
    expect(await netPosOf(t, account.id)).toBe(3);
    await market('21002.00');
    expect(await netPosOf(t, account.id)).toBe(1);
    await market('21003.00');
    expect(await netPosOf(t, account.id)).toBe(0);

    const exits = (await ordersInSequence(t, account.id)).filter((o) => o.purpose !== 'open');
    expect(exits.map((o) => [o.action, o.quantity, o.purpose, o.orderType, o.status])).toEqual([
      ['Sell', 2, 'reduce', 'Market', 'filled'],
      ['Sell', 2, 'reduce', 'Market', 'filled'],
      ['Sell', 1, 'close', 'Market', 'filled'],
    ]);
    // 2 x 4 + 2 x 8 + 1 x 12 ticks = 36 ticks of MNQ at 0.50 USD
    expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ side: 'LONG', quantity: 5, pnlTicks: 36, pnlUsd: '18.00' })]);
    // the recorder's own virtual 3 contracts: legs of 1, 1 and the last 1, at the level prices
    expect((await virtualOf(recorder.id)).virtualTrades).toEqual([expect.objectContaining({ quantity: 3, exitPrice: '21002.00', pnlTicks: 24, pnlUsd: '12.00' })]);
  });

  it('a trailing stop waits for its trigger, follows the best price and locks in the profit', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, stopLossTicks: 20, trailTriggerTicks: 8, trailDistanceTicks: 4 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await positionsOf(t, account.id);
    const levels = t.app.get(TpSlMonitor);
    expect(levels.levelsOf(account.id, 'MNQZ6')?.stop).toBe('20995.00');
    await market('21002.00');
    expect(levels.levelsOf(account.id, 'MNQZ6')?.stop).toBe('21001.00');
    await market('21004.00', '21003.50');
    expect(levels.levelsOf(account.id, 'MNQZ6')?.stop).toBe('21003.00'); // never back down with the price
    expect(await netPosOf(t, account.id)).toBe(1);
    await market('21003.00');
    expect(await netPosOf(t, account.id)).toBe(0);
    expect((await ordersInSequence(t, account.id)).filter((o) => o.purpose === 'close')).toEqual([expect.objectContaining({ action: 'Sell', quantity: 1, orderType: 'Market' })]);
    expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ side: 'LONG', pnlTicks: 12, pnlUsd: '6.00' })]);
  });

  it('break-even: after 10 ticks of profit the stop of a short moves to entry - 1 tick; the pull-back closes it with a tick', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 2, stopLossTicks: 20, breakEvenTicks: 10, breakEvenOffsetTicks: 1 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00' }).expect(200);
    await positionsOf(t, account.id);
    await market('20997.75'); // 9 ticks: not yet
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')?.stop).toBe('21005.00');
    await market('20997.50');
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')?.stop).toBe('20999.75');
    await market('20999.50');
    expect(await netPosOf(t, account.id)).toBe(-2);
    await market('20999.75');
    expect(await netPosOf(t, account.id)).toBe(0);
    expect((await ordersInSequence(t, account.id)).filter((o) => o.purpose === 'close')).toEqual([expect.objectContaining({ action: 'Buy', quantity: 2 })]);
    expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ side: 'SHORT', pnlTicks: 2, pnlUsd: '1.00' })]);
  });

  it("the alert's take profit and stop loss beat the recorder's, and a later recorder change does not move an open position's levels", async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, takeProfitTicks: 40, stopLossTicks: 20 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', tp: 8, sl: '4' }).expect(200);
    await positionsOf(t, account.id);
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')).toEqual({ venue: 'paper', takeProfits: ['21002.00'], stop: '20999.00', levelsHit: 0, watch: 'watching' });
    await t.api.patch(`/api/recorders/${recorder.id}`, { takeProfitTicks: 100 }).expect(200);
    await market('21001.75');
    expect(await netPosOf(t, account.id)).toBe(1);
    await market('21002.00');
    expect(await netPosOf(t, account.id)).toBe(0);
    expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ pnlTicks: 8 })]);

    // tp 0 is "no override": the recorder's (now 100 ticks) applies to the next position
    t.clock.advance(60_000);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', tp: 0 }).expect(200);
    await positionsOf(t, account.id);
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')).toMatchObject({ takeProfits: ['21025.00'], stop: '20995.00', levelsHit: 0 });
  });

  it("the alert's trailing stop and break-even (trail, trail_trigger, breakeven, be_offset) beat the recorder's", async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, stopLossTicks: 40, trailDistanceTicks: 40 });
    await sendAlert(t, recorder.webhookToken, 'ticker=MNQ1!;action=buy;price=21000.00;trail=4;trail_trigger=8;breakeven=4;be_offset=2').expect(200);
    await positionsOf(t, account.id);
    await market('21001.00'); // 4 ticks: break-even to entry + 2 ticks
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')?.stop).toBe('21000.50');
    await market('21003.00'); // 12 ticks: trailing 4 behind
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')?.stop).toBe('21002.00');
    await market('21002.00');
    expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ side: 'LONG', pnlTicks: 8 })]);
  });

  it('a DCA add keeps the position levels (not the add alert’s), measured from the new average', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, dcaEnabled: true, takeProfitTicks: 40 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00', tp: 8 }).expect(200);
    await positionsOf(t, account.id);
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')?.takeProfits).toEqual(['21002.00']);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '20998.00', tp: 100 }).expect(200);
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 2, avgPrice: '20999.00' })]);
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')?.takeProfits).toEqual(['21001.00']);
    await market('21001.00');
    expect(await netPosOf(t, account.id)).toBe(0);
    // 1 x +4 ticks and 1 x +12 ticks
    expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ quantity: 2, pnlTicks: 16, pnlUsd: '8.00' })]);
  });

  it('the virtual book exits at the level price (as TradingView shows it), with no account and no order', async () => {
    const recorder = await aRecorder(t, { quantity: 2, takeProfitTicks: 8, stopLossTicks: 4 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await t.settle();
    await market('21001.75', '21003.50'); // gapped through the take profit at 21002.00
    let virtual = await virtualOf(recorder.id);
    expect(virtual.virtualPositions.filter((p) => p.netPos !== 0)).toEqual([]);
    expect(virtual.virtualTrades).toEqual([expect.objectContaining({ side: 'LONG', quantity: 2, entryPrice: '21000.00', exitPrice: '21002.00', pnlTicks: 16, pnlUsd: '8.00' })]);

    t.clock.advance(60_000);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'sell', price: '21000.00', sl: 6 }).expect(200);
    await t.settle();
    await market('21002.00'); // through the alert's stop at 21001.50
    virtual = await virtualOf(recorder.id);
    expect(virtual.virtualTrades[0]).toMatchObject({ side: 'SHORT', exitPrice: '21001.50', pnlTicks: -12, pnlUsd: '-6.00' });
    expect((await t.api.get('/api/orders').expect(200)).body).toEqual([]);
  });

  it('a leg that fired is not fired again after a restart, and the trailed stop is where it was', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 3, takeProfitLevels: [{ ticks: 4, quantity: 1 }, { ticks: 40 }], trailDistanceTicks: 8 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await positionsOf(t, account.id);
    await market('21001.00', '21004.00');
    expect(await netPosOf(t, account.id)).toBe(2);
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')).toMatchObject({ takeProfits: ['21001.00', '21010.00'], stop: '21002.00', levelsHit: 1 });
    await t.close();

    t = await startTestApp({ dataDir: t.dataDir });
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')).toMatchObject({ takeProfits: ['21001.00', '21010.00'], stop: '21002.00', levelsHit: 1 });
    await market('21003.00', '21002.25');
    expect(await netPosOf(t, account.id)).toBe(2);
    await market('21002.00');
    expect(await netPosOf(t, account.id)).toBe(0);
    expect((await ordersInSequence(t, account.id)).filter((o) => o.purpose !== 'open').map((o) => [o.action, o.quantity, o.purpose])).toEqual([
      ['Sell', 1, 'reduce'],
      ['Sell', 2, 'close'],
    ]);
  });

  it('a position opened before positions carried exits keeps its recorder take profit / stop loss after the upgrade', async () => {
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, takeProfitTicks: 8, stopLossTicks: 8 });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    await positionsOf(t, account.id);
    // what an older version left in the book: no plan, no key
    await t.app.get(DataSource).getRepository(Position).update({ accountId: account.id }, { exitPlan: null, positionKey: null });
    await t.close();

    t = await startTestApp({ dataDir: t.dataDir });
    expect(t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')).toMatchObject({ takeProfits: ['21002.00'], stop: '20998.00', levelsHit: 0 });
    await market('21002.00');
    expect(await netPosOf(t, account.id)).toBe(0);
  });
});
