import { Global, Module } from '@nestjs/common';
import { AccountVenuesService } from './account-venues.service';
import { LastQuotesService } from './last-quotes.service';
import { MarketDataStalenessService } from './market-data-staleness.service';

/** Quote state shared by every module, per venue (the Tradovate market-data socket itself lives in broker/tradovate). */
@Global()
@Module({
  providers: [LastQuotesService, AccountVenuesService, MarketDataStalenessService],
  exports: [LastQuotesService, AccountVenuesService, MarketDataStalenessService],
})
export class MarketDataModule {}
