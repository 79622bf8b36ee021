import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BookController } from './book.controller';
import { BookReaderService } from './book-reader.service';
import { Fill } from './entities/fill.entity';
import { Order } from './entities/order.entity';
import { Position } from './entities/position.entity';
import { Trade } from './entities/trade.entity';
import { FillRecorderService } from './fill-recorder.service';
import { FlattenController } from './flatten.controller';
import { FlattenService } from './flatten.service';
import { IntentExecutorService } from './intent-executor.service';
import { OrderGateway } from './order-gateway.service';
import { OrderTracker } from './order-tracker';
import { Setting } from '../auth/entities/setting.entity';
import { StaleEntryGuard } from './stale-entry-guard';
import { TradingStateService } from './trading-state.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Order, Fill, Position, Trade, Setting])],
  controllers: [BookController, FlattenController],
  providers: [OrderGateway, StaleEntryGuard, IntentExecutorService, FillRecorderService, OrderTracker, TradingStateService, BookReaderService, FlattenService],
  exports: [TradingStateService, BookReaderService, FlattenService, OrderGateway, StaleEntryGuard],
})
export class ExecutionModule {}
