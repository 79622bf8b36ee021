import { Logger } from '@nestjs/common';
import * as fs from 'fs';
import * as path from 'path';
import { LiveUpdatesGateway } from '../../src/modules/dashboard/live-updates.gateway';
import { aTradedRecorder, positionsOf, sendAlert } from '../support/builders';
import { csrfTokenIn, logIn, sessionCookieOf } from '../support/browser-session';
import { startTestApp, TEST_ADMIN_PASSWORD, TEST_API_KEY, TestApp } from '../support/test-app';

const EVIL = 'https://evil.example';

/** Issue 10, parts 1-5: what a hostile page or a password guesser can do with the browser's session. */
describe('browser-side security', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  const origin = () => `http://${t.http.get('/').url.replace(/^http:\/\//, '').split('/')[0]}`;
  const killSwitch = async () => (await t.api.get('/api/kill-switch').expect(200)).body as { tripped: boolean };

  describe('CSRF: a change made with the session cookie alone is refused', () => {
    it('another origin of the same site (localhost:<other port>) cannot trip the kill switch, and the position stays open', async () => {
      const { account, recorder } = await aTradedRecorder(t);
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'buy', price: '21000.00' }).expect(200);
      const { cookie, csrf } = await logIn(t);
      const sameSite = await t.http
        .post('/control-center/kill-switch')
        .set('Cookie', cookie)
        .set('Origin', 'http://localhost:9999')
        .type('form')
        .send({ reason: 'csrf', _csrf: csrf });
      expect(sameSite.status).toBe(403);
      const noToken = await t.http.post('/control-center/kill-switch').set('Cookie', cookie).type('form').send({ reason: 'csrf' });
      expect(noToken.status).toBe(403);
      expect(noToken.text).toMatch(/CSRF token/);
      expect((await killSwitch()).tripped).toBe(false);
      expect(await positionsOf(t, account.id)).toEqual([expect.objectContaining({ side: 'LONG', netPos: 1 })]);
    });

    it.each(['/api/kill-switch', '/accounts', '/api/accounts'])('form-encoded POST %s from https://evil.example is 403 and changes nothing', async (url) => {
      const { cookie, csrf } = await logIn(t);
      const before = (await t.api.get('/api/accounts').expect(200)).body.length;
      const res = await t.http.post(url).set('Cookie', cookie).set('Origin', EVIL).type('form').send({ name: 'Evil', broker: 'paper', _csrf: csrf });
      expect(res.status).toBe(403);
      expect((await t.api.get('/api/accounts').expect(200)).body).toHaveLength(before);
      expect((await killSwitch()).tripped).toBe(false);
    });

    it('a foreign Referer (no Origin) is refused too, and a wrong token is refused from our own origin', async () => {
      const { cookie, csrf } = await logIn(t);
      await t.http.post('/api/kill-switch').set('Cookie', cookie).set('Referer', `${EVIL}/page`).set('X-CSRF-Token', csrf).send({}).expect(403);
      await t.http.post('/api/kill-switch').set('Cookie', cookie).set('Origin', origin()).set('X-CSRF-Token', `${csrf}x`).send({}).expect(403);
      const other = await logIn(t);
      await t.http.post('/api/kill-switch').set('Cookie', cookie).set('X-CSRF-Token', other.csrf).send({}).expect(403);
      expect((await killSwitch()).tripped).toBe(false);
    });

    it('the page form (token in the body, our Origin) trips and re-arms the kill switch', async () => {
      const { cookie, csrf } = await logIn(t);
      const tripped = await t.http.post('/control-center/kill-switch').set('Cookie', cookie).set('Origin', origin()).type('form').send({ reason: 'button', _csrf: csrf });
      expect(tripped.status).toBe(303);
      expect((await killSwitch()).tripped).toBe(true);
      await t.http.post('/control-center/rearm').set('Cookie', cookie).set('Origin', origin()).type('form').send({ _csrf: csrf }).expect(303);
      expect((await killSwitch()).tripped).toBe(false);
    });

    it('a script with the session sends the token as X-CSRF-Token; the API key needs no token', async () => {
      const { cookie, csrf } = await logIn(t);
      await t.http.post('/api/accounts').set('Cookie', cookie).set('X-CSRF-Token', csrf).send({ name: 'From the page', broker: 'paper' }).expect(201);
      await t.http.post('/api/accounts').set('Authorization', `Bearer ${TEST_API_KEY}`).set('Origin', EVIL).send({ name: 'From a script', broker: 'paper' }).expect(201);
      const names = (await t.api.get('/api/accounts').expect(200)).body.map((a: { name: string }) => a.name);
      expect(names).toEqual(expect.arrayContaining(['From the page', 'From a script']));
    });

    it('every page with a form carries the token in the form and in the layout', async () => {
      const { cookie, csrf } = await logIn(t);
      for (const url of ['/', '/accounts', '/control-center', '/insider']) {
        const html = (await t.http.get(url).set('Cookie', cookie).expect(200)).text;
        expect({ url, token: csrfTokenIn(html) }).toEqual({ url, token: csrf });
        const forms = html.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
        for (const form of forms) expect({ url, form, hasToken: form.includes(`name="_csrf" value="${csrf}"`) }).toMatchObject({ hasToken: true });
      }
    });
  });

  describe('security headers', () => {
    it('pages cannot be framed, scripts load only from this server, no X-Powered-By', async () => {
      for (const url of ['/login', '/api/health', '/static/app.css']) {
        const res = await t.http.get(url).expect(200);
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['content-security-policy']).toContain("script-src 'self'");
        expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('same-origin');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('no view file has an inline script, event handler or style attribute the policy would block', () => {
      const dir = path.join(__dirname, '../../views');
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
        const html = fs.readFileSync(path.join(dir, file), 'utf8');
        expect({ file, inline: html.match(/<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+=|\sstyle=/g) }).toEqual({ file, inline: null });
      }
    });

    it('no rendered page has an inline script or an inline event handler the policy would block', async () => {
      const { cookie } = await logIn(t);
      for (const url of ['/', '/accounts', '/control-center', '/insider', '/login']) {
        const html = (await t.http.get(url).set('Cookie', cookie).expect(200)).text;
        expect({ url, inline: html.match(/<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+=|\sstyle=/g) }).toEqual({ url, inline: null });
      }
    });
  });

  describe('after log-in, only a path on this server', () => {
    it.each(['/\\evil.com', '//evil.com', '/\t/evil.com', 'https://evil.com', '/\\/evil.com', ' /evil', 'javascript:alert(1)'])('next=%j goes to /', async (next) => {
      const res = await t.http.post('/login').type('form').send({ password: TEST_ADMIN_PASSWORD, next }).expect(303);
      expect(res.headers.location).toBe('/');
    });

    it('a real path with its query is kept', async () => {
      const res = await t.http.post('/login').type('form').send({ password: TEST_ADMIN_PASSWORD, next: '/insider?ticker=ACMW' }).expect(303);
      expect(res.headers.location).toBe('/insider?ticker=ACMW');
    });
  });

  describe('sessions end when they should', () => {
    it('logout ends the session on the server: the old cookie no longer works', async () => {
      const { cookie, csrf } = await logIn(t);
      await t.http.get('/api/positions').set('Cookie', cookie).expect(200);
      await t.http.post('/logout').set('Cookie', cookie).type('form').send({ _csrf: csrf }).expect(303);
      await t.http.get('/api/positions').set('Cookie', cookie).expect(401);
      expect((await t.http.get('/').set('Cookie', cookie)).status).toBe(302);
    });

    it('each log-in is a new session, and the cookie from before it stops working', async () => {
      const first = await logIn(t);
      const res = await t.http.post('/login').set('Cookie', first.cookie).type('form').send({ password: TEST_ADMIN_PASSWORD }).expect(303);
      const second = sessionCookieOf(res)!;
      expect(second).not.toBe(first.cookie);
      await t.http.get('/api/positions').set('Cookie', first.cookie).expect(401);
      await t.http.get('/api/positions').set('Cookie', second).expect(200);
    });

    it('a session idle longer than JT_SESSION_IDLE_MIN (720 by default) ends; activity keeps it alive', async () => {
      const busy = await logIn(t);
      const idle = await logIn(t);
      for (let hour = 0; hour < 13; hour++) {
        t.clock.advance(60 * 60_000);
        await t.http.get('/api/positions').set('Cookie', busy.cookie).expect(200);
      }
      await t.http.get('/api/positions').set('Cookie', idle.cookie).expect(401);
    });

    it('a tampered cookie opens nothing', async () => {
      const { cookie } = await logIn(t);
      const flipped = cookie.slice(0, -1) + (cookie.endsWith('A') ? 'B' : 'A');
      await t.http.get('/api/positions').set('Cookie', flipped).expect(401);
      await t.http.get('/api/positions').set('Cookie', 'jt_session=1.abc').expect(401);
    });

    it('"log out everywhere" (page button or API) ends every session', async () => {
      const a = await logIn(t);
      const b = await logIn(t);
      await t.http.post('/logout/everywhere').set('Cookie', a.cookie).type('form').send({ _csrf: a.csrf }).expect(303);
      await t.http.get('/api/positions').set('Cookie', a.cookie).expect(401);
      await t.http.get('/api/positions').set('Cookie', b.cookie).expect(401);
      const c = await logIn(t);
      expect((await t.api.post('/api/sessions/revoke-all').expect(200)).body).toEqual({ revoked: 1 });
      await t.http.get('/api/positions').set('Cookie', c.cookie).expect(401);
      await t.api.get('/api/positions').expect(200);
    });

    it('the cookie is HttpOnly, SameSite=Lax, and not Secure over plain http', async () => {
      const res = await t.http.post('/login').type('form').send({ password: TEST_ADMIN_PASSWORD }).expect(303);
      const set = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('jt_session='))!;
      expect(set).toMatch(/HttpOnly/);
      expect(set).toMatch(/SameSite=Lax/);
      expect(set).not.toMatch(/Secure/);
    });
  });
});

describe('live-updates socket', () => {
  it('admits the session from our own page, not from another origin (even another port of this host), and not after logout', async () => {
    const t = await startTestApp();
    const gateway = t.app.get(LiveUpdatesGateway);
    const { cookie, csrf } = await logIn(t);
    const handshake = (origin: string) => ({ headers: { host: '127.0.0.1:8082', cookie, origin }, auth: {} });
    expect(await gateway.admits(handshake('http://127.0.0.1:8082'))).toBe(true);
    expect(await gateway.admits(handshake('http://127.0.0.1:9999'))).toBe(false);
    expect(await gateway.admits(handshake('https://evil.example'))).toBe(false);
    expect(await gateway.admits({ headers: { host: '127.0.0.1:8082', origin: 'https://evil.example' }, auth: { token: TEST_API_KEY } })).toBe(true);
    await t.http.post('/logout').set('Cookie', cookie).type('form').send({ _csrf: csrf }).expect(303);
    expect(await gateway.admits(handshake('http://127.0.0.1:8082'))).toBe(false);
    await t.close();
  });
});

describe('sessions across restarts, password changes and TLS', () => {
  it('a session survives a restart; a new JT_ADMIN_PASSWORD ends it', async () => {
    let t = await startTestApp();
    const { cookie } = await logIn(t);
    const dataDir = t.dataDir;
    await t.close();
    t = await startTestApp({ dataDir });
    await t.http.get('/api/positions').set('Cookie', cookie).expect(200);
    await t.close();
    t = await startTestApp({ dataDir, env: { JT_ADMIN_PASSWORD: 'a brand new password' } });
    await t.http.get('/api/positions').set('Cookie', cookie).expect(401);
    await t.close();
  });

  it('JT_SESSION_IDLE_MIN sets the idle limit', async () => {
    const t = await startTestApp({ env: { JT_SESSION_IDLE_MIN: '5' } });
    const { cookie } = await logIn(t);
    t.clock.advance(4 * 60_000);
    await t.http.get('/api/positions').set('Cookie', cookie).expect(200);
    t.clock.advance(5 * 60_000);
    await t.http.get('/api/positions').set('Cookie', cookie).expect(401);
    await t.close();
  });

  it('the cookie is Secure behind a TLS proxy (JT_PUBLIC_URL https, or JT_TRUST_PROXY and X-Forwarded-Proto https)', async () => {
    const isSecure = (res: { headers: Record<string, unknown> }) => /;\s*Secure/i.test(([] as string[]).concat(res.headers['set-cookie'] as string[]).join('\n'));
    const viaUrl = await startTestApp({ env: { JT_PUBLIC_URL: 'https://trades.example.com' } });
    expect(isSecure(await viaUrl.http.post('/login').type('form').send({ password: TEST_ADMIN_PASSWORD }).expect(303))).toBe(true);
    await viaUrl.close();
    const viaProxy = await startTestApp({ env: { JT_TRUST_PROXY: 'loopback' } });
    expect(isSecure(await viaProxy.http.post('/login').set('X-Forwarded-Proto', 'https').type('form').send({ password: TEST_ADMIN_PASSWORD }).expect(303))).toBe(true);
    expect(isSecure(await viaProxy.http.post('/login').type('form').send({ password: TEST_ADMIN_PASSWORD }).expect(303))).toBe(false);
    await viaProxy.close();
    const untrusted = await startTestApp();
    expect(isSecure(await untrusted.http.post('/login').set('X-Forwarded-Proto', 'https').type('form').send({ password: TEST_ADMIN_PASSWORD }).expect(303))).toBe(false);
    await untrusted.close();
  });
});

describe('log-in throttle', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  const attempt = (password: string, from = '203.0.113.7') => t.http.post('/login').set('X-Forwarded-For', from).type('form').send({ password });

  it('20 quick wrong passwords: the first few are checked, the rest wait, and the right one straight after is refused with Retry-After', async () => {
    const logged = [jest.spyOn(Logger.prototype, 'warn'), jest.spyOn(Logger.prototype, 'log')];
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await attempt('guess-Zq9!')).status);
    const lines = logged.flatMap((spy) => spy.mock.calls.map((call) => String(call[0]))).filter((line) => line.startsWith('Log-in from'));
    logged.forEach((spy) => spy.mockRestore());
    expect(lines).toHaveLength(20);
    expect(lines.join('\n')).not.toContain('guess-Zq9!');
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4).every((s) => s === 429)).toBe(true);
    const right = await attempt(TEST_ADMIN_PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(right.text).toMatch(/wait \d+ second/);
    expect(sessionCookieOf(right)).toBeUndefined();
  });

  it('the wait grows with each wrong password, then locks the address out (even the right password) for 15 minutes', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('wrong password')).status).toBe(401);
    const waits: number[] = [];
    for (let i = 3; i < 10; i++) {
      expect((await attempt('wrong password')).status).toBe(401);
      const blocked = await attempt(TEST_ADMIN_PASSWORD);
      expect(blocked.status).toBe(429);
      waits.push(Number(blocked.headers['retry-after']));
      if (i < 9) t.clock.advance(waits[waits.length - 1] * 1000);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 900]);
    const locked = await attempt(TEST_ADMIN_PASSWORD);
    expect(locked.text).toMatch(/Locked out/);
    t.clock.advance(15 * 60_000 - 1000);
    expect((await attempt(TEST_ADMIN_PASSWORD)).status).toBe(429);
    t.clock.advance(1000);
    expect((await attempt(TEST_ADMIN_PASSWORD)).status).toBe(303);
  });
});
