import type { OrderFaultHooks } from './fake-order-engine';
import type { WireReply } from './fake-wire-types';
import { ok } from './fake-wire-types';

/** What the socket faults act on; the server wires it in. */
export interface SocketControl {
  drop(kind: SocketKind): number;
  shutdown(kind: SocketKind, d: { reasonCode: string; reason?: string }, close: boolean): number;
}
export type SocketKind = 'trading' | 'md' | 'all';
export type PropsForm = 'object' | 'arrayEntity' | 'arrayD';

interface Penalty {
  endpoint: string;
  ticket: string;
  pTime: number;
  captcha: boolean;
  issuedAt?: number;
  times: number;
}

const norm = (endpoint?: string) => (endpoint ? endpoint.replace(/^\/+/, '').replace(/^v1\//i, '').toLowerCase() : undefined);
const matches = (filter: string | undefined, endpoint: string) => filter === undefined || filter === endpoint;

/**
 * The fault script. Every method arms something for the next requests; `clear()` disarms all.
 * Endpoints are named like socket endpoints, case-insensitive: 'auth/accesstokenrequest', 'order/placeorder'.
 */
export class FakeFaults implements OrderFaultHooks {
  private loginErrors: { text: string; times: number } | undefined;
  private penalties: Penalty[] = [];
  private limits: { endpoint?: string; left: number }[] = [];
  private rejects: { failureReason: string; failureText: string; mode: 'sync' | 'async' }[] = [];
  private splits: number[][] = [];
  private duplicates: 'place' | 'reject' = 'place';
  private delays: { endpoint?: string; ms: number; after: boolean }[] = [];
  private errors: { endpoint: string; status: number; text: string; left: number }[] = [];
  private ticketSeq = 0;
  /** server `h` frames suppressed */
  heartbeatsStopped = false;
  props: PropsForm = 'object';
  private silence: { endpoint?: string; process: boolean } | undefined;

  constructor(
    private readonly sockets: () => SocketControl,
    private readonly expire: () => void,
    private readonly nowMs: () => number,
  ) {}

  /** The next `times` logins answer HTTP 200 `{errorText: text}` (§2.1). */
  loginErrorText(text = 'Incorrect username or password. Please try again, noting that passwords are case-sensitive.', times = 1): void {
    this.loginErrors = { text, times };
  }

  /**
   * The next request to `endpoint` (default the login) answers `{p-ticket, p-time, p-captcha}` instead
   * of being processed (§3). A retry with the same body plus `p-ticket` after `pTime` seconds goes
   * through; earlier, it gets the same ticket with the seconds left. With `captcha` every request is
   * refused until `clear()` (a captcha cannot be solved by an app).
   */
  penalty(opts: { pTime: number; captcha?: boolean; pTicket?: string; endpoint?: string; times?: number }): void {
    this.penalties.push({
      endpoint: norm(opts.endpoint) ?? 'auth/accesstokenrequest',
      ticket: opts.pTicket ?? `fake-p-ticket-${++this.ticketSeq}`,
      pTime: opts.pTime,
      captcha: opts.captcha ?? false,
      times: opts.times ?? 1,
    });
  }

  /** The next `n` requests (to `endpoint`, or any) answer 429 with an empty body / `{s:429,i}` (§3). */
  rateLimit(n: number, opts: { endpoint?: string } = {}): void {
    this.limits.push({ endpoint: norm(opts.endpoint), left: n });
  }

  /** The next order placement fails: 'sync' = HTTP 200 `{failureReason, failureText}`; 'async' = accepted, then RiskRejected (§6.6). */
  rejectNextOrder(failureReason = 'UnknownReason', failureText = 'Rejected by the fake', opts: { mode?: 'sync' | 'async' } = {}): void {
    this.rejects.push({ failureReason, failureText, mode: opts.mode ?? 'sync' });
  }

  /** The next order to execute fills in these parts (e.g. [1, 1]); what the parts leave fills last. */
  splitNextFill(parts: number[]): void {
    this.splits.push(parts);
  }

  /** Whether a repeated clOrdId is placed again (default, Tradovate documents no idempotency, §8.6) or refused. */
  duplicateClOrdIds(mode: 'place' | 'reject'): void {
    this.duplicates = mode;
  }

  /**
   * Requests (to `endpoint`, or any) are slow by `ms`: by default they wait before being processed;
   * with `after` they are processed at once (orders placed, events sent) and only the answer is late.
   * `slow(0)` clears.
   */
  slow(ms: number, opts: { endpoint?: string; after?: boolean } = {}): void {
    const endpoint = norm(opts.endpoint);
    const after = opts.after ?? false;
    this.delays = this.delays.filter((d) => d.endpoint !== endpoint || d.after !== after);
    if (ms > 0) this.delays.push({ endpoint, ms, after });
  }

  /** The next `times` requests to `endpoint` answer `status` with `text` (e.g. a 500 from position/list). */
  httpError(endpoint: string, status: number, text = 'Internal server error', times = 1): void {
    this.errors.push({ endpoint: norm(endpoint) as string, status, text, left: times });
  }

  /**
   * Requests (to `endpoint`, or any) get no answer at all until `clear()`: the HTTP request or socket
   * request hangs. With `process` they are still carried out (an order is placed) - a lost response.
   */
  stopResponding(opts: { endpoint?: string; process?: boolean } = {}): void {
    this.silence = { endpoint: norm(opts.endpoint), process: opts.process ?? false };
  }

  /** Abruptly closes open sockets (no close frame). Returns how many. */
  dropSockets(kind: SocketKind = 'all'): number {
    return this.sockets().drop(kind);
  }

  /** Sends `{e:"shutdown", d:{reasonCode, reason}}` (§4.6); then a `c[1000,...]` close frame and closes, unless close is false. */
  shutdown(opts: { reasonCode?: string; reason?: string; kind?: SocketKind; close?: boolean } = {}): number {
    const d = { reasonCode: opts.reasonCode ?? 'Maintenance', ...(opts.reason ? { reason: opts.reason } : {}) };
    return this.sockets().shutdown(opts.kind ?? 'all', d, opts.close ?? true);
  }

  stopHeartbeats(): void {
    this.heartbeatsStopped = true;
  }

  resumeHeartbeats(): void {
    this.heartbeatsStopped = false;
  }

  /** Every issued token expires now: REST answers 401, socket authorize answers 401. */
  expireTokens(): void {
    this.expire();
  }

  /** Which of the props shapes of §4.6 the sockets send: object, `entity` as an array, or `d` as an array. */
  propsForm(form: PropsForm): void {
    this.props = form;
  }

  clear(): void {
    this.loginErrors = undefined;
    this.penalties = [];
    this.limits = [];
    this.rejects = [];
    this.splits = [];
    this.duplicates = 'place';
    this.delays = [];
    this.errors = [];
    this.heartbeatsStopped = false;
    this.props = 'object';
    this.silence = undefined;
  }

  // ---- consulted by the server ----

  takeLoginError(): string | undefined {
    if (!this.loginErrors || this.loginErrors.times <= 0) return undefined;
    this.loginErrors.times--;
    return this.loginErrors.text;
  }

  delayFor(endpoint: string, phase: 'before' | 'after'): number {
    return this.delays.filter((d) => d.after === (phase === 'after') && matches(d.endpoint, endpoint)).reduce((max, d) => Math.max(max, d.ms), 0);
  }

  /** 'drop': do not process, do not answer; 'lose': process, do not answer. */
  silenceFor(endpoint: string): 'drop' | 'lose' | undefined {
    if (!this.silence || !matches(this.silence.endpoint, endpoint)) return undefined;
    return this.silence.process ? 'lose' : 'drop';
  }

  /** A scripted answer that replaces processing: 429, an HTTP error, or a penalty. */
  intercept(endpoint: string, params: Record<string, unknown>): WireReply | undefined {
    const limit = this.limits.find((l) => l.left > 0 && matches(l.endpoint, endpoint));
    if (limit) {
      limit.left--;
      return { status: 429 };
    }
    const error = this.errors.find((e) => e.left > 0 && e.endpoint === endpoint);
    if (error) {
      error.left--;
      return { status: error.status, body: error.text };
    }
    return this.penaltyFor(endpoint, params);
  }

  private penaltyFor(endpoint: string, params: Record<string, unknown>): WireReply | undefined {
    const penalty = this.penalties.find((p) => p.endpoint === endpoint && p.times > 0);
    if (!penalty) return undefined;
    const now = this.nowMs();
    penalty.issuedAt ??= now;
    const waited = now - penalty.issuedAt >= penalty.pTime * 1000;
    if (!penalty.captcha && params['p-ticket'] === penalty.ticket && waited) {
      penalty.times--;
      if (penalty.times > 0) {
        penalty.ticket = `fake-p-ticket-${++this.ticketSeq}`;
        penalty.issuedAt = undefined;
      }
      return undefined;
    }
    const left = penalty.captcha ? penalty.pTime : Math.max(0, Math.ceil(penalty.pTime - (now - penalty.issuedAt) / 1000));
    return ok({ 'p-ticket': penalty.ticket, 'p-time': left, 'p-captcha': penalty.captcha });
  }

  takeReject() {
    return this.rejects.shift();
  }

  takeFillSplit() {
    return this.splits.shift();
  }

  duplicateClOrdId() {
    return this.duplicates;
  }
}
