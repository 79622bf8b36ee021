import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { aTradedRecorder, netPosOf, ordersInSequence, sendAlert, signalOf } from '../support/builders';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Each peer's alert, unchanged, on paper: the fixture posted to /webhook/:token while the account
 * is flat, long 2 and short 2. The recorder is the default (1 contract, DCA off: an opposite entry
 * reverses, a same-side one is ignored). Expected net positions are worked out by hand per fixture.
 */

const FIXTURES = join(__dirname, '../fixtures/alerts');
const read = (dialect: string, file: string): string => readFileSync(join(FIXTURES, dialect, file), 'utf8');

/** net position after the fixture, starting [flat, long 2, short 2] */
const OUTCOMES: Array<[string, string, [number, number, number]]> = [
  ['traderspost', 'entry-points-brackets.json', [1, 2, 1]],
  ['traderspost', 'entry-short-price-trailing.json', [-2, -2, -2]],
  // $50 at risk over a 5-point stop ($10 per MNQ contract) = 5 contracts
  ['traderspost', 'entry-risk-dollars.json', [5, 2, 5]],
  ['traderspost', 'sell-flat.json', [0, 0, -2]],
  ['traderspost', 'exit-partial.json', [0, 1, -1]],
  ['traderspost', 'strategy-reduce-long.json', [0, 1, -2]],
  ['pickmytrade', 'indicator-buy-dollar-brackets.json', [1, 2, 1]],
  ['pickmytrade', 'sell-price-brackets.json', [-2, -2, -2]],
  ['pickmytrade', 'pyramid-buy.json', [1, 3, 1]],
  ['pickmytrade', 'close.json', [0, 0, 0]],
  ['crosstrade', 'place-buy.txt', [2, 2, 2]],
  ['crosstrade', 'place-sell.json', [-2, -2, -2]],
  ['crosstrade', 'place-sell-flatten-first-brackets.txt', [-1, -1, -2]],
  ['crosstrade', 'place-buy-percent-points-brackets.txt', [1, 2, 1]],
  ['crosstrade', 'place-sell-price-dollar-brackets.txt', [-1, -1, -2]],
  ['crosstrade', 'place-sync-exit-long.txt', [0, 0, -2]],
  ['crosstrade', 'place-sync-partial-exit.txt', [0, 1, -2]],
  ['crosstrade', 'place-sync-reverse.txt', [1, 2, 1]],
  ['crosstrade', 'closeposition-all.txt', [0, 0, 0]],
  ['crosstrade', 'closeposition-qty.txt', [0, 1, -1]],
  ['crosstrade', 'flatten.txt', [0, 0, 0]],
  ['threecommas', 'entry-long.json', [2, 2, 2]],
  ['threecommas', 'exit-long.json', [0, 0, -2]],
  ['threecommas', 'reverse-to-long.json', [1, 2, 1]],
  ['threecommas', 'partial-exit.json', [0, 1, -2]],
  ['tradingview', 'open-long.txt', [2, 2, 2]],
  ['tradingview', 'close-long.txt', [0, 0, -2]],
  ['tradingview', 'reverse-to-short.txt', [-1, -1, -2]],
  ['tradingview', 'partial-exit.txt', [0, 1, -2]],
  ['tradingview', 'cover-part-of-short.txt', [0, 2, -1]],
];
const STARTS: Array<['flat' | 'long 2' | 'short 2', number]> = [['flat', 0], ['long 2', 1], ['short 2', 2]];

/** polls a condition (each read settles the bus first); a busy machine only makes it slower */
async function until(condition: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('peer dialects end to end on paper', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  async function startingAt(start: 'flat' | 'long 2' | 'short 2') {
    const setup = await aTradedRecorder(t);
    if (start !== 'flat') {
      const action = start === 'long 2' ? 'buy' : 'sell';
      await sendAlert(t, setup.recorder.webhookToken, { action, quantity: 2, ticker: 'MNQ1!', price: '21000.00', id: 'setup' }).expect(200);
      expect(await netPosOf(t, setup.account.id)).toBe(start === 'long 2' ? 2 : -2);
    } else {
      await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '21000.00' }).expect(200);
    }
    return setup;
  }

  describe.each(STARTS)('from %s', (start, column) => {
    it.each(OUTCOMES)('%s %s', async (dialect, file, outcomes) => {
      const { account, recorder } = await startingAt(start);
      const res = await sendAlert(t, recorder.webhookToken, read(dialect, file)).expect(200);
      expect(res.body).toMatchObject({ ok: true, status: 'accepted' });
      expect(await netPosOf(t, account.id)).toBe(outcomes[column]);
      expect((await signalOf(t, res.body.signalId)).dialect).toBe(dialect);
    });
  });

  it('a CrossTrade entry with tick brackets carries them onto the position: TP 40 ticks below, SL 20 above a short at 21000', async () => {
    const { account, recorder } = await startingAt('flat');
    await sendAlert(t, recorder.webhookToken, read('crosstrade', 'place-sell-flatten-first-brackets.txt')).expect(200);
    expect(await netPosOf(t, account.id)).toBe(-1);
    // MNQ tick 0.25: 40 ticks = 10 points, 20 ticks = 5 points
    await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '20990.00' }).expect(200);
    await until(async () => (await netPosOf(t, account.id)) === 0);
    const orders = await ordersInSequence(t, account.id);
    expect(orders.map((o) => [o.action, o.quantity])).toEqual([['Sell', 1], ['Buy', 1]]);
  });

  it('CrossTrade percent and points brackets: long 1 at 21000 with TP 0.05% (21010.50) and SL 5 points (20995.00) stops out at 20995', async () => {
    const { account, recorder } = await startingAt('flat');
    await sendAlert(t, recorder.webhookToken, read('crosstrade', 'place-buy-percent-points-brackets.txt')).expect(200);
    expect(await netPosOf(t, account.id)).toBe(1);
    await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '21010.00' }).expect(200);
    expect(await netPosOf(t, account.id)).toBe(1);
    await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '20995.00' }).expect(200);
    await until(async () => (await netPosOf(t, account.id)) === 0);
    // 5 points x 2 USD per point on MNQ
    const trades = (await t.api.get(`/api/trades?accountId=${account.id}`).expect(200)).body as Array<{ pnlUsd?: string; pnl?: string }>;
    expect(trades).toHaveLength(1);
    expect(JSON.stringify(trades[0])).toMatch(/-10(\.00)?"/);
  });

  it('CrossTrade price and dollar brackets: short 1 at 21000 with TP at 20990.00 takes profit there', async () => {
    const { account, recorder } = await startingAt('flat');
    await sendAlert(t, recorder.webhookToken, read('crosstrade', 'place-sell-price-dollar-brackets.txt')).expect(200);
    expect(await netPosOf(t, account.id)).toBe(-1);
    await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '20990.00' }).expect(200);
    await until(async () => (await netPosOf(t, account.id)) === 0);
  });

  it('PickMyTrade dollar brackets are per contract: long 1 at 21000 with dollar_sl 10 (5 points on MNQ) stops out at 20995', async () => {
    const { account, recorder } = await startingAt('flat');
    await sendAlert(t, recorder.webhookToken, read('pickmytrade', 'indicator-buy-dollar-brackets.json')).expect(200);
    expect(await netPosOf(t, account.id)).toBe(1);
    await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '20995.25' }).expect(200);
    expect(await netPosOf(t, account.id)).toBe(1);
    await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '20995.00' }).expect(200);
    await until(async () => (await netPosOf(t, account.id)) === 0);
  });

  it.each(
    readdirSync(FIXTURES).flatMap((dialect) =>
      readdirSync(join(FIXTURES, dialect)).filter((f) => f.startsWith('bad-')).map((file) => [dialect, file]),
    ),
  )('%s %s is answered 400 {error, field, hint}, stored rejected and trades nothing', async (dialect, file) => {
    const { account, recorder } = await startingAt('long 2');
    const res = await sendAlert(t, recorder.webhookToken, read(dialect, file)).expect(400);
    expect(res.body).toMatchObject({ ok: false, status: 'rejected', error: expect.any(String), field: expect.any(String) });
    expect(res.body).toHaveProperty('hint');
    expect(await netPosOf(t, account.id)).toBe(2);
    expect((await signalOf(t, res.body.signalId)).status).toBe('rejected');
  });

  it('3Commas max_lag tightens staleness: fired 20 s ago with max_lag 10 is stale and trades nothing; with max_lag 300 it trades', async () => {
    const { account, recorder } = await startingAt('flat');
    const firedAgo = (ms: number) => new Date(t.clock.now().getTime() - ms).toISOString();
    // a different fire time each, so the second is not the first's duplicate
    const body = (maxLag: string, firedAt: string) => read('threecommas', 'entry-long.json').replace('{{timenow}}', firedAt).replace('"300"', `"${maxLag}"`);
    const late = await sendAlert(t, recorder.webhookToken, body('10', firedAgo(20_000))).expect(200);
    expect(await signalOf(t, late.body.signalId)).toMatchObject({ status: 'stale', reason: expect.stringMatching(/20 s old.*max_lag 10 s/) });
    expect(await netPosOf(t, account.id)).toBe(0);
    await sendAlert(t, recorder.webhookToken, body('300', firedAgo(19_000))).expect(200);
    expect(await netPosOf(t, account.id)).toBe(2);
  });

  it('the dashboard\'s recent signals show the format each alert was read as', async () => {
    const { recorder } = await startingAt('flat');
    await sendAlert(t, recorder.webhookToken, read('crosstrade', 'flatten.txt')).expect(200);
    const page = (await t.api.get('/').expect(200)).text;
    expect(page).toMatch(/<td>crosstrade<\/td><td>close<\/td>/);
  });

  it('the peer\'s secret is stored redacted, and never appears in the answer or the timeline', async () => {
    const { recorder } = await startingAt('flat');
    for (const [dialect, file] of [['crosstrade', 'place-buy.txt'], ['crosstrade', 'bad-reverse.txt'], ['threecommas', 'entry-long.json'], ['pickmytrade', 'indicator-buy-dollar-brackets.json']]) {
      const res = await sendAlert(t, recorder.webhookToken, read(dialect, file));
      const signal = await signalOf(t, res.body.signalId);
      const everything = JSON.stringify([res.body, signal]);
      expect(everything).not.toMatch(/xt-7f3a9c1e|3c-5b1d0e|pmt-9e8d7c6b/);
      expect(signal.rawBody).toMatch(/\*\*\*/);
    }
  });
});
