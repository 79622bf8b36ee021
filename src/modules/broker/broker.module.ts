import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BrokerEventLoop } from './broker-event-loop';
import { BrokerRegistry } from './broker-registry';
import { PaperState } from './entities/paper-state.entity';
import { PaperQuotesController } from './paper-quotes.controller';
import { PaperVenueService } from './paper-venue.service';
import { TradovateOAuth } from './tradovate/tradovate-oauth';
import { TradovateRoutingCheck } from './tradovate/tradovate-routing-check';
import { TradovateVenueService } from './tradovate/tradovate-venue.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([PaperState])],
  controllers: [PaperQuotesController],
  providers: [BrokerRegistry, BrokerEventLoop, PaperVenueService, TradovateVenueService, TradovateRoutingCheck, TradovateOAuth],
  exports: [BrokerRegistry, PaperVenueService, TradovateVenueService, TradovateRoutingCheck, TradovateOAuth],
})
export class BrokerModule {}
