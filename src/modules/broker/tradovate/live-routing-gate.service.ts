import { BadRequestException, Inject, Injectable, Logger, NotFoundException, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { EventBus } from '../../../core/bus/event-bus';
import { Clock } from '../../../core/clock';
import { RoutingCheck, TradovateRoutingCheck } from './tradovate-routing-check';
import { describeError } from './tradovate-errors';
import { EntryGuard, EntryGuards } from '../../execution/entry-guards';
import { Account } from '../../accounts/entities/account.entity';

/** An account's TradingView-routing standing, as the API and the credentials page show it. */
export interface RoutingStanding {
  enabled: boolean | null;
  source: string;
  checkedAt: string | null;
  detail: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  /** true: new entries on this account are refused (exits still go out) */
  blocksEntries: boolean;
  /** "could not tell": shown, never a block */
  warning: string | null;
}

/**
 * A LIVE Tradovate account whose TradingView routing is reported off opens nothing until someone
 * acknowledges it (stored: who and when; withdrawable). Checked on connect, every
 * TRADOVATE_ROUTING_CACHE_SEC, and before the first live entry if never checked: never per order.
 * Demo accounts and exits are never held back.
 */
@Injectable()
export class LiveRoutingGate implements EntryGuard, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LiveRoutingGate');
  private refresher: NodeJS.Timeout | null = null;

  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly routing: TradovateRoutingCheck,
    private readonly guards: EntryGuards,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.guards.add(this);
    // brokerAccountRef is only set by the report of a new binding, not by token renewals
    this.bus.on('AccountConnectionChanged', 'routing-check-on-connect', async (e) => {
      if (e.status === 'connected' && e.brokerAccountRef) await this.recheck(e.accountId);
    });
    const everyMs = this.config.tradovate.routingCacheSec * 1000;
    if (everyMs > 0) {
      this.refresher = setInterval(() => void this.recheckAll(), everyMs);
      this.refresher.unref?.();
    }
  }

  onApplicationShutdown(): void {
    if (this.refresher) clearInterval(this.refresher);
  }

  async blockReason(accountId: string): Promise<string | null> {
    const account = await this.accounts.findOneBy({ id: accountId });
    if (!account || !isLiveTradovate(account) || account.routingAckAt) return null;
    const state = this.routing.known(accountId) ?? (await this.routing.check(accountId));
    if (state.enabled !== false) return null;
    return `TradingView routing is not enabled on live Tradovate account ${account.name} (${state.detail}; checked ${state.checkedAt}): no entry is sent until it is enabled at Tradovate or acknowledged on /accounts/${account.id}/credentials`;
  }

  /** `answer`: a check just made; otherwise the newest one known. */
  standing(account: Account, answer?: RoutingCheck): RoutingStanding | null {
    if (account.broker !== 'tradovate') return null;
    const state = answer ?? this.routing.lastAnswer(account.id) ?? this.routing.known(account.id);
    const enabled = state?.enabled ?? null;
    return {
      enabled,
      source: state?.source ?? 'unknown',
      checkedAt: state?.checkedAt ?? null,
      detail: state?.detail ?? 'not checked yet',
      acknowledgedBy: account.routingAckBy,
      acknowledgedAt: account.routingAckAt,
      blocksEntries: isLiveTradovate(account) && !account.routingAckAt && this.routing.known(account.id)?.enabled === false,
      warning: enabled === null && state ? `TradingView routing could not be checked: ${state.detail}` : null,
    };
  }

  async acknowledge(accountId: string, by: string): Promise<Account> {
    const account = await this.liveAccount(accountId);
    await this.accounts.update({ id: account.id }, { routingAckBy: by.trim(), routingAckAt: this.clock.nowIso(), updatedAt: this.clock.nowIso() });
    this.logger.warn(`account ${account.name}: trading without TradingView routing acknowledged by ${by.trim()}`);
    return (await this.accounts.findOneBy({ id: account.id }))!;
  }

  async withdraw(accountId: string): Promise<Account> {
    const account = await this.liveAccount(accountId);
    await this.accounts.update({ id: account.id }, { routingAckBy: null, routingAckAt: null, updatedAt: this.clock.nowIso() });
    return (await this.accounts.findOneBy({ id: account.id }))!;
  }

  private async liveAccount(accountId: string): Promise<Account> {
    const account = await this.accounts.findOneBy({ id: accountId });
    if (!account) throw new NotFoundException(`account ${accountId} not found`);
    if (!isLiveTradovate(account)) {
      throw new BadRequestException(`account ${account.name} is not a live Tradovate account: only live accounts are held back by TradingView routing, so there is nothing to acknowledge`);
    }
    return account;
  }

  private async recheck(accountId: string): Promise<void> {
    const account = await this.accounts.findOneBy({ id: accountId });
    if (account?.broker !== 'tradovate') return;
    const state = await this.routing.check(accountId, true);
    if (state.enabled === false && isLiveTradovate(account) && !account.routingAckAt) this.logger.warn(`live account ${account.name}: TradingView routing is off, entries are held (${state.detail})`);
  }

  private async recheckAll(): Promise<void> {
    for (const account of await this.accounts.find({ where: { broker: 'tradovate', status: 'connected' } })) {
      await this.recheck(account.id).catch((error) => this.logger.warn(`routing check of ${account.name}: ${describeError(error)}`));
    }
  }
}

function isLiveTradovate(account: Account): boolean {
  return account.broker === 'tradovate' && account.environment === 'live';
}

