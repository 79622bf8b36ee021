import { Logger } from '@nestjs/common';
import { Subject } from 'rxjs';
import { BrokerEvent } from '../broker.port';
import { RateBudget } from './rate-budget';
import { TradovateContracts } from './tradovate-contracts';
import { TradovateEntityStore } from './tradovate-entity-store';
import { TradovateAuthError, describeError } from './tradovate-errors';
import { TradovateEventTranslator } from './tradovate-event-translator';
import { RestCall, RestOptions, TradovateRest } from './tradovate-rest';
import { SessionToken, TradovateCredentials, TradovateSession } from './tradovate-session';
import { SocketOptions, TradovateSocket } from './tradovate-socket';
import { SYNC_ENTITY_TYPES, SyncSnapshot, TradovateEnv, TvAccount, TvFill } from './tradovate-wire';

export interface ConnectionOptions {
  env: TradovateEnv;
  restUrl: string;
  /** trading socket: the REST base with http->ws plus /websocket */
  wsUrl: string;
  credentials: TradovateCredentials | null;
  budget: RateBudget;
  rest: RestOptions;
  renewBeforeMs: number;
  socket?: Partial<Omit<SocketOptions, 'url' | 'name' | 'token' | 'budget'>>;
  nowIso: () => string;
}

/**
 * One Tradovate user on one environment: a session (token), a REST client, one trading socket
 * synced with `user/syncrequest`, the contract cache, and the translated event stream. Every one of
 * our accounts on that user shares it (one session, one socket: Tradovate evicts extra sessions).
 */
export class TradovateConnection {
  readonly session: TradovateSession;
  readonly rest: TradovateRest;
  readonly socket: TradovateSocket;
  readonly store = new TradovateEntityStore();
  readonly contracts: TradovateContracts;
  readonly events$ = new Subject<BrokerEvent>();
  /** after a dropped trading socket is back, re-authorized and re-synced */
  readonly reconnected$ = new Subject<void>();
  readonly translator: TradovateEventTranslator;
  accounts: TvAccount[] = [];
  userId: number | null = null;
  private readonly ours = new Set<number>();
  private readonly logger = new Logger('Tradovate');
  private synced = false;

  constructor(readonly options: ConnectionOptions) {
    this.rest = new TradovateRest(options.restUrl, options.budget, options.rest);
    this.session = new TradovateSession(this.rest, options.credentials, { renewBeforeMs: options.renewBeforeMs, now: () => Date.parse(options.nowIso()) });
    this.contracts = new TradovateContracts((path, call) => this.api(path, call));
    this.socket = new TradovateSocket({
      url: options.wsUrl,
      name: `${options.env} trading`,
      token: async (refused) => (refused ? (await this.provenToken()).accessToken : this.session.accessToken()),
      budget: options.budget,
      requestTimeoutMs: options.rest.timeoutMs,
      maxPenaltyWaitSec: options.rest.maxPenaltyWaitSec,
      ...options.socket,
    });
    this.translator = new TradovateEventTranslator({
      store: this.store,
      contracts: this.contracts,
      emit: (event) => this.events$.next(event),
      fetchFills: (orderId) => this.api<TvFill[]>('fill/deps', { query: { masterid: orderId } }),
      isOurs: (accountId) => this.ours.has(accountId),
      nowIso: options.nowIso,
    });
    this.socket.events$.subscribe((events) => {
      const props = events.filter((e) => e.e === 'props').map((e) => e.d);
      if (props.length > 0) void this.translator.handle(props);
    });
    this.socket.connected$.subscribe(({ reconnect }) => void this.sync(reconnect));
  }

  get env(): TradovateEnv {
    return this.options.env;
  }

  /** Logs in (or uses an adopted OAuth token), reads the account list once, opens the trading socket and syncs. */
  async start(): Promise<void> {
    const token = this.session.token ?? (await this.session.login());
    this.userId = token.userId;
    if (this.userId === null) {
      const me = await this.api<{ userId?: number; name?: string }>('auth/me');
      this.userId = typeof me?.userId === 'number' ? me.userId : null;
    }
    this.accounts = (await this.api<TvAccount[]>('account/list')) ?? [];
    this.socket.start();
    await this.socket.whenReady(this.options.rest.timeoutMs * 2);
    await this.waitForSync();
  }

  stop(): void {
    this.socket.stop();
    this.session.stop();
  }

  /** Marks a Tradovate account as traded by us, so its socket events are forwarded. */
  trade(accountId: number): void {
    this.ours.add(accountId);
  }

  untrade(accountId: number): void {
    this.ours.delete(accountId);
  }

  /** The Tradovate account named `spec` (case-insensitive), else the first active one. */
  pickAccount(spec: string | null | undefined): TvAccount | null {
    const usable = this.accounts.filter((a) => a.active !== false && a.archived !== true);
    if (spec) return this.accounts.find((a) => a.name.toUpperCase() === spec.trim().toUpperCase() || String(a.id) === spec.trim()) ?? null;
    return usable[0] ?? null;
  }

  /** A REST call with the session's token; one re-login and retry when the token was refused (a 401 was not processed). */
  async api<T>(path: string, call: RestCall = {}): Promise<T> {
    const token = await this.session.accessToken();
    try {
      return await this.rest.call<T>(path, { ...call, token });
    } catch (error) {
      if (!(error instanceof TradovateAuthError) || error.status !== 401) throw error;
      this.logger.warn(`Tradovate refused the token on ${path}; logging in again once`);
      const fresh = await this.session.login();
      return this.rest.call<T>(path, { ...call, token: fresh.accessToken });
    }
  }

  /**
   * After a socket's authorize was refused: the token checked with one REST call, and replaced by a
   * login only if Tradovate refuses it there too (a login per refusal would evict our own sessions).
   */
  async provenToken(): Promise<SessionToken> {
    await this.api('auth/me');
    const token = this.session.token;
    if (!token) throw new TradovateAuthError('no Tradovate token after checking it');
    return token;
  }

  private syncWaiters: Array<() => void> = [];

  private waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  private async sync(reconnect: boolean): Promise<void> {
    try {
      const body: Record<string, unknown> = { users: this.userId !== null ? [this.userId] : [], entityTypes: SYNC_ENTITY_TYPES };
      if (this.userId === null) body.accounts = this.accounts.map((a) => a.id);
      const snapshot = (await this.socket.request<SyncSnapshot>('user/syncrequest', undefined, body)) ?? {};
      if (reconnect) await this.translator.resync(snapshot);
      else await this.translator.seed(snapshot);
      this.synced = true;
      this.syncWaiters.splice(0).forEach((w) => w());
      if (reconnect) this.reconnected$.next();
    } catch (error) {
      this.logger.warn(`Tradovate ${this.env} sync failed (${describeError(error)}); reconnecting`);
      this.socket.drop();
    }
  }
}
