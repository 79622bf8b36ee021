import { Logger } from '@nestjs/common';
import { Subject } from 'rxjs';
import WebSocket from 'ws';
import { withPenaltyRetry } from './penalty';
import { RateBudget } from './rate-budget';
import {
  TradovateAuthError,
  TradovateRateLimitError,
  TradovateRequestError,
  TradovateTimeoutError,
  TradovateUnavailableError,
  describeError,
} from './tradovate-errors';
import { CLIENT_HEARTBEAT, SocketEvent, SocketResponse, decodeFrame, encodeRequest, isResponse } from './tradovate-frames';

export interface SocketOptions {
  url: string;
  /** for logs: "demo trading", "market data" */
  name: string;
  /** the token sent in `authorize` (asked again on every reconnect); `refused`: the last one got a 401, get a new one */
  token: (refused: boolean) => Promise<string>;
  budget: RateBudget;
  heartbeatMs?: number;
  requestTimeoutMs?: number;
  /** no frame at all for this long (the server sends `h` when idle) = a dead connection */
  silentTimeoutMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** wait after a `shutdown` with ConnectionQuotaReached / IPQuotaReached */
  quotaBackoffMs?: number;
  maxPenaltyWaitSec?: number;
}

interface Pending {
  resolve: (response: SocketResponse) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One long-lived Tradovate socket (trading or market data): `o` -> authorize -> `[]` every 2.5 s;
 * requests are correlated by id with a timeout; on any drop it reconnects with jittered back-off,
 * re-authorizes and tells its owner (`connected$` with reconnect=true) so it can re-sync and re-subscribe.
 */
export class TradovateSocket {
  /** the events of one frame together (a frame may carry an order's fill and its status change) */
  readonly events$ = new Subject<SocketEvent[]>();
  /** after each successful authorize */
  readonly connected$ = new Subject<{ reconnect: boolean }>();
  readonly disconnected$ = new Subject<string>();

  private readonly logger = new Logger('Tradovate');
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private authorized = false;
  private everConnected = false;
  private stopped = true;
  private attempts = 0;
  private lastFrameAt = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readyWaiters: Array<() => void> = [];
  private nextDelayMs: number | null = null;
  /** the server answered the last authorize with 401: the token is dead even if it has not reached its expiry */
  private tokenRefused = false;
  private readonly o: Required<Omit<SocketOptions, 'token' | 'budget' | 'url' | 'name'>>;

  constructor(private readonly options: SocketOptions) {
    this.o = {
      heartbeatMs: options.heartbeatMs ?? 2_500,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      silentTimeoutMs: options.silentTimeoutMs ?? 20_000,
      reconnectMinMs: options.reconnectMinMs ?? 500,
      reconnectMaxMs: options.reconnectMaxMs ?? 30_000,
      quotaBackoffMs: options.quotaBackoffMs ?? 120_000,
      maxPenaltyWaitSec: options.maxPenaltyWaitSec ?? 120,
    };
  }

  get isReady(): boolean {
    return this.authorized && this.ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.teardown('stopped');
    this.ws?.terminate();
    this.ws = null;
  }

  /** Drops the connection as if the network did (tests, and a dead-connection watchdog). */
  drop(): void {
    this.ws?.terminate();
  }

  /** Resolves once the socket is authorized; rejects after `timeoutMs`. */
  whenReady(timeoutMs = this.o.requestTimeoutMs): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new TradovateUnavailableError(`the Tradovate ${this.options.name} socket is not connected`)), timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** One request; a penalty ticket in the answer is waited out and the same request re-sent with it. */
  async request<T>(endpoint: string, query?: Record<string, string | number>, body?: Record<string, unknown>, timeoutMs = this.o.requestTimeoutMs): Promise<T> {
    return withPenaltyRetry<T>(
      endpoint,
      async (ticket) => {
        await this.whenReady(timeoutMs);
        await this.options.budget.take();
        const sentBody = ticket ? { ...(body ?? {}), 'p-ticket': ticket } : body;
        const response = await this.send(endpoint, query, sentBody, timeoutMs);
        return this.unwrap<T>(endpoint, response);
      },
      { maxWaitSec: this.o.maxPenaltyWaitSec },
    );
  }

  private unwrap<T>(endpoint: string, response: SocketResponse): T {
    const { s, d } = response;
    if (s >= 200 && s < 300) return d as T;
    const text = typeof d === 'string' ? d : d === undefined ? '' : JSON.stringify(d);
    if (s === 429 || s === 423) {
      this.options.budget.pause();
      throw new TradovateRateLimitError(endpoint, s);
    }
    if (s === 401 || s === 403) throw new TradovateAuthError(`Tradovate refused ${endpoint} on the ${this.options.name} socket (${s}${text ? `: ${text}` : ''})`, s);
    throw new TradovateRequestError(`Tradovate ${endpoint} failed on the ${this.options.name} socket (${s}${text ? `: ${text}` : ''})`, s);
  }

  private send(endpoint: string, query: Record<string, string | number> | undefined, body: unknown, timeoutMs: number): Promise<SocketResponse> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new TradovateUnavailableError(`the Tradovate ${this.options.name} socket is not connected`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new TradovateTimeoutError(`Tradovate did not answer ${endpoint} within ${timeoutMs} ms on the ${this.options.name} socket`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      ws.send(encodeRequest(endpoint, id, query, body));
    });
  }

  private connect(): void {
    if (this.stopped) return;
    const ws = new WebSocket(this.options.url, { maxPayload: 256 * 1024 * 1024, handshakeTimeout: this.o.requestTimeoutMs });
    this.ws = ws;
    this.lastFrameAt = performance.now();
    ws.on('message', (data) => {
      if (this.ws === ws) this.onFrame(ws, data.toString());
    });
    ws.on('error', (error) => this.logger.debug(`Tradovate ${this.options.name} socket error: ${describeError(error)}`));
    ws.on('close', (code, reason) => {
      if (this.ws !== ws) return;
      this.onClosed(`closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`);
    });
  }

  private onFrame(ws: WebSocket, raw: string): void {
    this.lastFrameAt = performance.now();
    const frame = decodeFrame(raw);
    if (frame.type === 'open') void this.authorize(ws);
    else if (frame.type === 'close') ws.terminate();
    else if (frame.type === 'messages') {
      const events: SocketEvent[] = [];
      for (const message of frame.messages) {
        if (isResponse(message)) this.settle(message);
        else if (message.e === 'shutdown') this.onShutdown(ws, message.d);
        else events.push(message);
      }
      if (events.length > 0) this.events$.next(events);
    }
  }

  private async authorize(ws: WebSocket): Promise<void> {
    this.startHeartbeat(ws);
    try {
      const token = await this.options.token(this.tokenRefused);
      const response = await this.send('authorize', undefined, token, this.o.requestTimeoutMs);
      this.tokenRefused = response.s === 401;
      if (response.s !== 200) throw new TradovateAuthError(`Tradovate refused to authorize the ${this.options.name} socket (${response.s}: ${String(response.d ?? '')})`, response.s);
    } catch (error) {
      this.logger.warn(describeError(error));
      this.disconnected$.next(describeError(error));
      ws.terminate();
      return;
    }
    const reconnect = this.everConnected;
    this.everConnected = true;
    this.authorized = true;
    this.attempts = 0;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    waiters.forEach((w) => w());
    if (reconnect) this.logger.log(`Tradovate ${this.options.name} socket reconnected`);
    this.connected$.next({ reconnect });
  }

  private startHeartbeat(ws: WebSocket): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (performance.now() - this.lastFrameAt > this.o.silentTimeoutMs) {
        this.logger.warn(`Tradovate ${this.options.name} socket silent for ${this.o.silentTimeoutMs} ms: reconnecting`);
        ws.terminate();
        return;
      }
      ws.send(CLIENT_HEARTBEAT);
    }, this.o.heartbeatMs);
    this.heartbeat.unref?.();
  }

  private settle(response: SocketResponse): void {
    const waiting = this.pending.get(response.i);
    if (!waiting) return;
    this.pending.delete(response.i);
    clearTimeout(waiting.timer);
    waiting.resolve(response);
  }

  private onShutdown(ws: WebSocket, d: unknown): void {
    const code = String((d as { reasonCode?: string } | null)?.reasonCode ?? 'unknown');
    this.logger.warn(`Tradovate ${this.options.name} socket shutdown notice: ${code}`);
    if (/Quota/i.test(code)) this.nextDelayMs = this.o.quotaBackoffMs;
    ws.terminate();
  }

  private onClosed(why: string): void {
    this.teardown(why);
    if (this.stopped) return;
    this.disconnected$.next(why);
    const base = Math.min(this.o.reconnectMaxMs, this.o.reconnectMinMs * 2 ** this.attempts++);
    const delay = this.nextDelayMs ?? Math.round(base / 2 + Math.random() * (base / 2));
    this.nextDelayMs = null;
    this.logger.warn(`Tradovate ${this.options.name} socket ${why}; reconnecting in ${delay} ms`);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
    this.reconnectTimer.unref?.();
  }

  private teardown(why: string): void {
    this.authorized = false;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new TradovateUnavailableError(`the Tradovate ${this.options.name} socket ${why} before answering request ${id}`));
    }
    this.pending.clear();
  }
}
