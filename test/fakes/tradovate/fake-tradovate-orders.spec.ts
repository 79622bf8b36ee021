import { FakeTradovate, startFakeTradovate } from './fake-tradovate-server';
import { rest, WireSocket } from './fake-wire-clients';

const creds = { name: 'jt.trader', password: 'fake-password', appId: 'JustTrades', cid: 8, sec: 'fake-api-secret-0123456789abcdef' };
const seq = (ws: WireSocket, from = 0) => ws.props().slice(from).map((p) => `${p.entityType} ${p.eventType}${p.entity.ordStatus ? ` ${p.entity.ordStatus}` : ''}`);

describe('fake Tradovate: orders, fills and positions (reference §6, §6.6)', () => {
  let fake: FakeTradovate;
  let token: string;
  let ws: WireSocket;
  let accountId: number;
  let mnq: string;

  beforeEach(async () => {
    fake = await startFakeTradovate();
    mnq = fake.frontContract('MNQ');
    token = (await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: creds })).body.accessToken;
    ws = await WireSocket.authorized(fake.tradingWsUrl, token);
    const sync = await ws.send('user/syncrequest', { users: [100001] });
    accountId = sync.d.accounts.find((a: { name: string }) => a.name === 'DEMO1234567').id;
    fake.setQuote(mnq, { bid: 21000, ask: 21000.25, last: 21000 });
  });
  afterEach(async () => {
    ws.close();
    await fake.close();
  });

  const place = (body: object) => ws.send('order/placeorder', { accountSpec: 'DEMO1234567', accountId, symbol: mnq, isAutomated: true, ...body });

  it('fills a market buy at the ask with the §6.6 event sequence and a position', async () => {
    const res = await place({ action: 'Buy', orderQty: 2, orderType: 'Market', clOrdId: 'jt-1' });
    expect(res).toEqual({ s: 200, i: expect.any(Number), d: { orderId: expect.any(Number) } });
    await ws.until(() => ws.props().some((p) => p.entityType === 'position'), 2000, 'position event');
    expect(seq(ws)).toEqual([
      'order Created PendingNew',
      'command Created',
      'orderVersion Created',
      'commandReport Created PendingNew',
      'commandReport Created Working',
      'executionReport Created Working',
      'order Updated Working',
      'executionReport Created Filled',
      'fill Created',
      'order Updated Filled',
      'position Created',
    ]);
    const command = ws.props().find((p) => p.entityType === 'command')?.entity;
    expect(command).toEqual(expect.objectContaining({ orderId: res.d.orderId, clOrdId: 'jt-1', commandType: 'New', isAutomated: true }));
    const trade = ws.props().find((p) => p.entity.execType === 'Trade')?.entity;
    expect(trade).toEqual(expect.objectContaining({ cumQty: 2, avgPx: 21000.25, lastQty: 2, lastPx: 21000.25, ordStatus: 'Filled' }));
    expect(ws.props().find((p) => p.entityType === 'position')?.entity).toEqual(
      expect.objectContaining({ accountId, netPos: 2, netPrice: 21000.25, bought: 2, boughtValue: 42000.5, sold: 0, soldValue: 0 }),
    );
    expect(fake.requestsTo('order/placeorder')[0].body).toEqual(expect.objectContaining({ isAutomated: true }));
  });

  it('closes a position: fill pair and realized P&L on the cash balance', async () => {
    await place({ action: 'Buy', orderQty: 1, orderType: 'Market' });
    fake.setQuote(mnq, { bid: 21010, ask: 21010.25 });
    const start = ws.props().length;
    await place({ action: 'Sell', orderQty: 1, orderType: 'Market' });
    await ws.until(() => ws.props().slice(start).some((p) => p.entityType === 'cashBalance'), 2000, 'cash balance');
    const after = ws.props().slice(start);
    expect(after.find((p) => p.entityType === 'position')?.entity).toEqual(expect.objectContaining({ netPos: 0, bought: 1, sold: 1 }));
    expect(after.find((p) => p.entityType === 'position')?.entity.netPrice).toBeUndefined();
    expect(after.find((p) => p.entityType === 'fillPair')?.entity).toEqual(expect.objectContaining({ qty: 1, buyPrice: 21000.25, sellPrice: 21010 }));
    // 9.75 points x $2
    expect(after.find((p) => p.entityType === 'cashBalance')?.entity).toEqual(expect.objectContaining({ amount: 50019.5, realizedPnL: 19.5 }));
    const snap = await ws.send('cashBalance/getCashBalanceSnapshot', { accountId });
    expect(snap.d).toEqual(expect.objectContaining({ totalCashValue: 50019.5, realizedPnL: 19.5, openPnL: 0 }));
  });

  it('rejects with failureReason on HTTP 200 (sync) and with RiskRejected events (async)', async () => {
    fake.faults.rejectNextOrder('MaxPosLimitReached', 'Max position reached');
    const sync = await place({ action: 'Buy', orderQty: 1, orderType: 'Market' });
    expect(sync.d).toEqual({ failureReason: 'MaxPosLimitReached', failureText: 'Max position reached' });
    fake.faults.rejectNextOrder('TradingLocked', 'Locked', { mode: 'async' });
    const async = await place({ action: 'Buy', orderQty: 1, orderType: 'Market' });
    expect(async.d.orderId).toEqual(expect.any(Number));
    await ws.until(() => ws.props().some((p) => p.entity.ordStatus === 'Rejected' && p.entityType === 'order'), 2000, 'rejected');
    expect(seq(ws)).toEqual(['order Created PendingNew', 'command Created', 'orderVersion Created', 'commandReport Created Rejected', 'order Updated Rejected']);
    expect(ws.props().find((p) => p.entityType === 'commandReport')?.entity).toEqual(expect.objectContaining({ commandStatus: 'RiskRejected', rejectReason: 'TradingLocked', text: 'Locked' }));
  });

  it('answers an unknown symbol with "Access is denied" and a missing account with a violation', async () => {
    expect((await place({ symbol: 'E6H9', action: 'Buy', orderQty: 1, orderType: 'Market' })).d).toEqual({ failureReason: 'UnknownReason', failureText: 'Access is denied' });
    const res = await ws.send('order/placeorder', { symbol: mnq, action: 'Buy', orderQty: 1, orderType: 'Market' });
    expect(res.d.violations).toHaveLength(1);
  });

  it('rests a limit order until a quote crosses it, then fills at the limit', async () => {
    const res = await place({ action: 'Buy', orderQty: 1, orderType: 'Limit', price: 20990 });
    await ws.until(() => ws.props().some((p) => p.entity.ordStatus === 'Working' && p.entityType === 'order'));
    expect(fake.state.demo.position('DEMO1234567', mnq)).toBeUndefined();
    fake.setQuote(mnq, { bid: 20985, ask: 20989.5 });
    await ws.until(() => ws.props().some((p) => p.entityType === 'position'), 2000, 'fill on quote');
    expect(ws.props().find((p) => p.entityType === 'fill')?.entity).toEqual(expect.objectContaining({ orderId: res.d.orderId, price: 20990, qty: 1 }));
  });

  it('triggers a sell stop when the bid falls to it', async () => {
    await place({ action: 'Sell', orderQty: 1, orderType: 'Stop', stopPrice: 20950 });
    fake.setQuote(mnq, { bid: 20960, ask: 20960.25 });
    expect(fake.state.demo.position('DEMO1234567', mnq)).toBeUndefined();
    fake.setQuote(mnq, { bid: 20949.75, ask: 20950 });
    await ws.until(() => ws.props().some((p) => p.entityType === 'fill'), 2000, 'stop fill');
    expect(fake.state.demo.position('DEMO1234567', mnq)?.netPos).toBe(-1);
  });

  it('cancels a working order: command Cancel, executionReport Canceled, order Canceled', async () => {
    const placed = await place({ action: 'Buy', orderQty: 1, orderType: 'Limit', price: 20000 });
    await ws.until(() => ws.props().some((p) => p.entity.ordStatus === 'Working'));
    const start = ws.props().length;
    const res = await ws.send('order/cancelorder', { orderId: placed.d.orderId, isAutomated: true });
    expect(res.d).toEqual({ commandId: expect.any(Number) });
    await ws.until(() => ws.props().slice(start).some((p) => p.entityType === 'order'));
    expect(seq(ws, start)).toEqual(['command Created', 'executionReport Created Canceled', 'order Updated Canceled']);
    expect(ws.props()[start].entity.commandType).toBe('Cancel');
    expect((await ws.send('order/cancelorder', { orderId: placed.d.orderId })).d.failureReason).toBe('TooLate');
  });

  it('modifies a working order into a marketable price and fills', async () => {
    const placed = await place({ action: 'Buy', orderQty: 1, orderType: 'Limit', price: 20000 });
    const res = await ws.send('order/modifyorder', { orderId: placed.d.orderId, orderQty: 1, orderType: 'Limit', price: 21000.25, isAutomated: true });
    expect(res.d.commandId).toEqual(expect.any(Number));
    await ws.until(() => ws.props().some((p) => p.entityType === 'fill'), 2000, 'fill after modify');
    expect(ws.props().some((p) => p.entity.execType === 'Replaced')).toBe(true);
  });

  it('liquidates: cancels working orders on the contract and closes the position', async () => {
    await place({ action: 'Sell', orderQty: 3, orderType: 'Market' });
    await place({ action: 'Sell', orderQty: 1, orderType: 'Limit', price: 22000 });
    const contractId = fake.contract(mnq).id;
    const res = await rest(`${fake.restBase}/order/liquidatePosition`, { token, body: { accountId, contractId, admin: false } });
    expect(res.body.orderId).toEqual(expect.any(Number));
    expect(fake.state.demo.position('DEMO1234567', mnq)?.netPos).toBe(0);
    expect(fake.state.demo.orders('DEMO1234567').map((o) => o.ordStatus).sort()).toEqual(['Canceled', 'Filled', 'Filled']);
    expect((await rest(`${fake.restBase}/order/liquidateposition`, { token, body: { accountId, contractId, admin: false } })).body.failureReason).toBeDefined();
  });

  it('places an OSO: brackets wait, work after the entry fills, one fill cancels the other', async () => {
    const oso = await ws.send('order/placeoso', { accountId, symbol: mnq, isAutomated: true, action: 'Buy', orderQty: 1, orderType: 'Limit', price: 20990, bracket1: { action: 'Sell', orderType: 'Limit', price: 21050 }, bracket2: { action: 'Sell', orderType: 'Stop', stopPrice: 20950 } });
    expect(oso.d).toEqual({ orderId: expect.any(Number), oso1Id: expect.any(Number), oso2Id: expect.any(Number) });
    expect(fake.state.demo.store.get('order', oso.d.oso1Id)?.ordStatus).toBe('Suspended');
    fake.setQuote(mnq, { bid: 20985, ask: 20989 });
    await ws.until(() => fake.state.demo.store.get('order', oso.d.oso1Id)?.ordStatus === 'Working');
    fake.setQuote(mnq, { bid: 21050, ask: 21050.25 });
    await ws.until(() => fake.state.demo.store.get('order', oso.d.oso2Id)?.ordStatus === 'Canceled', 2000, 'oco cancel');
    expect(fake.state.demo.store.get('order', oso.d.oso1Id)?.ordStatus).toBe('Filled');
  });

  it('splits a fill into partial executions when scripted', async () => {
    fake.faults.splitNextFill([1, 1]);
    await place({ action: 'Buy', orderQty: 3, orderType: 'Market' });
    await ws.until(() => ws.props().filter((p) => p.entityType === 'fill').length === 3, 2000, 'three fills');
    const trades = ws.props().filter((p) => p.entity.execType === 'Trade').map((p) => [p.entity.ordStatus, p.entity.cumQty]);
    expect(trades).toEqual([['Working', 1], ['Working', 2], ['Filled', 3]]);
  });

  it('answers position, order and entity lookups over REST', async () => {
    await place({ action: 'Buy', orderQty: 1, orderType: 'Market' });
    const positions = await rest(`${fake.restBase}/position/deps?masterid=${accountId}`, { token });
    expect(positions.body).toEqual([expect.objectContaining({ netPos: 1 })]);
    expect((await rest(`${fake.restBase}/Order/List`, { token })).body).toHaveLength(1);
    const contract = (await rest(`${fake.restBase}/contract/find?name=${mnq}`, { token })).body;
    expect(contract).toEqual(expect.objectContaining({ name: mnq, contractMaturityId: expect.any(Number) }));
    const maturity = (await rest(`${fake.restBase}/contractMaturity/item?id=${contract.contractMaturityId}`, { token })).body;
    const product = (await rest(`${fake.restBase}/product/item?id=${maturity.productId}`, { token })).body;
    expect(product).toEqual(expect.objectContaining({ name: 'MNQ', tickSize: 0.25, valuePerPoint: 2 }));
    expect((await rest(`${fake.restBase}/product/find?name=ES`, { token })).body.valuePerPoint).toBe(50);
    expect((await rest(`${fake.restBase}/contract/suggest?t=MNQ&l=2`, { token })).body[0].name).toBe(mnq);
    expect((await rest(`${fake.restBase}/contract/find?name=E6H9`, { token })).status).toBe(404);
    expect((await rest(`${fake.restBase}/userPlugin/list`, { token })).body[0].pluginName).toBe('TradingView');
    expect((await rest(`${fake.restBase}/userPlugin/pluginIsEntitled`, { token, body: { entitlementName: 'TradingView' } })).body.entitlementSubscription).toBeDefined();
  });
});
