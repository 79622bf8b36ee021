import axios from 'axios';
import { FakeTradovate } from '../../fakes/tradovate/fake-tradovate-server';
import { TEST_API_KEY, TestApp } from '../../support/test-app';
import { aTradovateAccount, DEMO_LOGIN, settledAccount, startAppWithFake } from './tradovate-support';

describe('Tradovate accounts API: status, credentials, routing check, OAuth', () => {
  let t: TestApp;
  let fake: FakeTradovate;
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  describe('with the default fake', () => {
    beforeEach(async () => ({ t, fake } = await startAppWithFake()));

    it('a wrong password shows as an account error, and the credentials route fixes it with a real login', async () => {
      const created = await aTradovateAccount(t, { password: 'wrong' });
      const failed = await settledAccount(t, created.id);
      expect(failed).toMatchObject({ status: 'error', lastError: expect.stringMatching(/Incorrect username or password/) });
      const fixed = await t.http.put(`/api/accounts/${created.id}/credentials`).set('Authorization', `Bearer ${TEST_API_KEY}`).send({ username: DEMO_LOGIN.username, password: DEMO_LOGIN.password }).expect(200);
      expect(fixed.body).toMatchObject({ status: 'connected', lastError: null, brokerAccountName: 'DEMO1234567' });
      expect(JSON.stringify(fixed.body)).not.toContain('fake-password');
    });

    it('a captcha penalty stops retries and says what to do', async () => {
      fake.faults.penalty({ pTime: 3600, captcha: true });
      const created = await aTradovateAccount(t);
      expect(await settledAccount(t, created.id)).toMatchObject({ status: 'error', lastError: expect.stringMatching(/captcha.*wait about an hour/i) });
      await new Promise((r) => setTimeout(r, 300));
      expect(fake.requestsTo('auth/accesstokenrequest')).toHaveLength(1);
    });

    it('the TradingView routing check reads the user plugins, is cached, and never guesses', async () => {
      const created = await aTradovateAccount(t);
      await settledAccount(t, created.id);
      const first = (await t.api.get(`/api/accounts/${created.id}/check-tradingview-routing`).expect(200)).body;
      expect(first).toMatchObject({ enabled: true, source: 'pluginisentitled', checkedAt: expect.any(String), detail: expect.stringContaining('TradingView') });
      await t.api.get(`/api/accounts/${created.id}/check-tradingview-routing`).expect(200);
      expect(fake.requestsTo('userplugin/pluginisentitled')).toHaveLength(1);

      const paper = (await t.api.post('/api/accounts', { name: 'Paper X', broker: 'paper' }).expect(201)).body;
      expect((await t.api.get(`/api/accounts/${paper.id}/check-tradingview-routing`).expect(200)).body).toMatchObject({ enabled: null, source: 'not-tradovate' });
    });
  });

  it('routing check: a user without the plugin is "not enabled"; an unreachable Tradovate is "unknown"', async () => {
    ({ t, fake } = await startAppWithFake());
    const created = await aTradovateAccount(t, { username: 'jt.demoonly' });
    await settledAccount(t, created.id);
    expect((await t.api.get(`/api/accounts/${created.id}/check-tradingview-routing`).expect(200)).body).toMatchObject({ enabled: false, source: 'pluginisentitled' });
    fake.faults.httpError('userplugin/pluginisentitled', 500);
    fake.faults.httpError('userplugin/list', 500);
    expect((await t.api.get(`/api/accounts/${created.id}/check-tradingview-routing?refresh=1`).expect(200)).body).toMatchObject({ enabled: null, source: 'unknown', detail: expect.stringMatching(/could not determine/) });
  });

  it('OAuth: connect button -> Tradovate authorize page -> callback exchanges the code and connects the account', async () => {
    ({ t, fake } = await startAppWithFake({}, {}));
    await t.close();
    const env = { TRADOVATE_OAUTH_URL: fake.oauthAuthorizeUrl, TRADOVATE_OAUTH_CLIENT_ID: fake.oauthClient.clientId, TRADOVATE_OAUTH_CLIENT_SECRET: fake.oauthClient.clientSecret };
    const { startTestApp } = await import('../../support/test-app');
    t = await startTestApp({ env: { TRADOVATE_DEMO_URL: fake.restBase, TRADOVATE_LIVE_URL: fake.liveRestBase, TRADOVATE_MD_URL: fake.mdWsUrl, ...env } });
    const created = (await t.api.post('/api/accounts', { name: 'OAuth account', broker: 'tradovate', environment: 'demo', auth: 'oauth' }).expect(201)).body;
    expect(await settledAccount(t, created.id)).toMatchObject({ status: 'error', lastError: expect.stringMatching(/OAuth/) });

    const toTradovate = await t.api.get(`/accounts/${created.id}/oauth/connect`).expect(302);
    expect(toTradovate.headers.location).toContain(fake.oauthAuthorizeUrl);
    const approved = await axios.get(toTradovate.headers.location, { maxRedirects: 0, validateStatus: () => true });
    const back = new URL(approved.headers.location as string);
    expect(back.pathname).toBe('/accounts/oauth/callback');
    const done = await t.api.get(`${back.pathname}${back.search}`).expect(302);
    expect(done.headers.location).toBe(`/accounts/${created.id}/credentials?oauth=connected`);
    expect(await settledAccount(t, created.id)).toMatchObject({ status: 'connected', brokerAccountName: 'DEMO1234567' });
    expect(fake.requestsTo('auth/oauthtoken')).toHaveLength(1);

    await t.api.get(`/accounts/oauth/callback?code=x&state=forged.state`).expect(400);
  });
});

describe('LIVE -> DEMO fallback', () => {
  it('a live account whose login is rate-limited uses a demo session for read-only data, says so, and never trades on demo', async () => {
    const { t, fake } = await startAppWithFake();
    try {
      fake.faults.rateLimit(1, { endpoint: 'auth/accesstokenrequest' });
      const created = await aTradovateAccount(t, { environment: 'live', demoFallback: true });
      const account = await settledAccount(t, created.id);
      expect(account).toMatchObject({ status: 'error', lastError: expect.stringMatching(/rate limit/i), statusDetail: expect.stringMatching(/demo session serves read-only data.*orders are NOT sent/) });
      const logins = fake.requestsTo('auth/accesstokenrequest');
      expect(logins.map((r) => r.where)).toEqual(['live', 'demo']);
      expect(fake.requestsTo('order/placeorder')).toHaveLength(0);
    } finally {
      await t.close();
      await fake.close();
    }
  });
});
