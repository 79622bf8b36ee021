import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { TokenInfo } from './fake-auth';
import type { FakeCatalog } from './fake-catalog';
import type { FakeFaults, SocketControl, SocketKind } from './fake-faults';
import { MdFeed } from './fake-md-feed';
import type { FakeQuotes } from './fake-quotes';
import type { FakeRouter, RequestContext } from './fake-router';
import { arrayFrame, closeFrame, HEARTBEAT_FRAME, OPEN_FRAME, parseClientFrame, parseQuery, propsMessages } from './fake-socket-frames';
import type { FakeVenue } from './fake-venue';
import type { Env, PropsEvent, SocketMessage, VenueEntityType } from './fake-wire-types';

export interface SocketTimings {
  /** server `h` when nothing else was sent for this long (reference: ~2.5 s) */
  heartbeatIntervalMs: number;
  /** the connection is closed when no client `[]` arrives for this long (exact server value unknown) */
  clientHeartbeatTimeoutMs: number;
  /** the connection is closed when `authorize` has not succeeded within this long */
  authorizeTimeoutMs: number;
}

/** What tests can see of one socket. */
export interface FakeSocketInfo {
  kind: 'trading' | 'md';
  where: Env | 'md';
  open: boolean;
  authorized: boolean;
  syncSubscribed: boolean;
  heartbeatsReceived: number;
  quoteSubscriptions: number[];
  closeReason?: string;
}

interface Connection {
  ws: WebSocket;
  info: FakeSocketInfo;
  token?: TokenInfo;
  sync?: { accountIds: Set<number>; entityTypes?: string[] };
  md?: MdFeed;
  openedAt: number;
  lastSent: number;
  lastClientHeartbeat: number;
}

/** Trading sockets (`/v1/websocket`, `/live/v1/websocket`) and the market-data socket, one port. */
export class FakeSocketServer implements SocketControl {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections: Connection[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly router: FakeRouter,
    private readonly venues: Record<Env, FakeVenue>,
    private readonly catalog: FakeCatalog,
    private readonly quotes: FakeQuotes,
    private readonly faults: FakeFaults,
    private readonly timings: SocketTimings,
  ) {
    for (const venue of Object.values(venues)) venue.onProps((events) => this.onProps(venue.env, events));
    quotes.onQuote((q, changed) => this.connections.forEach((c) => c.md?.onQuote(q, changed)));
    this.timer = setInterval(() => this.tick(), 50);
    this.timer.unref();
  }

  /** Routes an HTTP upgrade; returns false when the path is not a socket of ours. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): boolean {
    const where: Env | 'md' | undefined = path === '/v1/websocket' ? 'demo' : path === '/live/v1/websocket' ? 'live' : path === '/md/websocket' || path === '/md/v1/websocket' ? 'md' : undefined;
    if (!where) return false;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, where));
    return true;
  }

  sockets(): FakeSocketInfo[] {
    return this.connections.map((c) => ({ ...c.info, quoteSubscriptions: c.md?.quoteSubscriptions ?? [] }));
  }

  drop(kind: SocketKind): number {
    const targets = this.live(kind);
    for (const c of targets) {
      c.info.closeReason = 'dropped';
      c.ws.terminate();
    }
    return targets.length;
  }

  shutdown(kind: SocketKind, d: { reasonCode: string; reason?: string }, close: boolean): number {
    const targets = this.live(kind);
    for (const c of targets) {
      this.sendRaw(c, arrayFrame([{ e: 'shutdown', d }]));
      if (close) this.closeWith(c, 1000, d.reasonCode);
    }
    return targets.length;
  }

  /** Sockets authorized with a token of an evicted session get `shutdown` ConnectionQuotaReached (§4.8). */
  closeSession(sessionId: number): void {
    for (const c of this.connections) {
      if (c.info.open && c.token?.sessionId === sessionId) {
        this.sendRaw(c, arrayFrame([{ e: 'shutdown', d: { reasonCode: 'ConnectionQuotaReached' } }]));
        this.closeWith(c, 1000, 'ConnectionQuotaReached');
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const c of this.connections) c.ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket, where: Env | 'md'): void {
    const now = Date.now();
    const c: Connection = {
      ws,
      info: { kind: where === 'md' ? 'md' : 'trading', where, open: true, authorized: false, syncSubscribed: false, heartbeatsReceived: 0, quoteSubscriptions: [] },
      openedAt: now,
      lastSent: now,
      lastClientHeartbeat: now,
    };
    if (where === 'md') c.md = new MdFeed(this.catalog, this.quotes, (messages) => this.send(c, messages));
    this.connections.push(c);
    ws.on('message', (data) => void this.onMessage(c, String(data)));
    ws.on('close', () => {
      c.info.open = false;
      c.info.closeReason ??= 'closed';
    });
    ws.on('error', () => undefined);
    this.sendRaw(c, OPEN_FRAME);
  }

  private async onMessage(c: Connection, text: string): Promise<void> {
    const frame = parseClientFrame(text);
    if (frame.kind === 'heartbeat') {
      c.lastClientHeartbeat = Date.now();
      c.info.heartbeatsReceived++;
      return;
    }
    if (frame.kind === 'malformed') {
      this.router.requestLog.push({ transport: 'socket', where: c.info.where, method: 'WS', path: frame.text, endpoint: '', query: {}, body: undefined, time: Date.now(), status: 400 });
      return;
    }
    const ctx: RequestContext = {
      transport: 'socket',
      where: c.info.where,
      token: c.token?.token,
      socket: {
        authorize: (info) => {
          c.token = info;
          c.info.authorized = true;
        },
        syncSubscribe: (_userId, accountIds, entityTypes) => {
          c.sync = { accountIds, entityTypes };
          c.info.syncSubscribed = true;
        },
        md: (endpoint, body) => c.md?.handle(endpoint, body),
      },
    };
    let body: unknown = frame.body === '' ? undefined : frame.body;
    if (frame.query.trim().startsWith('{')) {
      this.send(c, [{ s: 400, i: frame.id, d: 'No usable value for body\nThe request body belongs on the fourth line, not the query line' }]);
      return;
    }
    if (frame.endpoint !== 'authorize' && typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        this.send(c, [{ s: 400, i: frame.id, d: `Could not parse the request body as JSON: ${frame.body}` }]);
        return;
      }
    }
    const req = { method: 'WS', path: frame.rawEndpoint, endpoint: frame.endpoint, query: parseQuery(frame.query), body, requestId: frame.id };
    const reply = await this.router.handle(ctx, req);
    if (!reply) return;
    const message: SocketMessage = reply.body === undefined ? { s: reply.status, i: frame.id } : { s: reply.status, i: frame.id, d: reply.body };
    this.send(c, [message]);
  }

  private onProps(env: Env, events: PropsEvent[]): void {
    const venue = this.venues[env];
    const targets = this.connections.filter((c) => c.info.open && c.info.where === env && c.sync);
    if (targets.length === 0) return;
    setImmediate(() => {
      for (const c of targets) {
        const sync = c.sync as NonNullable<Connection['sync']>;
        const mine = events.filter((ev) => {
          const accountId = venue.store.accountOf(ev.entityType as VenueEntityType, ev.entity);
          const typeOk = !sync.entityTypes || sync.entityTypes.length === 0 || sync.entityTypes.includes(ev.entityType);
          return typeOk && accountId !== null && sync.accountIds.has(accountId);
        });
        if (mine.length) this.send(c, propsMessages(mine, this.faults.props));
      }
    });
  }

  private tick(): void {
    const now = Date.now();
    for (const c of this.connections) {
      if (!c.info.open) continue;
      if (!c.info.authorized && now - c.openedAt >= this.timings.authorizeTimeoutMs) {
        c.info.closeReason = 'not authorized in time';
        c.ws.close(1000, 'Not authorized');
      } else if (now - c.lastClientHeartbeat >= this.timings.clientHeartbeatTimeoutMs) {
        c.info.closeReason = 'no client heartbeat';
        c.ws.close(1000, 'No heartbeat');
      } else if (!this.faults.heartbeatsStopped && now - c.lastSent >= this.timings.heartbeatIntervalMs) {
        this.sendRaw(c, HEARTBEAT_FRAME);
      }
    }
  }

  private live(kind: SocketKind): Connection[] {
    return this.connections.filter((c) => c.info.open && (kind === 'all' || c.info.kind === kind));
  }

  private send(c: Connection, messages: SocketMessage[]): void {
    this.sendRaw(c, arrayFrame(messages));
  }

  private sendRaw(c: Connection, frame: string): void {
    if (c.ws.readyState !== WebSocket.OPEN) return;
    c.lastSent = Date.now();
    c.ws.send(frame);
  }

  private closeWith(c: Connection, code: number, reason: string): void {
    this.sendRaw(c, closeFrame(code, reason));
    c.info.closeReason = reason;
    c.ws.close(code, reason);
  }
}
