import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeAuth } from './fake-auth';
import type { FakeRouter } from './fake-router';
import type { Env, WireReply } from './fake-wire-types';

/**
 * REST over Node's http (reference §2.2): `/v1/...` is demo, `/live/v1/...` is live; paths are
 * case-insensitive and any method is accepted. `/auth/oauthtoken` also answers without `/v1` and
 * form-encoded (§2.4). `GET /oauth` is the authorize page: it approves at once and redirects.
 */
export class FakeRestServer {
  constructor(
    private readonly router: FakeRouter,
    private readonly auth: FakeAuth,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.toLowerCase().replace(/\/+$/, '');
    if (path === '/oauth' || path === '/live/oauth') return this.authorizePage(url, res);
    const route = /^(\/live)?(?:\/v1)?\/(.+)$/.exec(path);
    const hasVersion = /^(\/live)?\/v1\//.test(path);
    if (!route || (!hasVersion && route[2] !== 'auth/oauthtoken')) return write(res, { status: 404, body: `No route ${url.pathname}` });
    const env: Env = route[1] ? 'live' : 'demo';
    const endpoint = route[2];

    let body: unknown;
    try {
      body = parseBody(await readBody(req), String(req.headers['content-type'] ?? ''));
    } catch {
      return write(res, { status: 400, body: 'Request body is not valid JSON' });
    }
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k.toLowerCase()] = v;
    const bearer = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1]?.trim();
    const reply = await this.router.handle({ transport: 'rest', where: env, token: bearer }, { method: req.method ?? 'GET', path: url.pathname, endpoint, query, body });
    if (!reply) return; // scripted: never answer
    write(res, reply);
  }

  private authorizePage(url: URL, res: ServerResponse): void {
    const redirectUri = url.searchParams.get('redirect_uri');
    if (url.searchParams.get('response_type') !== 'code' || !redirectUri) {
      return write(res, { status: 400, body: 'response_type=code and redirect_uri are required' });
    }
    const code = this.auth.issueOAuthCode(undefined, redirectUri);
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = url.searchParams.get('state');
    if (state) target.searchParams.set('state', state);
    res.writeHead(302, { Location: target.toString() });
    res.end();
  }
}

function write(res: ServerResponse, reply: WireReply): void {
  if (reply.status === 429 || reply.body === undefined) {
    res.writeHead(reply.status, { 'Content-Length': '0' });
    res.end();
    return;
  }
  const ok = reply.status >= 200 && reply.status < 300;
  const text = ok ? JSON.stringify(reply.body) : String(reply.body);
  res.writeHead(reply.status, { 'Content-Type': ok ? 'application/json' : 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(text: string, contentType: string): unknown {
  if (text.trim() === '') return undefined;
  if (contentType.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  return JSON.parse(text);
}
