import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { isGlobexOpen } from '../../core/market/globex-hours';
import { Venue } from '../../core/market/venue';
import { Position } from '../execution/entities/position.entity';
import { AccountVenuesService } from './account-venues.service';
import { LastQuotesService } from './last-quotes.service';

const CHECK_EVERY_MS = 1000;

export interface AccountMarketData {
  venue: Venue | null;
  lastQuoteAt: string | null;
  /** no quote from the venue for a held contract for JT_MARKET_DATA_STALE_SEC in market hours: exits are blind */
  stale: boolean;
  staleContracts: string[];
}

/**
 * Watches that every broker account holding a position still gets quotes from its own venue. When a
 * held contract's quotes stop for too long in CME Globex hours, its software exits (take profit,
 * stop, trailing, break-even) and its open P&L are blind: that is said (log, MarketDataStaleChanged,
 * status, dashboard), and nothing else prices it meanwhile. Paper accounts price at TradingView's
 * prices, whenever they come: they are never stale.
 */
@Injectable()
export class MarketDataStalenessService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MarketData');
  /** account -> held contract -> when we started holding it (ms): a quote gap counts from there at most */
  private readonly holdings = new Map<string, { venue: Venue; contracts: Map<string, number> }>();
  private readonly staleNow = new Map<string, string[]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly quotes: LastQuotesService,
    private readonly venues: AccountVenuesService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.bus.on('PositionChanged', 'market-data-holdings', (e) => this.hold(e.accountId, e.contract, e.netPos));
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const p of await this.db.getRepository(Position).find({ where: { netPos: Not(0) } })) await this.hold(p.accountId, p.contract, p.netPos);
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
    this.timer.unref?.();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Re-evaluates every account now (the timer calls it each second). */
  check(): void {
    const now = this.clock.now();
    const limitMs = this.config.marketDataStaleSec * 1000;
    const open = isGlobexOpen(now);
    for (const [accountId, { venue, contracts }] of this.holdings) {
      const stale =
        venue === 'paper' || !open
          ? []
          : [...contracts]
              .filter(([contract, heldSince]) => {
                const quoted = this.quotes.get(venue, contract)?.ts;
                const since = Math.max(heldSince, quoted ? Date.parse(quoted) : 0);
                return now.getTime() - since > limitMs;
              })
              .map(([contract]) => contract)
              .sort();
      this.setStale(accountId, venue, stale);
    }
  }

  statusOf(accountId: string, venue: Venue | null): AccountMarketData {
    const held = this.holdings.get(accountId)?.contracts;
    const staleContracts = this.staleNow.get(accountId) ?? [];
    const lastQuoteAt = venue ? this.quotes.lastQuoteAt(venue, held?.size ? held.keys() : undefined) : null;
    return { venue, lastQuoteAt, stale: staleContracts.length > 0, staleContracts };
  }

  isStale(accountId: string, contract: string): boolean {
    return this.staleNow.get(accountId)?.includes(contract) ?? false;
  }

  private async hold(accountId: string, contract: string, netPos: number): Promise<void> {
    if (netPos === 0) {
      this.holdings.get(accountId)?.contracts.delete(contract);
      this.check();
      return;
    }
    const venue = await this.venues.venueOf(accountId);
    if (!venue) return;
    const holding = this.holdings.get(accountId) ?? { venue, contracts: new Map<string, number>() };
    if (!holding.contracts.has(contract)) holding.contracts.set(contract, this.clock.now().getTime());
    this.holdings.set(accountId, holding);
  }

  private setStale(accountId: string, venue: Venue, stale: string[]): void {
    const before = this.staleNow.get(accountId) ?? [];
    if (before.join() === stale.join()) return;
    if (stale.length) this.staleNow.set(accountId, stale);
    else this.staleNow.delete(accountId);
    const lastQuoteAt = this.quotes.lastQuoteAt(venue, stale.length ? stale : before);
    if (stale.length) {
      this.logger.warn(
        `account ${accountId}: no ${venue} quote for ${stale.join(', ')} for over ${this.config.marketDataStaleSec} s (last ${lastQuoteAt ?? 'never'}): its software exits (take profit, stop, trailing, break-even) are BLIND until ${venue} quotes again`,
      );
    } else {
      this.logger.log(`account ${accountId}: ${venue} market data is fresh again; software exits watch again`);
    }
    this.bus.publish({ type: 'MarketDataStaleChanged', ts: this.clock.nowIso(), accountId, venue, stale: stale.length > 0, contracts: stale.length ? stale : before, lastQuoteAt });
  }
}
