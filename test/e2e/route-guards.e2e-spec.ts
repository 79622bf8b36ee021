import request from 'supertest';
import { logIn } from '../support/browser-session';
import { concreteUrl, isChange, RegisteredRoute, registeredRoutes } from '../support/registered-routes';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Keeps issue 10 closed: the routes are read from the running app, so a route added later without a
 * guard, or a change that a foreign page could make with the browser's cookie, fails here.
 */
const PUBLIC_ROUTES = ['GET /api/health', 'GET /login', 'POST /login', 'GET /webhook/:token', 'POST /webhook/:token'];
/** public, but a browser must not be made to post them from another site */
const SAME_ORIGIN_ONLY = ['POST /login'];
const name = (r: RegisteredRoute) => `${r.method} ${r.path}`;

function send(http: ReturnType<typeof request>, route: RegisteredRoute): request.Test {
  const url = concreteUrl(route.path);
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  return http[method](url);
}

describe('every registered route is guarded', () => {
  let t: TestApp;
  let routes: RegisteredRoute[];
  beforeAll(async () => {
    t = await startTestApp();
    routes = registeredRoutes(t.app);
  });
  afterAll(() => t.close());

  it('the walk sees the whole app, and every allow-listed route still exists', () => {
    expect(routes.length).toBeGreaterThan(50);
    const names = routes.map(name);
    for (const allowed of PUBLIC_ROUTES) expect(names).toContain(allowed);
  });

  it('each route not on the allow-list needs the API key or a session (401 for /api, a redirect to /login for pages)', async () => {
    const open: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC_ROUTES.includes(name(r)))) {
      const res = await send(t.http, route).set('Content-Type', 'application/json').send(route.method === 'GET' ? undefined : '{}');
      const guarded = route.path.startsWith('/api/') ? res.status === 401 : res.status === 302 && String(res.headers.location).startsWith('/login?next=');
      if (!guarded) open.push(`${name(route)} answered ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('static assets and health need nothing', async () => {
    await t.http.get('/static/app.css').expect(200);
    await t.http.get('/api/health').expect(200);
  });
});

describe('every state-changing route refuses a session without a CSRF token or from another origin', () => {
  let t: TestApp;
  let changes: RegisteredRoute[];
  beforeAll(async () => {
    t = await startTestApp();
    changes = registeredRoutes(t.app).filter((r) => isChange(r) && !PUBLIC_ROUTES.includes(name(r)));
  });
  afterAll(() => t.close());

  const state = async () => ({
    killSwitch: (await t.api.get('/api/kill-switch').expect(200)).body.tripped,
    accounts: (await t.api.get('/api/accounts').expect(200)).body.length,
    recorders: (await t.api.get('/api/recorders').expect(200)).body.length,
    watchlist: (await t.api.get('/api/insider/watchlist').expect(200)).body.length,
  });

  it('covers every POST, PUT, PATCH and DELETE the app has', () => {
    expect(changes.length).toBeGreaterThan(20);
    expect(changes.map((r) => r.method)).toEqual(expect.arrayContaining(['POST', 'PUT', 'PATCH', 'DELETE']));
  });

  it('a session cookie without the token: 403 everywhere, and nothing changed', async () => {
    const before = await state();
    const { cookie } = await logIn(t);
    const letThrough: string[] = [];
    for (const route of changes) {
      const res = await send(t.http, route).set('Cookie', cookie).type('form').send({ name: 'CSRF', broker: 'paper', ticker: 'ACMW' });
      if (res.status !== 403) letThrough.push(`${name(route)} answered ${res.status}`);
    }
    expect(letThrough).toEqual([]);
    expect(await state()).toEqual(before);
    await t.http.get('/api/positions').set('Cookie', cookie).expect(200); // the logout above was refused too
  });

  it('a session with its valid token but a foreign Origin (or Referer): 403 everywhere, and nothing changed', async () => {
    const before = await state();
    const { cookie, csrf } = await logIn(t);
    const letThrough: string[] = [];
    for (const route of changes) {
      for (const [header, value] of [['Origin', 'https://evil.example'], ['Origin', 'http://localhost:1'], ['Referer', 'https://evil.example/x'], ['Origin', 'null']]) {
        const res = await send(t.http, route).set('Cookie', cookie).set(header, value).set('X-CSRF-Token', csrf).type('form').send({ name: 'CSRF', broker: 'paper', ticker: 'ACMW', _csrf: csrf });
        if (res.status !== 403) letThrough.push(`${name(route)} with ${header}: ${value} answered ${res.status}`);
      }
    }
    expect(letThrough).toEqual([]);
    expect(await state()).toEqual(before);
  });

  it.each(SAME_ORIGIN_ONLY)('%s from another origin is 403 (no log-in CSRF)', async (route) => {
    const [method, path] = route.split(' ');
    const res = await t.http[method.toLowerCase() as 'post'](path).set('Origin', 'https://evil.example').type('form').send({ password: 'whatever' });
    expect(res.status).toBe(403);
  });
});
