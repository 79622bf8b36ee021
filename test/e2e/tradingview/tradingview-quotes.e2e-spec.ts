import { QuoteReceived } from '../../../src/core/bus/events';
import { TradingViewQuotesService } from '../../../src/modules/market-data/tradingview/tradingview-quotes.service';
import { FakeTradingView, startFakeTradingView, TV_ORIGIN } from '../../fakes/tradingview/fake-tradingview-server';
import { aRecorder } from '../../support/builders';
import { startTestApp, TestApp } from '../../support/test-app';
import { eventually, startAppWithTradingView, stopAll } from './tradingview-support';

/**
 * TradingView's quote socket as the price source of recorders with priceSource 'tradingview',
 * against a fake that speaks its framing: quotes reach the bus as venue 'tradingview', heartbeats
 * are echoed, a drop is survived, and a delayed or quiet feed is said, never hidden.
 */
describe('TradingView quotes', () => {
  let t: TestApp;
  let fake: FakeTradingView;
  let tvQuotes: QuoteReceived[];
  const status = () => t.app.get(TradingViewQuotesService).status();
  const subscribedTo = (symbol: string) => fake.openConnections().some((c) => c.symbols.has(symbol));

  afterEach(async () => stopAll(t, fake));

  describe('signed in with the session cookie', () => {
    beforeEach(async () => {
      ({ t, fake, tvQuotes } = await startAppWithTradingView({ fake: { heartbeatMs: 100, heartbeatTimeoutMs: 1000 } }));
      await aRecorder(t, { symbol: 'MNQ1!', priceSource: 'tradingview' });
      await aRecorder(t, { symbol: 'ES1!', priceSource: 'tradingview' });
      await aRecorder(t, { symbol: 'NQ1!' }); // priced from alerts: not subscribed
      await t.app.get(TradingViewQuotesService).refreshSymbols();
      await eventually(async () => expect(subscribedTo('CME_MINI:MNQ1!') && subscribedTo('CME_MINI:ES1!')).toBe(true));
    });

    it('subscribes the symbols of TradingView-priced recorders, signed in, from TradingView\'s origin', () => {
      const [connection] = fake.openConnections();
      expect(connection).toMatchObject({ origin: TV_ORIGIN, authToken: fake.authToken });
      expect([...connection.symbols].sort()).toEqual(['CME_MINI:ES1!', 'CME_MINI:MNQ1!']);
      expect(connection.fields).toEqual(expect.arrayContaining(['lp', 'bid', 'ask', 'update_mode']));
      expect(status()).toMatchObject({ enabled: true, connected: true, delayed: false, stale: false, problem: null, symbols: ['CME_MINI:ES1!', 'CME_MINI:MNQ1!'] });
    });

    it('reads several quotes and a heartbeat out of one frame: each quote reaches the bus as venue tradingview, the heartbeat is echoed', async () => {
      const echoedBefore = fake.openConnections()[0].heartbeatsEchoed;
      fake.pushPrices(
        [
          ['CME_MINI:MNQ1!', { lp: 21010.5, bid: 21010.25, ask: 21010.5 }],
          ['CME_MINI:ES1!', { lp: 6001.25 }],
        ],
        { withHeartbeat: true },
      );
      await eventually(async () => expect(tvQuotes).toHaveLength(2));
      expect(tvQuotes.map(({ contract, price, bid, ask, venue, source, delayed }) => ({ contract, price, bid, ask, venue, source, delayed }))).toEqual([
        { contract: 'MNQZ6', price: '21010.5', bid: '21010.25', ask: '21010.5', venue: 'tradingview', source: 'tradingview', delayed: false },
        { contract: 'ESZ6', price: '6001.25', bid: undefined, ask: undefined, venue: 'tradingview', source: 'tradingview', delayed: false },
      ]);
      await eventually(async () => expect(fake.openConnections()[0].heartbeatsEchoed).toBeGreaterThan(echoedBefore));
      expect(status().lastQuoteAt).toBe(t.clock.nowIso());
    });

    it('keeps the socket through many heartbeats (a client that does not echo is hung up on after 1 s)', async () => {
      await new Promise((r) => setTimeout(r, 1500));
      const [connection, ...others] = fake.connections;
      expect(others).toEqual([]);
      expect(connection.open).toBe(true);
      expect(connection.heartbeatsEchoed).toBeGreaterThanOrEqual(2);
    });

    it('reconnects after a drop, subscribes everything again, and quotes flow again', async () => {
      fake.drop();
      await eventually(async () => expect(status().connected).toBe(false));
      await eventually(async () => expect(fake.openConnections()).toHaveLength(1), 10_000);
      const reconnected = fake.openConnections()[0];
      await eventually(async () => expect([...reconnected.symbols].sort()).toEqual(['CME_MINI:ES1!', 'CME_MINI:MNQ1!']));
      expect(reconnected.authToken).toBe(fake.authToken);
      fake.setPrice('CME_MINI:MNQ1!', { lp: 20999.75 });
      await eventually(async () => expect(tvQuotes.map((q) => q.price)).toEqual(['20999.75']));
      expect(status()).toMatchObject({ connected: true, delayed: false });
    });

    it('subscribes a recorder switched to TradingView prices and drops one switched back to alerts', async () => {
      const recorders = (await t.api.get('/api/recorders').expect(200)).body as Array<{ id: string; symbol: string }>;
      const nq = recorders.find((r) => r.symbol === 'NQ1!')!;
      const es = recorders.find((r) => r.symbol === 'ES1!')!;
      await t.api.patch(`/api/recorders/${nq.id}`, { priceSource: 'tradingview' }).expect(200);
      await t.api.patch(`/api/recorders/${es.id}`, { priceSource: 'alert' }).expect(200);
      await t.app.get(TradingViewQuotesService).refreshSymbols();
      await eventually(async () => expect([...fake.openConnections()[0].symbols].sort()).toEqual(['CME_MINI:MNQ1!', 'CME_MINI:NQ1!']));
    });

    it('says the feed is stale after 60 s without a quote in market hours (G-52), and fresh at the next quote', async () => {
      const service = t.app.get(TradingViewQuotesService);
      fake.setPrice('CME_MINI:MNQ1!', { lp: 21000 });
      await eventually(async () => expect(tvQuotes).toHaveLength(1));
      t.clock.advance(60_000);
      service.checkStale();
      expect(status().stale).toBe(false);
      t.clock.advance(1_000);
      service.checkStale();
      expect(status()).toMatchObject({ stale: true, problem: expect.stringContaining('no TradingView quote for over 60 s') });
      expect((await t.api.get('/').expect(200)).text).toMatch(/TradingView <span class="chip off" title="no TradingView quote for over 60 s[^"]*">stale<\/span>/);
      fake.setPrice('CME_MINI:MNQ1!', { lp: 21000.25 });
      await eventually(async () => expect(status().stale).toBe(false));
    });

    it('is not stale while CME Globex is closed (Saturday)', async () => {
      t.clock.set('2026-12-05T15:00:00.000Z');
      t.app.get(TradingViewQuotesService).checkStale();
      expect(status().stale).toBe(false);
    });
  });

  it('without a session cookie: anonymous, every quote and the status marked delayed', async () => {
    ({ t, fake, tvQuotes } = await startAppWithTradingView({ sessionId: null }));
    await aRecorder(t, { symbol: 'MNQ1!', priceSource: 'tradingview' });
    await t.app.get(TradingViewQuotesService).refreshSymbols();
    await eventually(async () => expect(subscribedTo('CME_MINI:MNQ1!')).toBe(true));
    expect(fake.openConnections()[0].authToken).toBe('unauthorized_user_token');
    fake.setPrice('CME_MINI:MNQ1!', { lp: 21000 });
    await eventually(async () => expect(tvQuotes).toHaveLength(1));
    expect(tvQuotes[0]).toMatchObject({ venue: 'tradingview', delayed: true });
    expect(status()).toMatchObject({ connected: true, delayed: true, problem: expect.stringContaining('quotes are delayed') });
    const page = await t.api.get('/').expect(200);
    expect(page.text).toContain('TradingView prices');
    expect(page.text).toMatch(/<td class="price-source">TradingView <span class="chip off" title="[^"]*quotes are delayed[^"]*">delayed<\/span><\/td>/);
    const { body } = await t.api.get('/api/status').expect(200);
    expect(body.priceSources).toMatchObject([{ venue: 'tradingview', enabled: true, connected: true, delayed: true }]);
  });

  it('with an expired session cookie: the sign-in failure is said, and the anonymous feed is marked delayed', async () => {
    ({ t, fake, tvQuotes } = await startAppWithTradingView({ sessionId: 'expired-session-000' }));
    await aRecorder(t, { symbol: 'MNQ1!', priceSource: 'tradingview' });
    await t.app.get(TradingViewQuotesService).refreshSymbols();
    await eventually(async () => expect(subscribedTo('CME_MINI:MNQ1!')).toBe(true));
    expect(status()).toMatchObject({ delayed: true, problem: expect.stringContaining('JT_TV_SESSION_ID expired or wrong') });
    expect(JSON.stringify(status())).not.toContain('expired-session-000');
  });

  it('switched off (JT_TV_QUOTES=off): a TradingView-priced recorder is flagged on the dashboard, nothing connects', async () => {
    fake = await startFakeTradingView();
    t = await startTestApp({ env: { JT_TV_WS_URL: fake.wsUrl } });
    await aRecorder(t, { symbol: 'MNQ1!', priceSource: 'tradingview' });
    await t.app.get(TradingViewQuotesService).refreshSymbols();
    const page = (await t.api.get('/').expect(200)).text;
    expect(page).toMatch(/<td class="price-source">TradingView <span class="chip off" title="TradingView quotes are off \(JT_TV_QUOTES&#x3D;off\)[^"]*">off<\/span><\/td>/);
    expect(page).toContain('set JT_TV_QUOTES=on');
    expect(status()).toMatchObject({ enabled: false, connected: false });
    expect(fake.connections).toEqual([]);
  });
});
