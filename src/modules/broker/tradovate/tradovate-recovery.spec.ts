import { Logger } from '@nestjs/common';
import { DEFAULT_USERS } from '../../../../test/fakes/tradovate/fake-seed';
import { FakeTradovate, FakeTradovateOptions, startFakeTradovate } from '../../../../test/fakes/tradovate/fake-tradovate-server';
import { BrokerEvent } from '../broker.port';
import { RateBudget } from './rate-budget';
import { TradovateBroker } from './tradovate-broker';
import { TradovateConnection } from './tradovate-connection';
import { MarketQuote, TradovateMarketData } from './tradovate-market-data';
import { SocketOptions } from './tradovate-socket';

Logger.overrideLogger(false);

const eventually = async <T>(check: () => T | Promise<T>, timeoutMs = 8_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
};

const LOGIN = { username: 'jt.trader', password: 'fake-password', appId: 'JustTrades', appVersion: '1.0', cid: 8, sec: 'fake-api-secret-0123456789abcdef' };

/** The Tradovate client's recovery paths against the fake's faults (reference §2.3, §4.6, §8.6). */
describe('Tradovate client recovery', () => {
  let fake: FakeTradovate;
  let conn: TradovateConnection;
  let broker: TradovateBroker;
  let events: BrokerEvent[];
  let account: string;
  let mnq: string;
  let reconnects: number;
  let drops: string[];

  async function connect(fakeOptions: FakeTradovateOptions = {}, socket: Partial<SocketOptions> = {}, timeoutMs = 1_000) {
    fake = await startFakeTradovate(fakeOptions);
    mnq = fake.frontContract('MNQ');
    fake.setQuote(mnq, { bid: 21000, ask: 21000.25, last: 21000 });
    conn = new TradovateConnection({
      env: 'demo',
      restUrl: fake.restBase,
      wsUrl: fake.tradingWsUrl,
      credentials: LOGIN,
      budget: new RateBudget(6000, 100),
      rest: { timeoutMs, maxPenaltyWaitSec: 5, getTicketMode: 'post-body' },
      renewBeforeMs: 900_000,
      socket: { reconnectMinMs: 50, ...socket },
      nowIso: () => new Date().toISOString(),
    });
    await conn.start();
    const tv = conn.pickAccount('DEMO1234567')!;
    conn.trade(tv.id);
    account = String(tv.id);
    broker = new TradovateBroker('tradovate:test', conn);
    events = [];
    reconnects = 0;
    drops = [];
    broker.events$.subscribe((e) => events.push(e));
    conn.reconnected$.subscribe(() => reconnects++);
    conn.socket.disconnected$.subscribe((why) => drops.push(why));
  }

  afterEach(async () => {
    conn?.stop();
    await fake?.close();
  });

  const fillsOf = (clOrdId: string) => events.filter((e) => e.kind === 'fill' && e.fill.clOrdId === clOrdId);
  const statusesOf = (clOrdId: string) => events.filter((e) => e.kind === 'order' && e.order.clOrdId === clOrdId).map((e) => (e.kind === 'order' ? e.order.status : ''));
  const buy = (clOrdId: string, quantity = 1) => broker.placeOrder({ accountRef: account, contract: mnq, action: 'Buy', quantity, orderType: 'Market', clOrdId });

  it('a shutdown frame: reconnects after a back-off, re-syncs, and the fill made while away arrives exactly once', async () => {
    await connect({}, { reconnectMinMs: 400 });
    expect(fake.faults.shutdown({ kind: 'trading', reasonCode: 'Maintenance' })).toBe(1);
    await eventually(() => expect(drops).toHaveLength(1));
    const droppedAt = Date.now();
    expect(conn.socket.isReady).toBe(false);
    // placed over REST while the socket is down: its fill can only come from the re-sync
    expect(await buy('jt-away', 2)).toMatchObject({ accepted: true });
    await eventually(() => expect(reconnects).toBe(1));
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(150);
    await eventually(() => expect(statusesOf('jt-away')).toContain('Filled'));
    expect(fillsOf('jt-away')).toHaveLength(1);
    expect(fillsOf('jt-away')[0]).toMatchObject({ fill: { quantity: 2, action: 'Buy', price: '21000.25' } });
    expect(events.some((e) => e.kind === 'position' && e.position.netPos === 2)).toBe(true);
    // the new socket carries live events again
    expect(await buy('jt-after')).toMatchObject({ accepted: true });
    await eventually(() => expect(fillsOf('jt-after')).toHaveLength(1));
    expect(fake.state.demo.position('DEMO1234567', mnq)?.netPos).toBe(3);
  });

  it('a quota shutdown waits the long back-off before reconnecting', async () => {
    await connect({}, { reconnectMinMs: 20, quotaBackoffMs: 600 });
    fake.faults.shutdown({ kind: 'trading', reasonCode: 'ConnectionQuotaReached' });
    await eventually(() => expect(drops).toHaveLength(1));
    const droppedAt = Date.now();
    await eventually(() => expect(reconnects).toBe(1));
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(550);
  });

  it('silent heartbeats: the connection is declared dead and re-opened; it trades again once the server speaks', async () => {
    await connect({ heartbeatIntervalMs: 100 }, { heartbeatMs: 100, silentTimeoutMs: 500 });
    fake.faults.stopHeartbeats();
    await eventually(() => expect(drops.length).toBeGreaterThanOrEqual(1));
    fake.faults.resumeHeartbeats();
    await eventually(() => expect(conn.socket.isReady && reconnects >= 1).toBe(true));
    expect(await buy('jt-alive')).toMatchObject({ accepted: true });
    await eventually(() => expect(statusesOf('jt-alive')).toContain('Filled'));
    expect(fillsOf('jt-alive')).toHaveLength(1);
  });

  it('a slow answer times out, the order is looked up by clOrdId and never sent twice', async () => {
    await connect();
    fake.faults.slow(2_500, { endpoint: 'order/placeorder', after: true });
    const result = await buy('jt-slow-answer');
    expect(result).toEqual({ accepted: true, brokerOrderId: expect.any(String) });
    expect(fake.requestsTo('order/placeorder')).toHaveLength(1);
    expect(fake.state.demo.orders('DEMO1234567')).toHaveLength(1);
    await eventually(() => expect(statusesOf('jt-slow-answer')).toContain('Filled'));
    expect(fillsOf('jt-slow-answer')).toHaveLength(1);
  });

  it('a slow request processed after our timeout: not re-sent; it is found once it lands', async () => {
    await connect();
    fake.faults.slow(1_600, { endpoint: 'order/placeorder' });
    const result = await buy('jt-late-landing');
    expect(fake.requestsTo('order/placeorder')).toHaveLength(1);
    await eventually(() => expect(fake.state.demo.orders('DEMO1234567')).toHaveLength(1));
    expect(result).toEqual({ accepted: true, brokerOrderId: String(fake.state.demo.orders('DEMO1234567')[0].id) });
  });

  it('an expiring token is renewed before it expires, without a new login, and the socket keeps trading', async () => {
    await connect({ tokenLifetimeMs: 3_000 });
    const first = conn.session.token!;
    await eventually(() => expect(fake.requestsTo('auth/renewaccesstoken').length).toBeGreaterThanOrEqual(1), 5_000);
    expect(fake.requestsTo('auth/renewaccesstoken')[0].time).toBeLessThan(first.expiresAt.getTime());
    expect(conn.session.token!.accessToken).not.toBe(first.accessToken);
    expect(fake.requestsTo('auth/accesstokenrequest')).toHaveLength(1);
    expect(await buy('jt-renewed')).toMatchObject({ accepted: true });
    await eventually(() => expect(statusesOf('jt-renewed')).toContain('Filled'));
  });

  it('a request after the token expired logs in again and goes through once', async () => {
    await connect();
    fake.faults.expireTokens();
    expect(await buy('jt-expired')).toMatchObject({ accepted: true });
    expect(fake.requestsTo('auth/accesstokenrequest')).toHaveLength(2);
    expect(fake.state.demo.orders('DEMO1234567')).toHaveLength(1);
    await eventually(() => expect(statusesOf('jt-expired')).toContain('Filled'));
  });

  it('a socket that reconnects after the token expired re-authorizes with a fresh login', async () => {
    await connect();
    fake.faults.expireTokens();
    fake.faults.dropSockets('trading');
    await eventually(() => expect(reconnects).toBe(1));
    expect(fake.requestsTo('auth/accesstokenrequest')).toHaveLength(2);
    expect(await buy('jt-reauthorized')).toMatchObject({ accepted: true });
    await eventually(() => expect(fillsOf('jt-reauthorized')).toHaveLength(1));
  });

  it('the market-data socket reconnecting after the token expired logs in afresh and streams quotes again', async () => {
    await connect();
    const quotes: MarketQuote[] = [];
    const md = new TradovateMarketData(fake.mdWsUrl, () => conn.session.token, new RateBudget(6000, 100), conn.contracts, (q) => quotes.push(q), { reconnectMinMs: 50 }, () => conn.provenToken());
    try {
      md.want(mnq);
      await eventually(() => expect(quotes.length).toBeGreaterThan(0));
      fake.faults.expireTokens();
      fake.faults.dropSockets('md');
      await eventually(() => expect(fake.requestsTo('auth/accesstokenrequest')).toHaveLength(2));
      await eventually(() => expect(md.socket.isReady).toBe(true));
      fake.setQuote(mnq, { bid: 21005, ask: 21005.25, last: 21005.25 });
      await eventually(() => expect(quotes.some((q) => q.price === '21005.25')).toBe(true));
    } finally {
      md.stop();
    }
  });

  it('a market-data refusal with a good token (no entitlement) never logs in again: our sessions are not evicted', async () => {
    await connect({ users: [{ ...DEFAULT_USERS[0], marketData: false }] });
    const md = new TradovateMarketData(fake.mdWsUrl, () => conn.session.token, new RateBudget(6000, 100), conn.contracts, () => undefined, { reconnectMinMs: 20 }, () => conn.provenToken());
    const refusals: string[] = [];
    md.socket.disconnected$.subscribe((why) => refusals.push(why));
    try {
      md.want(mnq);
      await eventually(() => expect(refusals.filter((why) => /authorize/.test(why)).length).toBeGreaterThanOrEqual(4));
      expect(fake.requestsTo('auth/me').length).toBeGreaterThanOrEqual(1);
      expect(fake.requestsTo('auth/accesstokenrequest')).toHaveLength(1);
      expect(conn.socket.isReady).toBe(true);
    } finally {
      md.stop();
    }
  });

  it('the same clOrdId placed twice is one order at the broker (the fake would place it again)', async () => {
    await connect();
    fake.faults.duplicateClOrdIds('place');
    const first = await buy('jt-twice');
    const second = await buy('jt-twice');
    expect(second).toEqual(first);
    expect(fake.requestsTo('order/placeorder')).toHaveLength(1);
    expect(fake.state.demo.orders('DEMO1234567')).toHaveLength(1);
    await eventually(() => expect(statusesOf('jt-twice')).toContain('Filled'));
    expect(fillsOf('jt-twice')).toHaveLength(1);
  });

  it('events that arrive before the placement answer: the fill is reported once and the order ends Filled with our clOrdId', async () => {
    await connect({}, {}, 3_000);
    fake.faults.slow(400, { endpoint: 'order/placeorder', after: true });
    const result = await buy('jt-early-events', 2);
    expect(result).toMatchObject({ accepted: true });
    // the venue's events came first
    expect(statusesOf('jt-early-events')).toContain('Filled');
    await conn.translator.drained();
    expect(fillsOf('jt-early-events')).toHaveLength(1);
    expect(fillsOf('jt-early-events')[0]).toMatchObject({ fill: { quantity: 2, brokerOrderId: (result as { brokerOrderId: string }).brokerOrderId } });
    const finals = events.filter((e) => e.kind === 'order' && e.order.status === 'Filled');
    expect(finals.every((e) => e.kind === 'order' && e.order.clOrdId === 'jt-early-events')).toBe(true);
    expect(fake.state.demo.orders('DEMO1234567')).toHaveLength(1);
  });
});
