import * as fs from 'fs';
import * as path from 'path';
import request from 'supertest';
import { aTradedRecorder, sendAlert } from '../support/builders';
import { startTestApp, TEST_ADMIN_PASSWORD, TEST_API_KEY, TestApp } from '../support/test-app';

const sessionCookie = (res: request.Response) => {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((c) => c.startsWith('jt_session='))?.split(';')[0];
};

/** G-48: every /api route and page is behind the API key or a login; the webhook is behind its token. */
describe('security', () => {
  describe('with the admin password and API key from the environment', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp()));
    afterAll(() => t.close());

    it.each(['/api/accounts', '/api/recorders', '/api/traders', '/api/positions', '/api/orders', '/api/trades', '/api/signals', '/api/status'])(
      'GET %s without a key is 401, with a wrong key 401, with the key 200',
      async (url) => {
        const denied = await t.http.get(url).expect(401);
        expect(denied.body.message).toMatch(/Authorization: Bearer/);
        await t.http.get(url).set('Authorization', `Bearer ${TEST_API_KEY}x`).expect(401);
        await t.http.get(url).set('Authorization', 'Bearer ').expect(401);
        await t.http.get(url).set('Authorization', TEST_API_KEY).expect(401); // no "Bearer"
        await t.http.get(url).set('Authorization', `Bearer ${TEST_API_KEY}`).expect(200);
      },
    );

    it('other spellings of an /api path (case, dot segments, trailing bits) never open it', async () => {
      for (const url of ['/API/accounts', '/Api/Accounts', '/api/accounts/', '//api/accounts', '/api/accounts;x', '/webhook/../api/accounts', '/static/../api/accounts', '/api/health/../accounts', '/login/../api/accounts']) {
        const res = await t.http.get(url);
        expect({ url, opened: res.status === 200 }).toEqual({ url, opened: false });
      }
    });

    it('writes without a key are 401 and change nothing', async () => {
      await t.http.post('/api/accounts').send({ name: 'Sneaky', broker: 'paper' }).expect(401);
      await t.http.post('/api/paper/quotes').send({ symbol: 'MNQ1!', price: '1.00' }).expect(401);
      expect((await t.api.get('/api/accounts').expect(200)).body).toEqual([]);
    });

    it('/api/health is public', async () => {
      expect((await t.http.get('/api/health').expect(200)).body).toMatchObject({ status: 'ok' });
    });

    it('the webhook needs no key (its token is the credential)', async () => {
      const { recorder } = await aTradedRecorder(t);
      await sendAlert(t, recorder.webhookToken, { ticker: 'MNQ1!', action: 'close' }).expect(200);
    });

    it('pages redirect to /login, keeping where the trader wanted to go', async () => {
      const res = await t.http.get('/').expect(302);
      expect(res.headers.location).toBe('/login?next=%2F');
      await t.http.get('/login').expect(200);
    });

    it('a wrong password is 401 and sets no session', async () => {
      const res = await t.http.post('/login').type('form').send({ password: 'wrong password', next: '/' }).expect(401);
      expect(sessionCookie(res)).toBeUndefined();
    });

    it('logging in with the admin password sets a cookie that opens / and /api/positions', async () => {
      const res = await t.http.post('/login').type('form').send({ password: TEST_ADMIN_PASSWORD, next: '/api/positions' }).expect(303);
      expect(res.headers.location).toBe('/api/positions');
      const cookie = sessionCookie(res);
      expect(cookie).toBeDefined();
      expect(([] as string[]).concat(res.headers['set-cookie'])[0]).toMatch(/HttpOnly/i);
      await t.http.get('/').set('Cookie', cookie!).expect(200);
      await t.http.get('/api/positions').set('Cookie', cookie!).expect(200);
    });

    it('a forged or tampered session cookie is refused', async () => {
      const res = await t.http.post('/login').type('form').send({ password: TEST_ADMIN_PASSWORD }).expect(303);
      const [name, value] = sessionCookie(res)!.split('=');
      const [id, secret] = decodeURIComponent(value).split('.');
      const otherId = `${name}=${id.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'))}.${secret}`;
      const otherSecret = `${name}=${id}.${secret.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`;
      await t.http.get('/api/positions').set('Cookie', `${name}=${value}`).expect(200);
      await t.http.get('/api/positions').set('Cookie', otherId).expect(401);
      await t.http.get('/api/positions').set('Cookie', otherSecret).expect(401);
      await t.http.get('/api/positions').set('Cookie', 'jt_session=1.abc').expect(401);
    });

    it('login never redirects off-site', async () => {
      const res = await t.http.post('/login').type('form').send({ password: TEST_ADMIN_PASSWORD, next: '//evil.example/' }).expect(303);
      expect(res.headers.location).toBe('/');
    });
  });

  describe('without JT_ADMIN_PASSWORD / JT_API_KEY', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp({ env: { JT_ADMIN_PASSWORD: '', JT_API_KEY: '' } })));
    afterAll(() => t.close());

    it('generates the admin password, API key and secret key in files only the owner can read (0600)', async () => {
      for (const file of ['admin-password', 'api-key', 'secret.key']) {
        const stat = fs.statSync(path.join(t.dataDir, file));
        expect({ file, mode: (stat.mode & 0o777).toString(8) }).toEqual({ file, mode: '600' });
      }
    });

    it('the generated password logs in, the generated key opens the API, the old test key does not', async () => {
      const password = fs.readFileSync(path.join(t.dataDir, 'admin-password'), 'utf8').trim();
      const apiKey = fs.readFileSync(path.join(t.dataDir, 'api-key'), 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(12);
      const res = await t.http.post('/login').type('form').send({ password }).expect(303);
      await t.http.get('/api/positions').set('Cookie', sessionCookie(res)!).expect(200);
      await t.http.get('/api/positions').set('Authorization', `Bearer ${apiKey}`).expect(200);
      await t.http.get('/api/positions').set('Authorization', `Bearer ${TEST_API_KEY}`).expect(401);
      await t.http.post('/login').type('form').send({ password: TEST_ADMIN_PASSWORD }).expect(401);
    });
  });
});
