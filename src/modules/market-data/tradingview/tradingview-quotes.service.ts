import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { EventBus } from '../../../core/bus/event-bus';
import { Clock } from '../../../core/clock';
import { MarketDataSource, MarketDataSourceStatus } from '../../../core/market/market-data-source';
import { isQuoteStale, STALE_QUOTE_SEC } from '../../../core/market/quote-staleness';
import { RecordersService } from '../../recorders/recorders.service';
import { signIn } from './tv-auth-token';
import { TvQuote, TvQuoteSocket, TvSocketState } from './tv-quote-socket';
import { tvSubscriptionFor } from './tv-symbols';

const TV_ORIGIN = 'https://www.tradingview.com';
const REFRESH_EVERY_MS = 5000;
const CHECK_EVERY_MS = 1000;
export const RECONNECT_BACKOFF_MS = [1000, 2000, 4000, 8000, 16000, 30000];

/**
 * TradingView's quote socket as a market-data source (JT_TV_QUOTES=on): streams the symbols of the
 * recorders whose priceSource is 'tradingview' and publishes each price as QuoteReceived with venue
 * 'tradingview', which only those recorders' virtual books listen to. A delayed session or a quiet
 * feed (G-52) is logged and shown, never papered over with another source's prices.
 */
@Injectable()
export class TradingViewQuotesService implements MarketDataSource, OnApplicationBootstrap, OnModuleDestroy {
  readonly venue = 'tradingview' as const;
  private readonly logger = new Logger('TradingViewQuotes');
  private socket: TvQuoteSocket | null = null;
  private state: TvSocketState = { connected: false, delayed: false, problem: null };
  /** TradingView symbol -> the broker contract its quotes price */
  private contracts = new Map<string, string>();
  private lastQuoteAt: string | null = null;
  private since: Date;
  private stale = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly recorders: RecordersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.since = clock.now();
  }

  async onApplicationBootstrap(): Promise<void> {
    const tv = this.config.tradingView;
    if (!tv.enabled) return;
    this.socket = new TvQuoteSocket({
      url: tv.wsUrl,
      origin: TV_ORIGIN,
      signIn: () => signIn(tv.chartUrl, tv.sessionId),
      backoffMs: RECONNECT_BACKOFF_MS,
      onQuote: (q) => this.onQuote(q),
      onState: (s) => this.onState(s),
      log: this.logger,
    });
    await this.refreshSymbols();
    this.socket.start();
    this.timers = [setInterval(() => void this.refreshSymbols().catch((e) => this.logger.error(`TradingView symbols not refreshed: ${(e as Error).message}`)), REFRESH_EVERY_MS), setInterval(() => this.checkStale(), CHECK_EVERY_MS)];
    for (const timer of this.timers) timer.unref?.();
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.socket?.stop();
  }

  /** Subscribes the symbols of the recorders priced from TradingView (a timer calls it; so may a test). */
  async refreshSymbols(): Promise<void> {
    const now = this.clock.now();
    const next = new Map<string, string>();
    for (const recorder of await this.recorders.list()) {
      if (recorder.priceSource !== 'tradingview') continue;
      try {
        const { tvSymbol, contract } = tvSubscriptionFor(recorder.symbol, now);
        next.set(tvSymbol, contract);
      } catch (error) {
        this.logger.warn(`recorder ${recorder.name}: symbol ${recorder.symbol} has no TradingView quotes: ${(error as Error).message}`);
      }
    }
    if ([...next.keys()].sort().join() !== [...this.contracts.keys()].sort().join()) this.since = now;
    this.contracts = next;
    this.socket?.setSymbols(next.keys());
  }

  status(): MarketDataSourceStatus {
    return {
      venue: this.venue,
      enabled: this.config.tradingView.enabled,
      connected: this.state.connected,
      delayed: this.state.delayed,
      stale: this.stale,
      lastQuoteAt: this.lastQuoteAt,
      symbols: [...this.contracts.keys()].sort(),
      problem: this.stale ? `no TradingView quote for over ${STALE_QUOTE_SEC} s in market hours${this.state.problem ? `; ${this.state.problem}` : ''}` : this.state.problem,
    };
  }

  /** G-52: a feed quiet for a minute while CME trades is said out loud (the timer calls it each second). */
  checkStale(): void {
    const stale = this.config.tradingView.enabled && this.contracts.size > 0 && isQuoteStale(this.lastQuoteAt, this.since, this.clock.now());
    if (stale === this.stale) return;
    this.stale = stale;
    if (stale) this.logger.warn(`TradingView quotes STALE: none for over ${STALE_QUOTE_SEC} s in market hours (last ${this.lastQuoteAt ?? 'never'}); recorders priced from TradingView are not marked meanwhile`);
    else this.logger.log('TradingView quotes flow again');
  }

  private onQuote(quote: TvQuote): void {
    const contract = this.contracts.get(quote.tvSymbol);
    if (!contract) return;
    this.lastQuoteAt = this.clock.nowIso();
    const { price, bid, ask, delayed } = quote;
    this.bus.publish({ type: 'QuoteReceived', ts: this.lastQuoteAt, contract, price, ...(bid ? { bid } : {}), ...(ask ? { ask } : {}), source: 'tradingview', venue: 'tradingview', delayed });
    this.checkStale();
  }

  private onState(state: TvSocketState): void {
    if (state.delayed && !this.state.delayed) this.logger.warn(`TradingView quotes are DELAYED: ${state.problem ?? 'TradingView marks them delayed'}`);
    this.state = state;
  }
}
