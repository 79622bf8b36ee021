import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../core/clock';
import { EdgarHttpClient } from './edgar/edgar-http-client';
import { EdgarUrls } from './edgar/edgar-urls';
import { FilingLocator } from './edgar/filing-locator';
import { TickerMap } from './edgar/ticker-map';
import { TokenBucket } from './edgar/token-bucket';
import { InsiderFeedCursor } from './entities/insider-feed-cursor.entity';
import { InsiderFiling } from './entities/insider-filing.entity';
import { InsiderPending } from './entities/insider-pending.entity';
import { InsiderWatch } from './entities/insider-watch.entity';
import { InsiderApiController } from './insider-api.controller';
import { InsiderPageController } from './page/insider-page.controller';
import { BackfillService } from './poller/backfill.service';
import { FilingIngestService } from './poller/filing-ingest.service';
import { InsiderPollerService } from './poller/insider-poller.service';
import { PendingQueue } from './poller/pending-queue';
import { PriceLookupService } from './prices/price-lookup.service';
import { NoPriceProvider, PRICE_PROVIDER, PriceProvider } from './prices/price-provider';
import { YahooChartPriceProvider } from './prices/yahoo-chart-price-provider';
import { InsiderFilingStore } from './signals/insider-filing.store';
import { InsiderSignalsService } from './signals/insider-signals.service';
import { WatchlistBackfill } from './watchlist/watchlist-backfill.service';
import { WatchlistService } from './watchlist/watchlist.service';

/** One token bucket for every SEC request of the process (feeds, archives, data.sec.gov). */
export const SEC_BUCKET = new TokenBucket(8, 2);

/**
 * Insider signals: EDGAR client and poller, Form 3/4/5 and 13D/13G parsers, scoring, watchlist,
 * prices, the /insider page and /api/insider.
 */
@Module({
  imports: [TypeOrmModule.forFeature([InsiderFiling, InsiderPending, InsiderFeedCursor, InsiderWatch])],
  controllers: [InsiderApiController, InsiderPageController],
  providers: [
    {
      provide: EdgarHttpClient,
      inject: [APP_CONFIG, Clock],
      useFactory: (config: AppConfig, clock: Clock) => new EdgarHttpClient({ userAgent: config.insider.secUserAgent, bucket: SEC_BUCKET, now: () => clock.now().getTime() }),
    },
    { provide: EdgarUrls, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new EdgarUrls(config.insider.secWwwUrl, config.insider.secDataUrl) },
    { provide: TickerMap, inject: [EdgarHttpClient, EdgarUrls, Clock], useFactory: (c: EdgarHttpClient, u: EdgarUrls, clock: Clock) => new TickerMap(c, u, () => clock.now().getTime()) },
    { provide: FilingLocator, inject: [EdgarHttpClient, EdgarUrls], useFactory: (c: EdgarHttpClient, u: EdgarUrls) => new FilingLocator(c, u) },
    { provide: PRICE_PROVIDER, inject: [APP_CONFIG, Clock], useFactory: priceProvider },
    PriceLookupService,
    InsiderFilingStore,
    InsiderSignalsService,
    WatchlistService,
    WatchlistBackfill,
    PendingQueue,
    FilingIngestService,
    InsiderPollerService,
    BackfillService,
  ],
  exports: [InsiderPollerService, BackfillService, WatchlistService, InsiderSignalsService],
})
export class InsiderModule {}

/** Jest runs must never reach a real price site: under NODE_ENV=test only an explicitly given JT_PRICE_URL is used. */
function priceProvider(config: AppConfig, clock: Clock): PriceProvider {
  const url = config.insider.priceUrl;
  if (!url) return new NoPriceProvider();
  if (process.env.NODE_ENV === 'test' && /finance\.yahoo\.com/.test(url)) return new NoPriceProvider();
  return new YahooChartPriceProvider(url, clock);
}
