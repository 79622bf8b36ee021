import { EventBus } from '../../../src/core/bus/event-bus';
import { MarketDataStaleChanged } from '../../../src/core/bus/events';
import { MarketDataStalenessService } from '../../../src/modules/market-data/market-data-staleness.service';
import { TpSlMonitor } from '../../../src/modules/exits/tp-sl-monitor.service';
import { FakeTradovate } from '../../fakes/tradovate/fake-tradovate-server';
import { anAccount, aRecorder, aTrader, positionsOf, sendAlert } from '../../support/builders';
import { TestApp } from '../../support/test-app';
import { aTradovateAccount, eventually, settledAccount, startAppWithFake } from './tradovate-support';

type PositionView = { netPos: number; avgPrice: string; lastPrice: string | null; openPnlUsd: string | null; exitWatch: string | null; marketData: { venue: string; stale: boolean } };
type AccountStatus = { accountId: string; venue: string; lastQuoteAt: string | null; stale: boolean; staleContracts: string[] };

/**
 * A Tradovate position exits, trails and marks on Tradovate's market data only. TradingView prices
 * (alert prices, POST /api/paper/quotes) move the paper exchange and the recorders' virtual books,
 * never a Tradovate account: once a paper quote far below a stop sent a real market Sell.
 */
describe("only the venue's prices exit or mark a broker position", () => {
  let t: TestApp;
  let fake: FakeTradovate;
  let mnq: string;
  let tradovateId: string;
  let recorder: { id: string; webhookToken: string };

  beforeEach(async () => {
    ({ t, fake } = await startAppWithFake({}, { JT_MARKET_DATA_STALE_SEC: '60' }));
    mnq = fake.frontContract('MNQ');
    fake.setQuote(mnq, { bid: 21000.0, ask: 21000.25, last: 21000.25 });
    tradovateId = (await aTradovateAccount(t)).id;
    expect(await settledAccount(t, tradovateId)).toMatchObject({ status: 'connected' });
    // stop 8 ticks (2.00) under the entry, take profit 40 ticks over it
    recorder = await aRecorder(t, { quantity: 1, stopLossTicks: 8, takeProfitTicks: 40, sameSide: 'ignore' });
    await aTrader(t, recorder.id, tradovateId);
    await sendAlert(t, recorder.webhookToken, { id: 'entry', ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    await eventually(async () => expect(await positionsOf(t, tradovateId)).toMatchObject([{ netPos: 1, avgPrice: '21000.25' }]));
    await eventually(async () => expect(fake.sockets().some((s) => s.kind === 'md' && s.quoteSubscriptions.includes(fake.contract(mnq).id))).toBe(true));
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  const venuePosition = () => fake.state.demo.position('DEMO1234567', mnq)?.netPos ?? 0;
  const positionView = async (accountId: string) => (await positionsOf(t, accountId))[0] as unknown as PositionView;

  it('keeps its position while paper quotes and alert prices go past its stop, and exits when the venue price does', async () => {
    const bystander = await aRecorder(t, { quantity: 1 }); // no trader: its alerts only price its virtual book
    await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '20990.00' }).expect(200);
    await sendAlert(t, bystander.webhookToken, { id: 'other', ticker: 'MNQ1!', action: 'sell', price: '20980.00' }).expect(200);
    await sendAlert(t, recorder.webhookToken, { id: 'own', ticker: 'MNQ1!', action: 'buy', price: '20970.00' }).expect(200);
    await t.settle();

    expect(venuePosition()).toBe(1);
    expect(fake.requestsTo('order/placeorder')).toHaveLength(1);
    expect(await positionView(tradovateId)).toMatchObject({ netPos: 1, exitWatch: 'watching', marketData: { venue: 'tradovate', stale: false } });
    expect(t.app.get(TpSlMonitor).levelsOf(tradovateId, mnq)).toMatchObject({ venue: 'tradovate', stop: '20998.25', levelsHit: 0, watch: 'watching' });

    fake.setQuote(mnq, { bid: 20998.0, ask: 20998.25, last: 20998.0 });
    await eventually(async () => expect(venuePosition()).toBe(0));
    await eventually(async () => expect(await positionsOf(t, tradovateId)).toEqual([]));
    const placed = fake.requestsTo('order/placeorder').map((r) => r.body as { action: string; orderType: string });
    expect(placed.map((o) => [o.action, o.orderType])).toEqual([
      ['Buy', 'Market'],
      ['Sell', 'Market'],
    ]);
  });

  it("marks its open P&L at the venue's price, not at a paper quote", async () => {
    fake.setQuote(mnq, { bid: 21005.0, ask: 21005.25, last: 21005.0 });
    await eventually(async () => expect((await positionView(tradovateId)).lastPrice).toBe('21005.00'));
    await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '20990.00' }).expect(200);
    await sendAlert(t, recorder.webhookToken, { id: 'own', ticker: 'MNQ1!', action: 'buy', price: '20970.00' }).expect(200);
    // 4.75 points long 1 MNQ = 19 ticks x 0.50 USD
    expect(await positionView(tradovateId)).toMatchObject({ lastPrice: '21005.00', openPnlUsd: '9.50' });
  });

  it('a paper account exits on paper quotes only, the Tradovate account on Tradovate quotes only', async () => {
    const paper = await anAccount(t);
    const paperRecorder = await aRecorder(t, { quantity: 1, stopLossTicks: 8, takeProfitTicks: 40 });
    await aTrader(t, paperRecorder.id, paper.id);
    await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '21000.00' }).expect(200);
    await sendAlert(t, paperRecorder.webhookToken, { id: 'paper-entry', ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    expect(await positionView(paper.id)).toMatchObject({ netPos: 1, avgPrice: '21000.00', marketData: { venue: 'paper' } });

    // the paper stop is 20998.00: a paper quote there exits the paper account, not the Tradovate one (stop 20998.25)
    await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '20998.00' }).expect(200);
    await eventually(async () => expect(await positionsOf(t, paper.id)).toEqual([]));
    expect(venuePosition()).toBe(1);
    expect(await positionsOf(t, tradovateId)).toMatchObject([{ netPos: 1 }]);

    // and the other way round: a second paper position sits through a Tradovate quote past its stop
    await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '21000.00' }).expect(200);
    await sendAlert(t, paperRecorder.webhookToken, { id: 'paper-again', ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
    expect(await positionView(paper.id)).toMatchObject({ netPos: 1, avgPrice: '21000.00' });
    fake.setQuote(mnq, { bid: 20997.0, ask: 20997.25, last: 20997.0 });
    await eventually(async () => expect(venuePosition()).toBe(0));
    await eventually(async () => expect(await positionsOf(t, tradovateId)).toEqual([]));
    expect(await positionView(paper.id)).toMatchObject({ netPos: 1, lastPrice: '21000.00' });
  });

  it('no venue quote for JT_MARKET_DATA_STALE_SEC in market hours: stale on status and positions, exits blind, fresh again on the next quote', async () => {
    const changes: MarketDataStaleChanged[] = [];
    t.app.get(EventBus).on('MarketDataStaleChanged', 'test', (e) => void changes.push(e));
    const staleness = t.app.get(MarketDataStalenessService);
    const statusOf = async () => ((await t.api.get('/api/status').expect(200)).body.marketData as AccountStatus[]).find((a) => a.accountId === tradovateId);

    t.app.get(EventBus).publish({ type: 'QuoteReceived', ts: t.clock.nowIso(), contract: mnq, price: '21001.00', source: 'broker', venue: 'tradovate' });
    await t.settle();
    const quotedAt = t.clock.nowIso();
    t.clock.advance(59_000);
    staleness.check();
    expect(await statusOf()).toMatchObject({ venue: 'tradovate', stale: false, lastQuoteAt: quotedAt });

    t.clock.advance(2_000);
    staleness.check();
    await t.settle();
    expect(await statusOf()).toEqual({ accountId: tradovateId, name: expect.any(String), venue: 'tradovate', lastQuoteAt: quotedAt, stale: true, staleContracts: [mnq] });
    expect(await positionView(tradovateId)).toMatchObject({ exitWatch: 'blind', marketData: { venue: 'tradovate', stale: true } });
    expect(t.app.get(TpSlMonitor).levelsOf(tradovateId, mnq)).toMatchObject({ watch: 'blind' });
    expect(changes).toMatchObject([{ accountId: tradovateId, venue: 'tradovate', stale: true, contracts: [mnq], lastQuoteAt: quotedAt }]);
    expect((await t.api.get('/').expect(200)).text).toContain('stale: exits blind');
    // blind means blind: a paper price past the stop still exits nothing
    await t.api.post('/api/paper/quotes', { symbol: 'MNQ1!', price: '20990.00' }).expect(200);
    await t.settle();
    expect(venuePosition()).toBe(1);

    fake.setQuote(mnq, { bid: 21001.0, ask: 21001.25, last: 21001.0 });
    await eventually(async () => {
      staleness.check();
      expect(await statusOf()).toMatchObject({ stale: false, staleContracts: [] });
    });
    expect(await positionView(tradovateId)).toMatchObject({ exitWatch: 'watching', marketData: { stale: false } });
    expect(changes.map((c) => c.stale)).toEqual([true, false]);
    expect((await t.api.get('/').expect(200)).text).not.toContain('stale: exits blind');
  });

  it('outside CME Globex hours a quiet market is not stale', async () => {
    t.clock.set(new Date('2026-12-05T18:00:00Z')); // Saturday
    t.app.get(MarketDataStalenessService).check();
    expect(await positionView(tradovateId)).toMatchObject({ exitWatch: 'watching', marketData: { stale: false } });
  });
});
