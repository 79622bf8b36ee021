import request from 'supertest';
import { TEST_ADMIN_PASSWORD, TestApp } from './test-app';

export interface BrowserSession {
  /** `jt_session=...`, for .set('Cookie', ...) */
  cookie: string;
  /** the session's CSRF token, as the pages carry it */
  csrf: string;
}

export function sessionCookieOf(res: request.Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((c) => c.startsWith('jt_session=') && !c.startsWith('jt_session=;'))?.split(';')[0];
}

export function csrfTokenIn(html: string): string {
  const token = /<meta name="csrf-token" content="([^"]+)">/.exec(html)?.[1];
  if (!token) throw new Error('the page carries no CSRF token');
  return token;
}

/** Logs in as a browser would and reads the CSRF token off a page. */
export async function logIn(t: TestApp, password = TEST_ADMIN_PASSWORD): Promise<BrowserSession> {
  const res = await t.http.post('/login').type('form').send({ password, next: '/' }).expect(303);
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error('log-in set no session cookie');
  const page = await t.http.get('/control-center').set('Cookie', cookie).expect(200);
  return { cookie, csrf: csrfTokenIn(page.text) };
}
