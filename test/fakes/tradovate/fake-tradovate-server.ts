import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeAuth, SeededUser } from './fake-auth';
import { DEFAULT_PRODUCTS, FakeCatalog, ProductSeed } from './fake-catalog';
import { FakeFaults } from './fake-faults';
import { FakeQuotes, Quote, QuoteInput } from './fake-quotes';
import { FakeRestServer } from './fake-rest-server';
import { FakeRequestLogEntry, FakeRouter } from './fake-router';
import { DEFAULT_OAUTH_CLIENT, DEFAULT_USERS, FakeOAuthClientSeed, FakeUserSeed } from './fake-seed';
import { FakeSocketInfo, FakeSocketServer, SocketTimings } from './fake-socket-server';
import { FakeVenue } from './fake-venue';
import type { ContractEntity, Env } from './fake-wire-types';

export interface FakeTradovateOptions {
  /** 0 (default) picks a free port */
  port?: number;
  host?: string;
  users?: FakeUserSeed[];
  products?: ProductSeed[];
  oauthClient?: FakeOAuthClientSeed;
  /** default 90 minutes (reference §2.3) */
  tokenLifetimeMs?: number;
  /** sessions per user and environment before the oldest is closed; default 2 (§2.1) */
  maxSessions?: number;
  /** unconfirmed in the reference; default false (the client must keep its md token) */
  renewIncludesMdAccessToken?: boolean;
  /** default 2500 */
  heartbeatIntervalMs?: number;
  /** default 10000 (four missed 2.5 s client heartbeats) */
  clientHeartbeatTimeoutMs?: number;
  /** default 10000 */
  authorizeTimeoutMs?: number;
  /** the clock for timestamps, token expiry and the contract list; default real time */
  now?: () => Date;
}

export interface FakeTradovate {
  /** http://127.0.0.1:PORT/v1 */
  restBase: string;
  /** http://127.0.0.1:PORT/live/v1 */
  liveRestBase: string;
  /** ws://127.0.0.1:PORT/v1/websocket */
  tradingWsUrl: string;
  /** ws://127.0.0.1:PORT/live/v1/websocket */
  liveTradingWsUrl: string;
  /** ws://127.0.0.1:PORT/md/v1/websocket (also served at /md/websocket) */
  mdWsUrl: string;
  /** http://127.0.0.1:PORT/oauth: approves at once and redirects to redirect_uri?code=... */
  oauthAuthorizeUrl: string;
  port: number;
  /** the demo and live environments: entities, positions, orders */
  state: Record<Env, FakeVenue>;
  faults: FakeFaults;
  requestLog: FakeRequestLogEntry[];
  users: SeededUser[];
  oauthClient: FakeOAuthClientSeed;
  /** Scripts the top of book; resting orders on both environments match against it. */
  setQuote(contractName: string, quote: QuoteInput): Quote;
  contract(name: string): ContractEntity;
  /** front (nearest unexpired) contract name of a product, e.g. 'MNQ' -> 'MNQZ6' */
  frontContract(productName: string): string;
  issueOAuthCode(userName?: string, redirectUri?: string): string;
  sockets(): FakeSocketInfo[];
  /** sessions (logins, OAuth exchanges) opened so far, for "no fresh login per call" */
  sessionCount(userName?: string): number;
  requestsTo(endpoint: string): FakeRequestLogEntry[];
  close(): Promise<void>;
}

export async function startFakeTradovate(opts: FakeTradovateOptions = {}): Promise<FakeTradovate> {
  const now = opts.now ?? (() => new Date());
  const catalog = new FakeCatalog(opts.products ?? DEFAULT_PRODUCTS, now());
  const quotes = new FakeQuotes(now);
  let socketServer: FakeSocketServer | undefined;
  const faults = new FakeFaults(
    () => socketServer as FakeSocketServer,
    () => auth.expireAll(),
    () => now().getTime(),
  );
  const users: SeededUser[] = (opts.users ?? DEFAULT_USERS).map((u, i) => ({ ...u, userId: u.userId ?? 100001 + i }));
  const oauthClient = opts.oauthClient ?? DEFAULT_OAUTH_CLIENT;
  const auth = new FakeAuth(
    users,
    oauthClient,
    { tokenLifetimeMs: opts.tokenLifetimeMs ?? 90 * 60 * 1000, maxSessions: opts.maxSessions ?? 2, renewIncludesMdAccessToken: opts.renewIncludesMdAccessToken ?? false },
    () => faults.takeLoginError(),
    now,
  );
  const venues: Record<Env, FakeVenue> = {
    demo: new FakeVenue('demo', catalog, quotes, faults, now),
    live: new FakeVenue('live', catalog, quotes, faults, now),
  };
  for (const user of users) for (const venue of Object.values(venues)) venue.seedUser(user, user.userId);

  const router = new FakeRouter(auth, venues, faults, now);
  const rest = new FakeRestServer(router, auth);
  const timings: SocketTimings = {
    heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 2500,
    clientHeartbeatTimeoutMs: opts.clientHeartbeatTimeoutMs ?? 10000,
    authorizeTimeoutMs: opts.authorizeTimeoutMs ?? 10000,
  };
  const sockets = new FakeSocketServer(router, venues, catalog, quotes, faults, timings);
  socketServer = sockets;
  auth.onSessionEvicted((id) => sockets.closeSession(id));

  const server: Server = createServer((req, res) => {
    rest.handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`fake tradovate error: ${String(error)}`);
    });
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname.toLowerCase();
    if (!sockets.upgrade(req, socket, head, path)) socket.destroy();
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const http = `http://${host}:${port}`;
  const ws = `ws://${host}:${port}`;

  const contract = (name: string): ContractEntity => {
    const found = catalog.contractByName(name);
    if (!found) throw new Error(`fake tradovate: no contract ${name}`);
    return found;
  };

  return {
    restBase: `${http}/v1`,
    liveRestBase: `${http}/live/v1`,
    tradingWsUrl: `${ws}/v1/websocket`,
    liveTradingWsUrl: `${ws}/live/v1/websocket`,
    mdWsUrl: `${ws}/md/v1/websocket`,
    oauthAuthorizeUrl: `${http}/oauth`,
    port,
    state: venues,
    faults,
    requestLog: router.requestLog,
    users,
    oauthClient,
    setQuote: (name, quote) => quotes.set(contract(name).id, quote),
    contract,
    frontContract: (productName) => {
      const [front] = catalog.suggestContracts(productName, 1, now());
      if (!front) throw new Error(`fake tradovate: no contract for ${productName}`);
      return front.name;
    },
    issueOAuthCode: (userName, redirectUri) => auth.issueOAuthCode(userName, redirectUri),
    sockets: () => sockets.sockets(),
    sessionCount: (userName) => auth.sessionCount(userName),
    requestsTo: (endpoint) => router.requestLog.filter((r) => r.endpoint === endpoint.toLowerCase().replace(/^\/+/, '')),
    close: async () => {
      await sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
