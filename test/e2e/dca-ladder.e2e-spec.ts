import { AccountLadders } from '../../src/modules/dca/account-ladders.service';
import { TpSlMonitor } from '../../src/modules/exits/tp-sl-monitor.service';
import { aTradedRecorder, netPosOf, ordersInSequence, positionsOf, quote, sendAlert, tradesOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

const START = '2026-11-30T15:00:00.000Z';
const atr = (quantity: number) => ({ trigger: 'ATR', value: 1, atrPeriod: 2, atrTimeframeSec: 60, quantity });
/** Three ATR(2) x 1 levels of 1, 1 and 2 contracts on 1-minute bars; the ladder builds at most 4 contracts. */
const THREE_ATR_LEVELS = { enabled: true, levels: [atr(1), atr(1), atr(2)], maxQuantity: 4, capMode: 'partial' };

type VirtualView = { virtualPositions: { netPos: number; avgPrice: string | null }[]; virtualTrades: { quantity: number; exitPrice: string; pnlTicks: number; pnlUsd: string }[] };

describe('DCA ladder: adds on prices against the average, caps, exits from the new average, restarts', () => {
  let t: TestApp;
  afterEach(() => t.close());

  /** Each price at the current (pinned) time, everything it causes finished. */
  async function market(...prices: string[]) {
    for (const price of prices) {
      await quote(t, 'MNQ1!', price);
      await t.settle();
    }
  }

  /** Moves the clock to `sec` seconds after the start. */
  const at = (sec: number) => t.clock.set(new Date(Date.parse(START) + sec * 1000));

  /**
   * Two 1-minute bars 21000.00-21004.00 (close 21004.00) and 21002.00-21006.00 (close 21006.00):
   * true ranges 4.00 and max(4.00, |21006 - 21004|, |21002 - 21004|) = 4.00, so ATR(2) = 4.00 (16 ticks).
   */
  async function warmUp(fromSec: number) {
    at(fromSec);
    await market('21000.00');
    at(fromSec + 30);
    await market('21004.00');
    at(fromSec + 60);
    await market('21002.00');
    at(fromSec + 90);
    await market('21006.00');
    at(fromSec + 120); // the next price completes the second bar
  }

  async function virtualOf(recorderId: string) {
    await t.settle();
    return (await t.api.get(`/api/recorders/${recorderId}`).expect(200)).body as VirtualView;
  }

  it('a three-level ATR ladder adds at the right prices, caps at its maximum and exits at the take profit recomputed from the average', async () => {
    t = await startTestApp({ now: START });
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, takeProfitTicks: 40, dca: THREE_ATR_LEVELS });
    await warmUp(0);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21006.00' }).expect(200);
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 1, avgPrice: '21006.00' })]);
    const tp = () => t.app.get(TpSlMonitor).levelsOf(account.id, 'MNQZ6')?.takeProfits;
    expect(tp()).toEqual(['21016.00']);

    // level 1: 21006.00 - ATR 4.00 = 21002.00
    await market('21003.00');
    expect(await netPosOf(t, account.id)).toBe(1);
    await market('21002.00');
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 2, avgPrice: '21004.00' })]);
    expect(tp()).toEqual(['21014.00']); // 40 ticks from the new average

    // level 2: 21004.00 - 4.00 = 21000.00; the average becomes 63008 / 3 = 21002.666...
    await market('21000.25', '21002.00', '21000.00');
    expect(await netPosOf(t, account.id)).toBe(3);
    expect(tp()).toEqual(['21012.75']); // 21012.666... rounded toward profit

    // level 3: 21002.666... - 4.00 = 20998.666... -> 20998.50; it wants 2, the cap of 4 leaves room for 1
    await market('20998.75');
    expect(await netPosOf(t, account.id)).toBe(3);
    await market('20998.50', '20990.00', '20980.00');
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 4, avgPrice: '21001.625' })]);
    expect(tp()).toEqual(['21011.75']); // 21001.625 + 10.00 = 21011.625, toward profit

    await market('21011.50');
    expect(await netPosOf(t, account.id)).toBe(4);
    await market('21011.75');
    expect(await netPosOf(t, account.id)).toBe(0);
    const orders = await ordersInSequence(t, account.id);
    expect(orders.map((o) => [o.purpose, o.action, o.quantity, o.status, o.avgFillPrice])).toEqual([
      ['open', 'Buy', 1, 'filled', '21006'],
      ['add', 'Buy', 1, 'filled', '21002'],
      ['add', 'Buy', 1, 'filled', '21000'],
      ['add', 'Buy', 1, 'filled', '20998.5'],
      ['close', 'Sell', 4, 'filled', '21011.75'],
    ]);
    // (5.75 + 9.75 + 11.75 + 13.25) points x 4 ticks = 162 ticks of MNQ at 0.50 USD
    expect(await tradesOf(t, account.id)).toEqual([expect.objectContaining({ side: 'LONG', quantity: 4, pnlTicks: 162, pnlUsd: '81.00' })]);

    // the recorder's virtual book ran the same ladder on the same TradingView prices
    expect((await virtualOf(recorder.id)).virtualTrades).toEqual([expect.objectContaining({ quantity: 4, exitPrice: '21011.75', pnlTicks: 162, pnlUsd: '81.00' })]);
    const status = (await t.api.get('/api/status').expect(200)).body;
    expect(status.dca.accounts).toEqual({ triggered: 3, added: 3, skipped: 0, rejected: 0 });
    expect(status.dca.recorders).toEqual({ triggered: 3, added: 3, skipped: 0, rejected: 0 });
  });

  it('a restart in the middle fires no level twice; the ATR warms up again before the next level', async () => {
    t = await startTestApp({ now: START });
    const { account, recorder } = await aTradedRecorder(t, { quantity: 1, takeProfitTicks: 40, dca: THREE_ATR_LEVELS });
    await warmUp(0);
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21006.00' }).expect(200);
    await t.settle();
    await market('21002.00');
    expect(await netPosOf(t, account.id)).toBe(2);
    expect((await virtualOf(recorder.id)).virtualPositions).toEqual([expect.objectContaining({ netPos: 2, avgPrice: '21004.00' })]);
    await t.close();

    t = await startTestApp({ dataDir: t.dataDir, now: START });
    expect(t.app.get(AccountLadders).ladderOf(account.id, 'MNQZ6')).toMatchObject({ filled: [0], pending: null });
    // level 2 sits at 21004.00 - ATR; no bars yet after the restart: nothing fires, not even far past it
    at(180);
    await market('21002.00', '20990.00');
    at(210);
    await market('21004.00'); // bar 1: 20990.00-21004.00
    at(240);
    await market('21000.00');
    at(270);
    await market('21004.00'); // bar 2: 21000.00-21004.00, true range 4.00 (close 21004.00 before it)
    expect(await netPosOf(t, account.id)).toBe(2);
    // bar 2 completes: ATR(2) = (14.00 + 4.00) / 2 = 9.00, level 2 at 21004.00 - 9.00 = 20995.00
    at(300);
    await market('20995.25');
    expect(await netPosOf(t, account.id)).toBe(2);
    await market('20995.00');
    expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ netPos: 3 })]);
    const adds = (await ordersInSequence(t, account.id)).filter((o) => o.purpose === 'add');
    expect(adds.map((o) => [o.quantity, o.avgFillPrice])).toEqual([
      [1, '21002'],
      [1, '20995'],
    ]);
    expect((await virtualOf(recorder.id)).virtualPositions).toEqual([expect.objectContaining({ netPos: 3 })]);
  });
});
