import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { tryResolveContract } from '../../../core/contracts';
import { BookReaderService } from '../../execution/book-reader.service';
import { RecordersService } from '../../recorders/recorders.service';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { tradingSocketUrl } from '../../../config/tradovate-config';
import { EventBus } from '../../../core/bus/event-bus';
import { Clock } from '../../../core/clock';
import { BrokerRegistry } from '../broker-registry';
import { RateBudgets } from './rate-budget';
import { TradovateBroker } from './tradovate-broker';
import { TradovateConnection } from './tradovate-connection';
import { TradovateAuthError, TradovateCaptchaError, TradovateRateLimitError, TradovateTimeoutError, TradovateUnavailableError, describeError } from './tradovate-errors';
import { TradovateMarketData } from './tradovate-market-data';
import { TradovateCredentials } from './tradovate-session';
import { TradovateEnv } from './tradovate-wire';

/** What AccountsService hands over to connect one of our accounts (secrets already decrypted). */
export interface TradovateAccountSpec {
  accountId: string;
  environment: TradovateEnv;
  credentials: TradovateCredentials | null;
  /** from the OAuth code exchange, when the account was connected that way */
  oauthToken: { accessToken: string; expiresAt: string } | null;
  accountSpec: string | null;
  /** LIVE -> DEMO fallback for read-only data when live auth is rate-limited or unavailable */
  demoFallback: boolean;
}

interface Binding {
  spec: TradovateAccountSpec;
  key: string | null;
  tvAccountId: number | null;
  retry: NodeJS.Timeout | null;
  attempts: number;
  /** new credentials: log in afresh even if the user already has a connection */
  fresh: boolean;
}

/**
 * Hosts the Tradovate connections (one per user and environment, shared by our accounts on that
 * user), registers each as a broker, binds our accounts to their Tradovate account, and reports
 * every state change as AccountConnectionChanged. Logins run in the background (G-51): nothing
 * here blocks a request.
 */
@Injectable()
export class TradovateVenueService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Tradovate');
  private readonly connections = new Map<string, { conn: TradovateConnection; broker: TradovateBroker; md: TradovateMarketData; starting: Promise<void>; secret: string }>();
  private readonly bindings = new Map<string, Binding>();
  private readonly budgets: RateBudgets;
  /** contracts someone needs quotes for (recorders, open positions); every connection streams them */
  private readonly quoteInterest = new Set<string>();

  constructor(
    private readonly registry: BrokerRegistry,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly modules: ModuleRef,
  ) {
    this.budgets = new RateBudgets(config.tradovate.ratePerMin, config.tradovate.rateBurst);
  }

  /** Quote interest: every contract an alert names and every contract we hold (only a set until a Tradovate account connects). */
  onModuleInit(): void {
    this.bus.on('SignalReceived', 'tradovate-quote-interest', (e) => this.wantQuotes(e.contract));
    this.bus.on('PositionChanged', 'tradovate-quote-interest', (e) => (e.netPos !== 0 ? this.wantQuotes(e.contract) : undefined));
  }

  /** ...and the contracts of existing recorders and open positions (looked up lazily: those modules come after this one). */
  async onApplicationBootstrap(): Promise<void> {
    const now = this.clock.now();
    try {
      const recorders = this.modules.get(RecordersService, { strict: false });
      for (const r of (await recorders?.list()) ?? []) {
        const contract = tryResolveContract(r.symbol, now);
        if (contract) this.wantQuotes(contract.name);
      }
      const book = this.modules.get(BookReaderService, { strict: false });
      for (const p of (await book?.openPositions()) ?? []) this.wantQuotes(p.contract);
    } catch (error) {
      this.logger.debug(`quote interest at start: ${describeError(error)}`);
    }
  }

  /**
   * Connects (or reconnects with new settings) one of our accounts; returns at once. `fresh`: the
   * credentials were just changed, so a new login replaces the user's connection and proves them.
   */
  connect(spec: TradovateAccountSpec, fresh = false): void {
    const existing = this.bindings.get(spec.accountId);
    if (!fresh && existing && JSON.stringify(existing.spec) === JSON.stringify(spec) && (existing.key || existing.retry)) return;
    this.disconnect(spec.accountId);
    const binding: Binding = { spec, key: null, tvAccountId: null, retry: null, attempts: 0, fresh };
    this.bindings.set(spec.accountId, binding);
    void this.attach(binding);
  }

  disconnect(accountId: string): void {
    const binding = this.bindings.get(accountId);
    if (!binding) return;
    if (binding.retry) clearTimeout(binding.retry);
    this.bindings.delete(accountId);
    this.registry.unbindAccount(accountId);
    if (binding.key && binding.tvAccountId !== null) this.connections.get(binding.key)?.conn.untrade(binding.tvAccountId);
  }

  /** The connection serving one of our accounts (routing check, OAuth). */
  connectionOf(accountId: string): TradovateConnection | null {
    const key = this.bindings.get(accountId)?.key;
    return key ? this.connections.get(key)?.conn ?? null : null;
  }

  tradovateAccountOf(accountId: string): number | null {
    return this.bindings.get(accountId)?.tvAccountId ?? null;
  }

  /** Quotes for this contract from every Tradovate market-data socket (once per contract). */
  wantQuotes(contract: string): void {
    if (this.quoteInterest.has(contract)) return;
    this.quoteInterest.add(contract);
    for (const { md } of this.connections.values()) md.want(contract);
  }

  hasConnections(): boolean {
    return this.connections.size > 0;
  }

  onApplicationShutdown(): void {
    for (const b of this.bindings.values()) if (b.retry) clearTimeout(b.retry);
    for (const { conn, md } of this.connections.values()) {
      conn.stop();
      md.stop();
    }
    this.connections.clear();
  }

  private async attach(binding: Binding): Promise<void> {
    const { spec } = binding;
    this.report(spec.accountId, { status: 'connecting', lastError: null, detail: null });
    try {
      const fresh = binding.fresh;
      binding.fresh = false;
      const entry = await this.connection(spec.environment, spec, false, fresh);
      if (this.bindings.get(spec.accountId) !== binding) return;
      const account = entry.conn.pickAccount(spec.accountSpec);
      if (!account) {
        const names = entry.conn.accounts.map((a) => a.name).join(', ') || 'none';
        throw new Error(spec.accountSpec ? `Tradovate has no account named ${spec.accountSpec} for this user (accounts: ${names})` : 'this Tradovate user has no active account');
      }
      binding.key = this.keyOf(spec.environment, spec);
      binding.tvAccountId = account.id;
      binding.attempts = 0;
      entry.conn.trade(account.id);
      this.registry.bindAccount(spec.accountId, entry.broker.kind, String(account.id));
      this.report(spec.accountId, { status: 'connected', lastError: null, detail: null, brokerAccountRef: String(account.id), brokerAccountName: account.name });
    } catch (error) {
      if (this.bindings.get(spec.accountId) !== binding) return;
      await this.failed(binding, error);
    }
  }

  private async failed(binding: Binding, error: unknown): Promise<void> {
    const { spec } = binding;
    const message = describeError(error);
    this.logger.warn(`Tradovate account ${spec.accountId} (${spec.environment}) not connected: ${message}`);
    let detail: string | null = null;
    if (spec.environment === 'live' && spec.demoFallback && isOutage(error)) {
      detail = await this.demoFallback(spec);
    }
    this.report(spec.accountId, { status: 'error', lastError: message, detail });
    // wrong credentials or a captcha: retrying would only earn a lockout (reference §8.1); new credentials reconnect
    if (error instanceof TradovateCaptchaError || error instanceof TradovateAuthError) return;
    const delay = Math.min(600_000, 15_000 * 2 ** binding.attempts++);
    binding.retry = setTimeout(() => {
      binding.retry = null;
      if (this.bindings.get(spec.accountId) === binding) void this.attach(binding);
    }, delay);
    binding.retry.unref?.();
  }

  /** Read-only demo session for market data, contract lookups and the routing check; orders stay on live. */
  private async demoFallback(spec: TradovateAccountSpec): Promise<string> {
    try {
      await this.connection('demo', spec, true);
      return 'live login is rate-limited or unavailable: the demo session serves read-only data (quotes, contracts); orders are NOT sent until live is back';
    } catch (error) {
      return `live login failed and the demo fallback failed too (${describeError(error)})`;
    }
  }

  private keyOf(env: TradovateEnv, spec: TradovateAccountSpec): string {
    return `${env}:${(spec.credentials?.username ?? `oauth-${spec.accountId}`).toLowerCase()}`;
  }

  private async connection(env: TradovateEnv, spec: TradovateAccountSpec, readOnly = false, fresh = false) {
    const key = `${readOnly ? 'fallback-' : ''}${this.keyOf(env, spec)}`;
    let entry = this.connections.get(key);
    const secret = JSON.stringify(spec.credentials ?? spec.oauthToken);
    if (entry && fresh) {
      // new credentials for this user: one fresh login replaces the old session (and proves the new password)
      this.connections.delete(key);
      entry.conn.stop();
      entry.md.stop();
      for (const other of this.bindings.values()) {
        if (other.key === key && other.spec.accountId !== spec.accountId) {
          other.key = null;
          void this.attach(other);
        }
      }
      entry = undefined;
    }
    if (!entry) {
      const t = this.config.tradovate;
      const restUrl = env === 'live' ? t.liveUrl : t.demoUrl;
      const budget = this.budgets.for(spec.credentials?.username ?? `oauth-${spec.accountId}`);
      const conn = new TradovateConnection({
        env,
        restUrl,
        wsUrl: tradingSocketUrl(restUrl),
        credentials: spec.credentials,
        budget,
        rest: { timeoutMs: t.timeoutMs, maxPenaltyWaitSec: t.maxPenaltySec, getTicketMode: t.getTicketMode },
        renewBeforeMs: t.renewBeforeSec * 1000,
        nowIso: () => this.clock.nowIso(),
      });
      if (spec.oauthToken) conn.session.adopt(spec.oauthToken.accessToken, new Date(spec.oauthToken.expiresAt));
      const broker = new TradovateBroker(`tradovate:${key}`, conn);
      if (readOnly) broker.readOnlyReason = 'this is the demo session of a live account (LIVE -> DEMO fallback): it never places orders';
      const md = new TradovateMarketData(t.mdUrl, () => conn.session.token, budget, conn.contracts, (q) =>
        this.bus.publish({ type: 'QuoteReceived', ts: this.clock.nowIso(), contract: q.contract, price: q.price, bid: q.bid, ask: q.ask, source: 'broker', venue: 'tradovate' }),
        { requestTimeoutMs: t.timeoutMs },
        () => conn.provenToken(),
      );
      const created = { conn, broker, md, starting: Promise.resolve(), secret };
      created.starting = conn.start().then(() => {
        this.registry.registerBroker(broker);
        this.quoteInterest.forEach((c) => md.want(c));
      });
      this.connections.set(key, created);
      this.wire(key, conn);
      entry = created;
      created.starting.catch(() => {
        if (this.connections.get(key) === created) this.connections.delete(key);
        conn.stop();
        md.stop();
      });
    }
    await entry.starting;
    return entry;
  }

  private wire(key: string, conn: TradovateConnection): void {
    const ours = () => [...this.bindings.values()].filter((b) => b.key === key);
    conn.session.onChange((token, error) => {
      for (const b of ours()) {
        if (token && !error) this.report(b.spec.accountId, { status: 'connected', lastError: null, tokenExpiresAt: token.expiresAt.toISOString() });
        else if (error) this.report(b.spec.accountId, { status: token ? 'connected' : 'error', lastError: describeError(error) });
      }
    });
    conn.reconnected$.subscribe(() => {
      for (const b of ours()) this.bus.publish({ type: 'BrokerReconnected', ts: this.clock.nowIso(), accountId: b.spec.accountId });
    });
  }

  private report(
    accountId: string,
    change: { status: 'connecting' | 'connected' | 'error'; lastError: string | null; detail?: string | null; tokenExpiresAt?: string; brokerAccountRef?: string; brokerAccountName?: string },
  ): void {
    const binding = this.bindings.get(accountId);
    const conn = binding?.key ? this.connections.get(binding.key)?.conn : null;
    this.bus.publish({
      type: 'AccountConnectionChanged',
      ts: this.clock.nowIso(),
      accountId,
      status: change.status,
      lastError: change.lastError,
      tokenExpiresAt: change.tokenExpiresAt ?? conn?.session.token?.expiresAt.toISOString() ?? null,
      brokerAccountRef: change.brokerAccountRef ?? null,
      brokerAccountName: change.brokerAccountName ?? null,
      detail: change.detail ?? null,
    });
  }
}

function isOutage(error: unknown): boolean {
  return error instanceof TradovateRateLimitError || error instanceof TradovateUnavailableError || error instanceof TradovateTimeoutError || error instanceof TradovateCaptchaError;
}
