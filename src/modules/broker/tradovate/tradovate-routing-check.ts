import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { Clock } from '../../../core/clock';
import { describeError } from './tradovate-errors';
import { TradovateVenueService } from './tradovate-venue.service';

export interface RoutingCheck {
  /** null: we could not tell (never a guess) */
  enabled: boolean | null;
  source: 'pluginisentitled' | 'userPlugin' | 'not-tradovate' | 'unknown';
  checkedAt: string;
  detail: string;
}

/**
 * "Can TradingView route orders to this account?" Tradovate has no such field (reference §7):
 * TradingView access is an entitlement / user plugin, whose name is configurable
 * (TRADOVATE_TV_ENTITLEMENT). Answers are cached so a polling page costs Tradovate nothing.
 */
@Injectable()
export class TradovateRoutingCheck {
  private readonly cache = new Map<string, RoutingCheck>();
  /** the newest answer of any kind, unknown included: what the pages show */
  private readonly latest = new Map<string, RoutingCheck>();
  /** one question to Tradovate per account at a time: concurrent askers share it */
  private readonly asking = new Map<string, Promise<RoutingCheck>>();

  constructor(
    private readonly venue: TradovateVenueService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(accountId: string, refresh = false): Promise<RoutingCheck> {
    const cached = this.cache.get(accountId);
    const ttlMs = this.config.tradovate.routingCacheSec * 1000;
    if (cached && !refresh && this.clock.now().getTime() - Date.parse(cached.checkedAt) < ttlMs) return cached;
    const pending = this.asking.get(accountId);
    if (pending) return pending;
    const asked = this.ask(accountId).then((result) => {
      if (this.asking.get(accountId) === asked) {
        this.latest.set(accountId, result);
        if (result.enabled !== null) this.cache.set(accountId, result);
      }
      return result;
    });
    this.asking.set(accountId, asked);
    try {
      return await asked;
    } finally {
      if (this.asking.get(accountId) === asked) this.asking.delete(accountId);
    }
  }

  /**
   * What is known without asking Tradovate: the last definite answer (a later "could not tell"
   * does not erase a "not enabled"), else the last answer; undefined if never checked.
   */
  known(accountId: string): RoutingCheck | undefined {
    return this.cache.get(accountId) ?? this.latest.get(accountId);
  }

  /** The newest answer, definite or not (for display). */
  lastAnswer(accountId: string): RoutingCheck | undefined {
    return this.latest.get(accountId);
  }

  forget(accountId: string): void {
    this.cache.delete(accountId);
    this.latest.delete(accountId);
    this.asking.delete(accountId);
  }

  private async ask(accountId: string): Promise<RoutingCheck> {
    const checkedAt = this.clock.nowIso();
    const conn = this.venue.connectionOf(accountId);
    const name = this.config.tradovate.tvEntitlement;
    if (!conn) return { enabled: null, source: 'unknown', checkedAt, detail: 'the account is not connected to Tradovate yet, so TradingView routing cannot be checked' };
    const problems: string[] = [];
    try {
      const res = await conn.rest.call<{ errorText?: string; errorCode?: string; entitlementSubscription?: unknown }>('userPlugin/pluginisentitled', {
        body: { entitlementName: name, ...(conn.userId !== null ? { userId: conn.userId } : {}) },
        token: await conn.session.accessToken(),
        returnErrorText: true,
      });
      if (res?.entitlementSubscription) return { enabled: true, source: 'pluginisentitled', checkedAt, detail: `entitlement "${name}" is active for this user` };
      if (res?.errorCode || res?.errorText) {
        if (/not.?entitled/i.test(`${res.errorCode ?? ''} ${res.errorText ?? ''}`)) {
          return { enabled: false, source: 'pluginisentitled', checkedAt, detail: `Tradovate says the user is not entitled to "${name}" (${res.errorText ?? res.errorCode})` };
        }
        problems.push(`pluginisentitled: ${res.errorText ?? res.errorCode}`);
      } else problems.push('pluginisentitled gave no answer');
    } catch (error) {
      problems.push(`pluginisentitled: ${describeError(error)}`);
    }
    try {
      const plugins = (await conn.api<Array<{ pluginName?: string; approval?: boolean; expirationDate?: string }>>('userPlugin/list')) ?? [];
      const match = plugins.find((p) => (p.pluginName ?? '').toLowerCase() === name.toLowerCase());
      if (match) {
        const expired = match.expirationDate ? Date.parse(match.expirationDate) < this.clock.now().getTime() : false;
        const enabled = match.approval !== false && !expired;
        return { enabled, source: 'userPlugin', checkedAt, detail: `user plugin "${match.pluginName}" ${enabled ? 'is approved' : expired ? 'has expired' : 'is not approved'}` };
      }
      return { enabled: false, source: 'userPlugin', checkedAt, detail: `no user plugin named "${name}" among ${plugins.length} plugin(s)` };
    } catch (error) {
      problems.push(`userPlugin/list: ${describeError(error)}`);
    }
    return { enabled: null, source: 'unknown', checkedAt, detail: `could not determine (${problems.join('; ')})` };
  }
}
