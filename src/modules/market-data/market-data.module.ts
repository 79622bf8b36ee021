import { Global, Module } from '@nestjs/common';
import { LastQuotesService } from './last-quotes.service';

/** Quote state shared by every module (the Tradovate market-data socket itself lives in broker/tradovate). */
@Global()
@Module({
  providers: [LastQuotesService],
  exports: [LastQuotesService],
})
export class MarketDataModule {}
