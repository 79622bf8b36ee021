import { FakeTradovate, startFakeTradovate } from './fake-tradovate-server';
import { rest, WireSocket } from './fake-wire-clients';

const creds = { name: 'jt.trader', password: 'fake-password', appId: 'JustTrades', cid: 8, sec: 'fake-api-secret-0123456789abcdef' };

describe('fake Tradovate: socket protocol (reference §4, §5)', () => {
  let fake: FakeTradovate;
  let login: { accessToken: string; mdAccessToken: string; userId: number };
  const sockets: WireSocket[] = [];
  const open = async (url: string, token?: string) => {
    const ws = token ? await WireSocket.authorized(url, token, 100) : await WireSocket.open(url);
    sockets.push(ws);
    return ws;
  };

  beforeEach(async () => {
    fake = await startFakeTradovate({ heartbeatIntervalMs: 100, clientHeartbeatTimeoutMs: 400, authorizeTimeoutMs: 400 });
    login = (await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: creds })).body;
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await fake.close();
  });

  it('opens with "o", authorizes with the raw token and answers {s:200,i} without d', async () => {
    const ws = await open(fake.tradingWsUrl);
    expect(ws.frames[0]).toBe('o');
    ws.sendRaw(`authorize\n0\n\n${login.accessToken}`);
    await ws.until(() => ws.frames.includes('a[{"s":200,"i":0}]'), 1000, 'authorize reply');
  });

  it('refuses a bad token with 401 and requests before authorize with 401', async () => {
    const ws = await open(fake.tradingWsUrl);
    expect(await ws.send('account/list')).toEqual({ s: 401, i: 1, d: 'Access is denied' });
    expect((await ws.send('authorize', undefined, 'not-a-token')).s).toBe(401);
  });

  it('returns the sync snapshot as the response, with users, and pushes props afterwards', async () => {
    const ws = await open(fake.tradingWsUrl, login.accessToken);
    const res = await ws.send('user/syncrequest', { users: [login.userId] });
    expect(res.s).toBe(200);
    expect(res.d.users).toEqual([expect.objectContaining({ id: login.userId, name: 'jt.trader' })]);
    expect(res.d.accounts.map((a: { name: string }) => a.name)).toEqual(['DEMO1234567', 'DEMO7654321']);
    expect(res.d.cashBalances).toHaveLength(2);
    expect(res.d.contractGroups).toBeDefined();
    const narrow = await ws.send('user/syncrequest', { accounts: [res.d.accounts[1].id], entityTypes: ['account', 'position'] });
    expect(narrow.d.accounts).toHaveLength(1);
    expect(narrow.d.cashBalances).toBeUndefined();
  });

  it('answers REST-style requests over the trading socket with query and body lines', async () => {
    const ws = await open(fake.tradingWsUrl, login.accessToken);
    const mnq = fake.frontContract('MNQ');
    expect((await ws.send('contract/find', undefined, '', `name=${mnq}`)).d.name).toBe(mnq);
    expect((await ws.send('Account/List')).d).toHaveLength(2);
    ws.sendRaw(`account/list\n77\n\n\n`);
    await ws.until(() => ws.responses().find((r) => r.i === 77));
    expect((await ws.send('order/placeorder', undefined, "{'symbol':'X'}")).s).toBe(400);
    expect((await ws.send('order/placeorder', undefined, '', '{"symbol":"MNQZ6"}')).s).toBe(400);
  });

  it('sends "h" when idle, and stops when scripted', async () => {
    const ws = await open(fake.tradingWsUrl, login.accessToken);
    await ws.until(() => ws.frames.filter((f) => f === 'h').length >= 2, 1000, 'server heartbeats');
    fake.faults.stopHeartbeats();
    await new Promise((r) => setTimeout(r, 150));
    const count = ws.frames.filter((f) => f === 'h').length;
    await new Promise((r) => setTimeout(r, 250));
    expect(ws.frames.filter((f) => f === 'h').length).toBe(count);
  });

  it('drops a socket whose client stops sending [] heartbeats, and one never authorized', async () => {
    const ws = await open(fake.tradingWsUrl, login.accessToken);
    const idle = await open(fake.tradingWsUrl);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.sockets()[0].heartbeatsReceived).toBeGreaterThan(0);
    ws.stopHeartbeats();
    expect((await ws.closed).reason).toBe('No heartbeat');
    expect((await idle.closed).reason).toBe('Not authorized');
  });

  it('sends a shutdown event then a close frame', async () => {
    const ws = await open(fake.tradingWsUrl, login.accessToken);
    expect(fake.faults.shutdown({ reasonCode: 'Maintenance', reason: 'Weekly maintenance' })).toBe(1);
    await ws.closed;
    expect(ws.events('shutdown')).toEqual([{ e: 'shutdown', d: { reasonCode: 'Maintenance', reason: 'Weekly maintenance' } }]);
    expect(ws.frames[ws.frames.length - 1]).toBe('c[1000,"Maintenance"]');
  });

  it('drops sockets abruptly; a new connection must authorize and subscribe again', async () => {
    const ws = await open(fake.tradingWsUrl, login.accessToken);
    await ws.send('user/syncrequest', { users: [login.userId] });
    fake.faults.dropSockets();
    expect((await ws.closed).code).toBe(1006);
    const again = await open(fake.tradingWsUrl, login.accessToken);
    expect(fake.sockets()[1]).toEqual(expect.objectContaining({ open: true, authorized: true, syncSubscribed: false }));
    expect((await again.send('account/list')).s).toBe(200);
  });

  it('delays responses when slow, answers 429 and penalties over the socket', async () => {
    const ws = await open(fake.tradingWsUrl, login.accessToken);
    fake.faults.slow(150, { endpoint: 'account/list' });
    const started = Date.now();
    await ws.send('account/list');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    fake.faults.clear();
    fake.faults.rateLimit(1);
    expect(await ws.send('account/list')).toEqual({ s: 429, i: expect.any(Number) });
    fake.faults.penalty({ endpoint: 'order/modifyorder', pTime: 5 });
    expect((await ws.send('order/modifyOrder', { orderId: 1 })).d).toEqual({ 'p-ticket': expect.any(String), 'p-time': 5, 'p-captcha': false });
  });

  it('can lose the answer to a request it still carries out', async () => {
    const ws = await open(fake.tradingWsUrl, login.accessToken);
    const sync = await ws.send('user/syncrequest', { users: [login.userId] });
    const mnq = fake.frontContract('MNQ');
    fake.setQuote(mnq, { bid: 100, ask: 100.25 });
    fake.faults.stopResponding({ endpoint: 'order/placeorder', process: true });
    await expect(ws.send('order/placeorder', { accountId: sync.d.accounts[0].id, symbol: mnq, action: 'Buy', orderQty: 1, orderType: 'Market', clOrdId: 'lost-1' }, undefined, '', 300)).rejects.toThrow(/timed out/);
    expect(ws.props().some((p) => p.entityType === 'fill')).toBe(true);
    expect(fake.state.demo.orders('DEMO1234567')[0]).toEqual(expect.objectContaining({ clOrdId: 'lost-1', ordStatus: 'Filled' }));
  });

  it('keeps an authorized socket working after its token expires, but refuses a new authorize', async () => {
    const ws = await open(fake.tradingWsUrl, login.accessToken);
    fake.faults.expireTokens();
    expect((await ws.send('account/list')).s).toBe(200);
    const fresh = await open(fake.tradingWsUrl);
    expect((await fresh.send('authorize', undefined, login.accessToken)).s).toBe(401);
  });

  it('sends props in the array forms when scripted', async () => {
    const ws = await open(fake.tradingWsUrl, login.accessToken);
    const sync = await ws.send('user/syncrequest', { users: [login.userId] });
    const mnq = fake.frontContract('MNQ');
    fake.setQuote(mnq, { bid: 100, ask: 100.25 });
    fake.faults.propsForm('arrayD');
    await ws.send('order/placeorder', { accountId: sync.d.accounts[0].id, symbol: mnq, action: 'Buy', orderQty: 1, orderType: 'Market', isAutomated: true });
    await ws.until(() => ws.props().some((p) => p.entityType === 'position'));
    expect(Array.isArray(ws.events('props')[0].d)).toBe(true);
    fake.faults.propsForm('arrayEntity');
    await ws.send('order/placeorder', { accountId: sync.d.accounts[0].id, symbol: mnq, action: 'Sell', orderQty: 1, orderType: 'Market', isAutomated: true });
    await ws.until(() => ws.props().some((p) => p.entityType === 'fillPair'));
    expect(Array.isArray(ws.events('props').at(-1)?.d.entity)).toBe(true);
  });

  it('evicts the oldest session on a third login and shuts its socket down', async () => {
    const ws = await open(fake.tradingWsUrl, login.accessToken);
    await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: creds });
    await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: creds });
    await ws.closed;
    expect(ws.events('shutdown')[0].d.reasonCode).toBe('ConnectionQuotaReached');
    expect((await rest(`${fake.restBase}/account/list`, { token: login.accessToken })).status).toBe(401);
    expect(fake.sessionCount('jt.trader')).toBe(3);
  });

  describe('market data socket', () => {
    it('subscribes to quotes by name or id, sends the current quote, then changed entries', async () => {
      const mnq = fake.frontContract('MNQ');
      const contractId = fake.contract(mnq).id;
      fake.setQuote(mnq, { bid: 21000, ask: 21000.25, last: 21000 });
      const md = await open(fake.mdWsUrl, login.mdAccessToken);
      const res = await md.send('md/subscribeQuote', { symbol: mnq });
      expect(res.d).toEqual({ mode: 'RealTime', subscriptionId: expect.any(Number) });
      await md.until(() => md.events('md').length === 1);
      expect(md.events('md')[0].d.quotes[0]).toEqual(
        expect.objectContaining({ contractId, timestamp: expect.any(String), entries: expect.objectContaining({ Bid: { price: 21000, size: 10 }, Offer: { price: 21000.25, size: 10 }, Trade: { price: 21000, size: 1 } }) }),
      );
      fake.setQuote(mnq, { bid: 21001 });
      await md.until(() => md.events('md').length === 2);
      expect(md.events('md')[1].d.quotes[0].entries).toEqual({ Bid: { price: 21001, size: 10 } });
      await md.send('md/unsubscribeQuote', { symbol: contractId });
      fake.setQuote(mnq, { bid: 21002 });
      await new Promise((r) => setTimeout(r, 50));
      expect(md.events('md')).toHaveLength(2);
    });

    it('accepts the plain access token too, at /md/websocket as well; answers getChart and DOM', async () => {
      const md = await open(fake.mdWsUrl.replace('/md/v1/', '/md/'), login.accessToken);
      const chart = await md.send('md/getchart', { symbol: fake.frontContract('ES'), chartDescription: { underlyingType: 'MinuteBar', elementSize: 1, elementSizeUnit: 'UnderlyingUnits' }, timeRange: { asMuchAsElements: 10 } });
      expect(chart.d).toEqual({ historicalId: expect.any(Number), realtimeId: expect.any(Number) });
      await md.until(() => md.events('chart').some((e) => e.d.charts[0].eoh === true));
      expect((await md.send('md/cancelChart', { subscriptionId: chart.d.realtimeId })).s).toBe(200);
      await md.send('md/subscribeDOM', { symbol: fake.frontContract('ES') });
      fake.setQuote(fake.frontContract('ES'), { bid: 6000, ask: 6000.25 });
      await md.until(() => md.events('md').some((e) => e.d.doms));
    });

    it('denies market data to a user without the entitlement', async () => {
      await fake.close();
      fake = await startFakeTradovate({ users: [{ name: 'u', password: 'p', cid: 1, sec: 's', marketData: false, demoAccounts: [{ name: 'DEMO1' }] }] });
      const token = (await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: { name: 'u', password: 'p', cid: 1, sec: 's' } })).body.mdAccessToken;
      const md = await open(fake.mdWsUrl);
      expect(await md.send('authorize', undefined, token)).toEqual({ s: 401, i: 1, d: 'Access is denied' });
    });
  });
});
