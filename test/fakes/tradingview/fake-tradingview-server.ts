import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { decodeFrame, encodePacket } from '../../../src/modules/market-data/tradingview/tv-framing';

export const TV_ORIGIN = 'https://www.tradingview.com';
export const ANONYMOUS = 'unauthorized_user_token';

export interface FakeTradingViewOptions {
  port?: number;
  /** the `sessionid` cookie the chart page accepts */
  sessionId?: string;
  /** a server heartbeat this often */
  heartbeatMs?: number;
  /** the socket is closed when a heartbeat is not echoed within this long */
  heartbeatTimeoutMs?: number;
}

export interface FakeTvPrice {
  lp: number;
  bid?: number;
  ask?: number;
}

/** What a test can see of one client socket. */
export interface FakeTvConnection {
  origin: string | undefined;
  authToken: string | null;
  sessions: string[];
  fields: string[];
  symbols: Set<string>;
  heartbeatsSent: number;
  heartbeatsEchoed: number;
  open: boolean;
  closeReason?: string;
}

interface Client {
  ws: WebSocket;
  info: FakeTvConnection;
  awaitingEcho: { payload: string; since: number } | null;
  lastBeat: number;
}

/**
 * TradingView's quote socket and chart page on 127.0.0.1, speaking the `~m~len~m~` framing: hello,
 * heartbeats (a client that does not echo is hung up on), set_auth_token, quote sessions, `qsd`
 * updates; an anonymous token gets `delayed_streaming_900` quotes, the chart page's token real-time
 * `streaming`; `drop()` cuts every socket like a network failure.
 */
export class FakeTradingView {
  readonly authToken = 'fake-tv-jwt.eyJ1c2VyIjoidGVzdCJ9';
  readonly connections: FakeTvConnection[] = [];
  private readonly clients: Client[] = [];
  private readonly prices = new Map<string, FakeTvPrice>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly timer: NodeJS.Timeout;
  private heartbeatNo = 0;
  port = 0;

  constructor(
    private readonly server: Server,
    private readonly options: Required<Omit<FakeTradingViewOptions, 'port'>>,
  ) {
    server.on('request', (req, res) => this.chartPage(req, res));
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    this.timer = setInterval(() => this.beat(), Math.min(options.heartbeatMs, 200));
    this.timer.unref?.();
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/socket.io/websocket`;
  }

  get chartUrl(): string {
    return `http://127.0.0.1:${this.port}/chart/`;
  }

  /** Sets a symbol's price and streams it to every session that has the symbol. */
  setPrice(tvSymbol: string, price: FakeTvPrice): void {
    this.pushPrices([[tvSymbol, price]]);
  }

  /** Several symbols' updates (and a heartbeat when asked) in ONE WebSocket frame. */
  pushPrices(updates: [string, FakeTvPrice][], options: { withHeartbeat?: boolean } = {}): void {
    for (const [symbol, price] of updates) this.prices.set(symbol, price);
    for (const client of this.openClients()) {
      const packets = updates.flatMap(([symbol, price]) => (client.info.symbols.has(symbol) ? this.qsdPackets(client, symbol, price) : []));
      if (options.withHeartbeat) packets.push(this.heartbeatPacket(client));
      if (packets.length) client.ws.send(packets.join(''));
    }
  }

  /** Cuts every open socket without a close handshake. */
  drop(): void {
    for (const client of this.openClients()) {
      client.info.closeReason = 'dropped';
      client.ws.terminate();
    }
  }

  openConnections(): FakeTvConnection[] {
    return this.connections.filter((c) => c.open);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const client of this.clients) client.ws.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private openClients(): Client[] {
    return this.clients.filter((c) => c.info.open && c.ws.readyState === WebSocket.OPEN);
  }

  private chartPage(req: IncomingMessage, res: ServerResponse): void {
    if (!req.url?.startsWith('/chart')) {
      res.writeHead(404).end('not found');
      return;
    }
    const cookie = req.headers.cookie ?? '';
    const signedIn = cookie.split(/;\s*/).includes(`sessionid=${this.options.sessionId}`);
    const user = signedIn ? `{"username":"tester","auth_token":"${this.authToken}"}` : '{"username":"Guest"}';
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><script>window.initData = {}; window.user = ${user};</script></html>`);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!req.url?.startsWith('/socket.io/websocket')) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    if (req.headers.origin !== TV_ORIGIN) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req.headers.origin));
  }

  private accept(ws: WebSocket, origin: string | undefined): void {
    const info: FakeTvConnection = { origin, authToken: null, sessions: [], fields: [], symbols: new Set(), heartbeatsSent: 0, heartbeatsEchoed: 0, open: true };
    const client: Client = { ws, info, awaitingEcho: null, lastBeat: Date.now() };
    this.connections.push(info);
    this.clients.push(client);
    ws.on('message', (data) => this.onClientFrame(client, String(data)));
    ws.on('close', () => (info.open = false));
    ws.send(encodePacket(JSON.stringify({ session_id: `<0.${this.connections.length}>_fake`, timestamp: Math.floor(Date.now() / 1000), release: 'fake-tradingview' })));
  }

  private onClientFrame(client: Client, frame: string): void {
    let packets;
    try {
      packets = decodeFrame(frame);
    } catch {
      client.info.closeReason = 'bad framing';
      client.ws.close();
      return;
    }
    for (const packet of packets) {
      if (packet.kind === 'heartbeat') {
        if (client.awaitingEcho?.payload === packet.payload) {
          client.info.heartbeatsEchoed += 1;
          client.awaitingEcho = null;
        }
      } else if (packet.kind === 'message') this.onMessage(client, packet.method, packet.params);
    }
  }

  private onMessage(client: Client, method: string, params: unknown[]): void {
    const { info } = client;
    const [session, ...rest] = params as string[];
    if (method === 'set_auth_token') {
      if (session !== ANONYMOUS && session !== this.authToken) {
        client.ws.send(encodePacket({ m: 'critical_error', p: ['auth', 'invalid auth token'] }));
        return;
      }
      info.authToken = session;
    } else if (method === 'quote_create_session') info.sessions.push(session);
    else if (method === 'quote_set_fields') info.fields = rest;
    else if (method === 'quote_remove_symbols') for (const s of rest) info.symbols.delete(s);
    else if (method === 'quote_add_symbols') {
      if (!info.sessions.includes(session) || info.authToken === null) {
        client.ws.send(encodePacket({ m: 'protocol_error', p: ['quote_add_symbols before set_auth_token and quote_create_session'] }));
        return;
      }
      const packets: string[] = [];
      for (const symbol of rest) {
        info.symbols.add(symbol);
        const price = this.prices.get(symbol);
        if (price) packets.push(...this.qsdPackets(client, symbol, price));
        packets.push(encodePacket({ m: 'quote_completed', p: [session, symbol] }));
      }
      client.ws.send(packets.join(''));
    }
  }

  private qsdPackets(client: Client, symbol: string, price: FakeTvPrice): string[] {
    const session = client.info.sessions[client.info.sessions.length - 1];
    const mode = client.info.authToken === this.authToken ? 'streaming' : 'delayed_streaming_900';
    const v = { lp: price.lp, ...(price.bid !== undefined ? { bid: price.bid } : {}), ...(price.ask !== undefined ? { ask: price.ask } : {}), update_mode: mode };
    return [encodePacket({ m: 'qsd', p: [session, { n: symbol, s: 'ok', v }] })];
  }

  private heartbeatPacket(client: Client): string {
    this.heartbeatNo += 1;
    const payload = `~h~${this.heartbeatNo}`;
    client.info.heartbeatsSent += 1;
    client.awaitingEcho = client.awaitingEcho ?? { payload, since: Date.now() };
    return encodePacket(payload);
  }

  private beat(): void {
    const now = Date.now();
    for (const client of this.openClients()) {
      if (client.awaitingEcho && now - client.awaitingEcho.since > this.options.heartbeatTimeoutMs) {
        client.info.closeReason = 'heartbeat not echoed';
        client.ws.close();
        continue;
      }
      if (now - client.lastBeat < this.options.heartbeatMs || client.awaitingEcho) continue;
      client.lastBeat = now;
      client.ws.send(this.heartbeatPacket(client));
    }
  }
}

export async function startFakeTradingView(options: FakeTradingViewOptions = {}): Promise<FakeTradingView> {
  const server = createServer();
  const fake = new FakeTradingView(server, {
    sessionId: options.sessionId ?? 'fake-session-0123456789',
    heartbeatMs: options.heartbeatMs ?? 10_000,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 30_000,
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  fake.port = (server.address() as AddressInfo).port;
  return fake;
}
