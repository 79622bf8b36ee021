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
import { OrderTracker } from './order-tracker';
import { TradingStateService } from './trading-state.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Order, Fill, Position, Trade])],
  controllers: [BookController, FlattenController],
  providers: [IntentExecutorService, FillRecorderService, OrderTracker, TradingStateService, BookReaderService, FlattenService],
  exports: [TradingStateService, BookReaderService, FlattenService],
})
export class ExecutionModule {}
