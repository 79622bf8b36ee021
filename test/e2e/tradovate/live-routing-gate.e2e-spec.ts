import { DEFAULT_USERS } from '../../fakes/tradovate/fake-seed';
import { FakeTradovate } from '../../fakes/tradovate/fake-tradovate-server';
import { aRecorder, aTrader, positionsOf, sendAlert, signalOf } from '../../support/builders';
import { TestApp } from '../../support/test-app';
import { aTradovateAccount, eventually, settledAccount, startAppWithFake } from './tradovate-support';

type Routing = { enabled: boolean | null; checkedAt: string | null; blocksEntries: boolean; warning: string | null; acknowledgedBy: string | null; acknowledgedAt: string | null };

/** The default user without the TradingView plugin: Tradovate reports routing off for it. */
const WITHOUT_TRADINGVIEW = [{ ...DEFAULT_USERS[0], plugins: [] }];

describe('TradingView routing holds back entries on a live Tradovate account', () => {
  let t: TestApp;
  let fake: FakeTradovate;
  let mnq: string;
  beforeEach(async () => {
    ({ t, fake } = await startAppWithFake({ users: WITHOUT_TRADINGVIEW }));
    mnq = fake.frontContract('MNQ');
    fake.setQuote(mnq, { bid: 21000, ask: 21000.25, last: 21000.25 });
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  async function tradedAccount(environment: 'live' | 'demo') {
    const account = await aTradovateAccount(t, { environment });
    expect(await settledAccount(t, account.id)).toMatchObject({ status: 'connected' });
    const recorder = await aRecorder(t, { quantity: 1 });
    await aTrader(t, recorder.id, account.id);
    return { account, recorder };
  }

  const routingOf = async (id: string) => ((await t.api.get(`/api/accounts/${id}`).expect(200)).body as { tradingViewRouting: Routing }).tradingViewRouting;
  const venueNetPos = (env: 'live' | 'demo', name: string) => fake.state[env].position(name, mnq)?.netPos ?? 0;

  async function opened(accountId: string, netPos: number) {
    return eventually(async () => {
      const [row] = await positionsOf(t, accountId);
      if (row?.netPos !== netPos) throw new Error(`position ${row?.netPos ?? 0}, waiting for ${netPos}`);
      return row;
    });
  }

  it('live + routing off: the buy is refused before any order leaves, and the timeline says why', async () => {
    const { account, recorder } = await tradedAccount('live');
    const res = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    const signal = await eventually(async () => {
      const s = await signalOf(t, res.body.signalId);
      if (!s.timeline.some((e) => e.accountId === account.id && e.step === 'blocked')) throw new Error('not decided yet');
      return s;
    });
    const blocked = signal.timeline.find((e) => e.accountId === account.id && e.step === 'blocked')!;
    expect(blocked.detail).toMatch(/TradingView routing is not enabled on live Tradovate account/);
    expect(blocked.detail).toContain(`/accounts/${account.id}/credentials`);
    expect(fake.requestsTo('order/placeorder')).toHaveLength(0);
    expect(venueNetPos('live', 'LIVE1234567')).toBe(0);
    expect(await positionsOf(t, account.id)).toEqual([]);
    expect(await routingOf(account.id)).toMatchObject({ enabled: false, blocksEntries: true, acknowledgedAt: null });
    expect((await t.api.get('/accounts').expect(200)).text).toContain('entries held: TradingView routing off');

    // a later check that cannot reach Tradovate does not erase the "not enabled" it said before
    fake.faults.httpError('userPlugin/pluginisentitled', 500, 'Internal server error', 1000);
    fake.faults.httpError('userPlugin/list', 500, 'Internal server error', 1000);
    expect((await t.api.get(`/api/accounts/${account.id}/check-tradingview-routing?refresh=1`).expect(200)).body).toMatchObject({ enabled: null });
    expect(await routingOf(account.id)).toMatchObject({ blocksEntries: true });
    const again = await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.50' }).expect(200);
    await eventually(async () => expect((await signalOf(t, again.body.signalId)).timeline.map((e) => e.step)).toContain('blocked'));
    expect(fake.requestsTo('order/placeorder')).toHaveLength(0);
  });

  it('live + routing off + acknowledged on the credentials page: trades; the page shows who and when; withdrawing holds entries again but never the close', async () => {
    const { account, recorder } = await tradedAccount('live');
    const before = await t.api.get(`/accounts/${account.id}/credentials`).expect(200);
    expect(before.text).toContain('not enabled: new entries are held');
    expect(before.text).toContain(`action="/accounts/${account.id}/routing-acknowledgement"`);

    await t.api.post(`/accounts/${account.id}/routing-acknowledgement`).type('form').send({ acknowledgedBy: '  ' }).expect(400);
    expect((await routingOf(account.id)).acknowledgedAt).toBeNull();
    await t.api.post(`/accounts/${account.id}/routing-acknowledgement`).type('form').send({ acknowledgedBy: 'Dana Trader' }).expect(303);
    const page = await t.api.get(`/accounts/${account.id}/credentials`).expect(200);
    expect(page.text).toContain('acknowledged by <strong>Dana Trader</strong>');
    expect(page.text).toContain('Withdraw the acknowledgement');
    expect(await routingOf(account.id)).toMatchObject({ enabled: false, blocksEntries: false, acknowledgedBy: 'Dana Trader' });

    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    expect(await opened(account.id, 1)).toMatchObject({ contract: mnq, side: 'LONG' });
    expect(venueNetPos('live', 'LIVE1234567')).toBe(1);

    await t.api.post(`/accounts/${account.id}/routing-acknowledgement/withdraw`).expect(303);
    expect(await routingOf(account.id)).toMatchObject({ blocksEntries: true, acknowledgedBy: null, acknowledgedAt: null });
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close', price: '21000.25' }).expect(200);
    await eventually(async () => expect(await positionsOf(t, account.id)).toEqual([]));
    expect(venueNetPos('live', 'LIVE1234567')).toBe(0);
  });

  it('the API acknowledges and withdraws too, and refuses a demo account or a missing name', async () => {
    const live = await aTradovateAccount(t, { environment: 'live' });
    await settledAccount(t, live.id);
    const missing = await t.api.post(`/api/accounts/${live.id}/tradingview-routing/acknowledgement`, {}).expect(400);
    expect(JSON.stringify(missing.body)).toContain('acknowledgedBy');
    const acked = await t.api.post(`/api/accounts/${live.id}/tradingview-routing/acknowledgement`, { acknowledgedBy: 'api user' }).expect(200);
    expect(acked.body).toMatchObject({ enabled: false, blocksEntries: false, acknowledgedBy: 'api user' });
    const withdrawn = await t.api.delete(`/api/accounts/${live.id}/tradingview-routing/acknowledgement`).expect(200);
    expect(withdrawn.body).toMatchObject({ blocksEntries: true, acknowledgedBy: null });
    const check = await t.api.get(`/api/accounts/${live.id}/check-tradingview-routing`).expect(200);
    expect(check.body).toMatchObject({ enabled: false, source: 'pluginisentitled', blocksEntries: true });

    const demo = await aTradovateAccount(t, { environment: 'demo' });
    const refused = await t.api.post(`/api/accounts/${demo.id}/tradingview-routing/acknowledgement`, { acknowledgedBy: 'api user' }).expect(400);
    expect(refused.body.message).toMatch(/not a live Tradovate account/);
  });

  it('demo + routing off: trades (demo accounts are never held back)', async () => {
    const { account, recorder } = await tradedAccount('demo');
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    expect(await opened(account.id, 1)).toMatchObject({ side: 'LONG' });
    expect(venueNetPos('demo', 'DEMO1234567')).toBe(1);
    expect(await routingOf(account.id)).toMatchObject({ enabled: false, blocksEntries: false });
  });

  it('live + routing unknown (Tradovate cannot answer): trades, and the API and the page show a warning', async () => {
    fake.faults.httpError('userPlugin/pluginisentitled', 500, 'Internal server error', 1000);
    fake.faults.httpError('userPlugin/list', 500, 'Internal server error', 1000);
    const { account, recorder } = await tradedAccount('live');
    // checked on connect; the entry itself asks Tradovate nothing
    await eventually(async () => expect((await routingOf(account.id)).checkedAt).not.toBeNull());
    const asked = fake.requestsTo('userplugin/pluginisentitled').length;
    await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.25' }).expect(200);
    expect(await opened(account.id, 1)).toMatchObject({ side: 'LONG' });
    expect(venueNetPos('live', 'LIVE1234567')).toBe(1);
    expect(fake.requestsTo('userplugin/pluginisentitled')).toHaveLength(asked);
    const routing = await routingOf(account.id);
    expect(routing).toMatchObject({ enabled: null, blocksEntries: false });
    expect(routing.warning).toMatch(/could not be checked/);
    const page = await t.api.get(`/accounts/${account.id}/credentials`).expect(200);
    expect(page.text).toContain('Warning: TradingView routing could not be checked');
    expect((await t.api.get('/accounts').expect(200)).text).toContain('TradingView routing unknown');
  });
});
