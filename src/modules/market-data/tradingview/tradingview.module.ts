import { Global, Module } from '@nestjs/common';
import { MARKET_DATA_SOURCES } from '../../../core/market/market-data-source';
import { RecordersModule } from '../../recorders/recorders.module';
import { TradingViewQuotesService } from './tradingview-quotes.service';

/** The TradingView quote socket adapter; others see it only as a MarketDataSource. */
@Global()
@Module({
  imports: [RecordersModule],
  providers: [TradingViewQuotesService, { provide: MARKET_DATA_SOURCES, useFactory: (tv: TradingViewQuotesService) => [tv], inject: [TradingViewQuotesService] }],
  exports: [MARKET_DATA_SOURCES],
})
export class TradingViewModule {}
