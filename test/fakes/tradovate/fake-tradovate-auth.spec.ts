import { FakeTradovate, startFakeTradovate } from './fake-tradovate-server';
import { rest } from './fake-wire-clients';

const creds = { name: 'jt.trader', password: 'fake-password', appId: 'JustTrades', appVersion: '1.0', cid: 8, sec: 'fake-api-secret-0123456789abcdef', deviceId: 'dev-1' };

describe('fake Tradovate: authentication (reference §2, §3)', () => {
  let fake: FakeTradovate;
  beforeEach(async () => {
    fake = await startFakeTradovate();
  });
  afterEach(() => fake.close());

  it('answers a good login with both tokens, expiry, user id and name', async () => {
    const res = await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: creds });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({ accessToken: expect.any(String), mdAccessToken: expect.any(String), userId: 100001, name: 'jt.trader', userStatus: 'Active', hasLive: true }),
    );
    expect(Date.parse(res.body.expirationTime) - Date.now()).toBeGreaterThan(89 * 60 * 1000);
  });

  it('accepts cid as a numeric string and paths in any case', async () => {
    const res = await rest(`${fake.restBase.replace('/v1', '/V1')}/Auth/AccessTokenRequest`, { body: { ...creds, cid: '8' } });
    expect(res.body.accessToken).toEqual(expect.any(String));
  });

  it('answers bad credentials with HTTP 200 and errorText, no token', async () => {
    const res = await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: { ...creds, password: 'wrong' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ errorText: expect.stringContaining('Incorrect username or password') });
  });

  it('plays a scripted login errorText once', async () => {
    fake.faults.loginErrorText('Account locked');
    expect((await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: creds })).body).toEqual({ errorText: 'Account locked' });
    expect((await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: creds })).body.accessToken).toBeDefined();
  });

  it('penalizes with a p-ticket and processes the identical retry carrying it after p-time', async () => {
    fake.faults.penalty({ pTime: 0.2 });
    const first = await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: creds });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ 'p-ticket': expect.any(String), 'p-time': 1, 'p-captcha': false });
    const early = await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: { ...creds, 'p-ticket': first.body['p-ticket'] } });
    expect(early.body['p-ticket']).toBe(first.body['p-ticket']);
    await new Promise((r) => setTimeout(r, 250));
    const retry = await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: { ...creds, 'p-ticket': first.body['p-ticket'] } });
    expect(retry.body.accessToken).toEqual(expect.any(String));
  });

  it('keeps refusing under a captcha penalty', async () => {
    fake.faults.penalty({ pTime: 0, captcha: true });
    const first = await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: creds });
    expect(first.body['p-captcha']).toBe(true);
    const retry = await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: { ...creds, 'p-ticket': first.body['p-ticket'] } });
    expect(retry.body['p-captcha']).toBe(true);
    expect(retry.body.accessToken).toBeUndefined();
  });

  it('requires a bearer token; renews in the same session; expired tokens get 401', async () => {
    expect((await rest(`${fake.restBase}/account/list`)).status).toBe(401);
    const login = (await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: creds })).body;
    const renewed = await rest(`${fake.restBase}/auth/renewaccesstoken`, { token: login.accessToken });
    expect(renewed.body.accessToken).not.toBe(login.accessToken);
    expect(renewed.body.mdAccessToken).toBeUndefined();
    expect(fake.sessionCount('jt.trader')).toBe(1);
    expect((await rest(`${fake.restBase}/account/list`, { token: renewed.body.accessToken })).status).toBe(200);
    fake.faults.expireTokens();
    expect((await rest(`${fake.restBase}/account/list`, { token: renewed.body.accessToken })).status).toBe(401);
  });

  it('answers 429 with an empty body while rate-limited', async () => {
    fake.faults.rateLimit(1);
    const limited = await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: creds });
    expect(limited.status).toBe(429);
    expect(limited.text).toBe('');
    expect((await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: creds })).status).toBe(200);
  });

  it('keeps demo and live tokens apart; a demo-only user has no live accounts', async () => {
    const demo = (await rest(`${fake.restBase}/auth/accesstokenrequest`, { body: creds })).body;
    expect((await rest(`${fake.liveRestBase}/account/list`, { token: demo.accessToken })).status).toBe(401);
    const live = (await rest(`${fake.liveRestBase}/auth/accesstokenrequest`, { body: creds })).body;
    expect((await rest(`${fake.liveRestBase}/account/list`, { token: live.accessToken })).body.map((a: { name: string }) => a.name)).toEqual(['LIVE1234567']);
    const demoOnly = (await rest(`${fake.liveRestBase}/auth/accesstokenrequest`, { body: { ...creds, name: 'jt.demoonly' } })).body;
    expect(demoOnly.hasLive).toBe(false);
    expect((await rest(`${fake.liveRestBase}/account/list`, { token: demoOnly.accessToken })).body).toEqual([]);
  });

  it('exchanges an OAuth code (form-encoded, no /v1) and a refresh token', async () => {
    const redirect = await rest(`${fake.oauthAuthorizeUrl}?response_type=code&client_id=fake-oauth-client&redirect_uri=${encodeURIComponent('http://localhost/cb')}`);
    expect(redirect.status).toBe(302);
    const code = new URL(String(redirect.headers.location)).searchParams.get('code') as string;
    const base = fake.restBase.replace('/v1', '');
    const client = { client_id: 'fake-oauth-client', client_secret: 'fake-oauth-secret', redirect_uri: 'http://localhost/cb' };
    const token = await rest(`${base}/auth/oauthtoken`, { form: true, body: { grant_type: 'authorization_code', code, ...client } });
    expect(token.body).toEqual(expect.objectContaining({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 5400, refresh_token: expect.any(String) }));
    const reused = await rest(`${fake.restBase}/auth/oauthtoken`, { body: { grant_type: 'authorization_code', code, ...client } });
    expect(reused.body.error).toBe('invalid_grant');
    expect((await rest(`${fake.restBase}/auth/me`, { token: token.body.access_token })).body.name).toBe('jt.trader');
    const refreshed = await rest(`${fake.restBase}/auth/oauthtoken`, { body: { grant_type: 'refresh_token', refresh_token: token.body.refresh_token, ...client } });
    expect(refreshed.body.access_token).toEqual(expect.any(String));
  });

  it('logs every call with its endpoint and body', async () => {
    await rest(`${fake.restBase}/Auth/AccessTokenRequest`, { body: creds });
    expect(fake.requestsTo('auth/accesstokenrequest')).toEqual([expect.objectContaining({ transport: 'rest', method: 'POST', path: '/v1/Auth/AccessTokenRequest', body: creds, status: 200 })]);
  });
});
