import type { FakeAuth, TokenInfo } from './fake-auth';
import { unauthorized } from './fake-auth';
import type { FakeFaults } from './fake-faults';
import { handleTrading } from './fake-trading-handlers';
import type { FakeVenue } from './fake-venue';
import type { Env, WireReply } from './fake-wire-types';
import { failure, ok } from './fake-wire-types';

/** One REST call or socket request as tests see it. */
export interface FakeRequestLogEntry {
  transport: 'rest' | 'socket';
  /** environment of the REST base or socket; 'md' for the market-data socket */
  where: Env | 'md';
  /** HTTP method, or 'WS' */
  method: string;
  /** the path or endpoint exactly as sent */
  path: string;
  /** lower-cased endpoint without `/v1/`, e.g. 'order/placeorder' */
  endpoint: string;
  query: Record<string, string>;
  body: unknown;
  requestId?: number;
  /** the bearer token (REST) or the token the socket was authorized with */
  token?: string;
  time: number;
  /** the answer's status; undefined while pending or when no answer was given */
  status?: number;
}

/** What a request runs against, given by the transport. */
export interface RequestContext {
  transport: 'rest' | 'socket';
  where: Env | 'md';
  /** REST: the bearer token. Socket: the token it was authorized with. */
  token?: string;
  socket?: SocketHooks;
}

export interface SocketHooks {
  authorize(info: TokenInfo): void;
  syncSubscribe(userId: number, accountIds: Set<number>, entityTypes: string[] | undefined): void;
  md(endpoint: string, body: Record<string, unknown>): WireReply | undefined;
}

export interface RawRequest {
  method: string;
  path: string;
  endpoint: string;
  query: Record<string, string>;
  body: unknown;
  requestId?: number;
}

const NO_BEARER = new Set(['auth/accesstokenrequest', 'auth/oauthtoken']);

/** The pipeline every request goes through: log, scripted faults, auth, then the handler. */
export class FakeRouter {
  readonly requestLog: FakeRequestLogEntry[] = [];

  constructor(
    private readonly auth: FakeAuth,
    private readonly venues: Record<Env, FakeVenue>,
    private readonly faults: FakeFaults,
    private readonly now: () => Date,
  ) {}

  /** Resolves to undefined when a fault says not to answer at all. */
  async handle(ctx: RequestContext, req: RawRequest): Promise<WireReply | undefined> {
    const entry: FakeRequestLogEntry = { transport: ctx.transport, where: ctx.where, method: req.method, path: req.path, endpoint: req.endpoint, query: req.query, body: req.body, requestId: req.requestId, token: ctx.token, time: Date.now() };
    this.requestLog.push(entry);
    const body = isObject(req.body) ? req.body : {};
    const params: Record<string, unknown> = { ...body, ...req.query };
    const before = this.faults.delayFor(req.endpoint, 'before');
    if (before > 0) await sleep(before);
    const silence = this.faults.silenceFor(req.endpoint);
    if (silence === 'drop') return undefined;
    const reply = this.faults.intercept(req.endpoint, params) ?? this.dispatch(ctx, req, body, params);
    const after = this.faults.delayFor(req.endpoint, 'after');
    if (after > 0) await sleep(after);
    if (silence === 'lose') return undefined;
    entry.status = reply.status;
    return reply;
  }

  private dispatch(ctx: RequestContext, req: RawRequest, body: Record<string, unknown>, params: Record<string, unknown>): WireReply {
    const { endpoint } = req;
    if (ctx.socket && endpoint === 'authorize') return this.authorizeSocket(ctx, typeof req.body === 'string' ? req.body : '');
    if (ctx.where !== 'md' && NO_BEARER.has(endpoint)) {
      return endpoint === 'auth/accesstokenrequest' ? this.auth.accessTokenRequest(ctx.where, body) : this.auth.oauthToken(body);
    }
    // an authorized socket keeps working after its token expires (§2.3); REST does not
    const info = this.auth.check(ctx.token, ctx.where, { ignoreExpiry: ctx.transport === 'socket' });
    if (!info) return unauthorized();
    if (ctx.where === 'md') return this.dispatchMd(ctx, info, endpoint, body, params);
    const venue = this.venues[ctx.where];
    switch (endpoint) {
      case 'auth/renewaccesstoken':
        return this.auth.renew(info);
      case 'auth/me':
        return this.auth.me(info);
      case 'user/syncrequest':
        return this.syncRequest(ctx, venue, info.userId, body);
    }
    if (endpoint.startsWith('md/')) return failure(404, `Unknown endpoint ${req.path}`);
    return handleTrading(venue, info.userId, endpoint, params, body, this.now()) ?? failure(404, `Unknown endpoint ${req.path}`);
  }

  /** The MD socket answers md/* and contract/product lookups (§4.8, §5). */
  private dispatchMd(ctx: RequestContext, info: TokenInfo, endpoint: string, body: Record<string, unknown>, params: Record<string, unknown>): WireReply {
    const user = this.auth.userById(info.userId);
    if (user.marketData === false) return failure(401, 'Access is denied');
    if (endpoint.startsWith('md/') && ctx.socket) return ctx.socket.md(endpoint, body) ?? failure(404, `Unknown endpoint ${endpoint}`);
    if (/^(contract|product|contractmaturity)\//.test(endpoint)) {
      const venue = this.venues[info.env === 'live' ? 'live' : 'demo'];
      return handleTrading(venue, info.userId, endpoint, params, body, this.now()) ?? failure(404, `Unknown endpoint ${endpoint}`);
    }
    return failure(404, `Unknown endpoint ${endpoint}`);
  }

  /** `authorize\n<id>\n\n<token>`: the body is the raw token (§4.3). */
  private authorizeSocket(ctx: RequestContext, rawToken: string): WireReply {
    const info = this.auth.check(rawToken.trim(), ctx.where);
    if (!info) return unauthorized();
    if (ctx.where === 'md' && this.auth.userById(info.userId).marketData === false) return failure(401, 'Access is denied');
    ctx.socket?.authorize(info);
    return { status: 200 };
  }

  /** `{users:[id]}` or `{accounts:[id]}`; the snapshot is the response, props events follow (§4.7). */
  private syncRequest(ctx: RequestContext, venue: FakeVenue, userId: number, body: Record<string, unknown>): WireReply {
    const own = venue.accountsOf(userId).map((a) => a.id);
    const users = Array.isArray(body.users) ? body.users.map(Number) : undefined;
    const accounts = Array.isArray(body.accounts) ? body.accounts.map(Number) : undefined;
    if (!users && !accounts) return failure(400, 'users or accounts must be specified');
    if (users && users.some((u) => u !== userId)) return failure(401, 'Access is denied');
    if (accounts && accounts.some((a) => !own.includes(a))) return failure(401, 'Access is denied');
    const ids = new Set(accounts ?? own);
    const entityTypes = Array.isArray(body.entityTypes) ? body.entityTypes.map(String) : undefined;
    ctx.socket?.syncSubscribe(userId, ids, entityTypes);
    return ok(venue.snapshot(userId, ids, entityTypes));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
