import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BookController } from './book.controller';
import { BookReaderService } from './book-reader.service';
import { Fill } from './entities/fill.entity';
import { Order } from './entities/order.entity';
import { Position } from './entities/position.entity';
import { Trade } from './entities/trade.entity';
import { DcaAddExecutor } from './dca-add-executor.service';
import { EntryGuards } from './entry-guards';
import { FillRecorderService } from './fill-recorder.service';
import { FlattenController } from './flatten.controller';
import { FlattenService } from './flatten.service';
import { IntentExecutorService } from './intent-executor.service';
import { OrderGateway } from './order-gateway.service';
import { OrderLimits } from './order-limits';
import { OrderTracker } from './order-tracker';
import { EntryStop, TradingGate } from '../../core/trading-gate';
import { Setting } from '../auth/entities/setting.entity';
import { StaleEntryGuard } from './stale-entry-guard';
import { TradingStateService } from './trading-state.service';
import { AccountDirectoryModule } from '../accounts/account-directory.module';
import { RecordersModule } from '../recorders/recorders.module';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Order, Fill, Position, Trade, Setting]), AccountDirectoryModule, RecordersModule],
  controllers: [BookController, FlattenController],
  providers: [
    OrderGateway,
    OrderLimits,
    StaleEntryGuard,
    { provide: EntryStop, useExisting: StaleEntryGuard },
    IntentExecutorService,
    DcaAddExecutor,
    FillRecorderService,
    OrderTracker,
    TradingStateService,
    { provide: TradingGate, useExisting: TradingStateService },
    BookReaderService,
    FlattenService,
    EntryGuards,
  ],
  exports: [TradingStateService, TradingGate, BookReaderService, FlattenService, OrderGateway, EntryGuards, StaleEntryGuard, EntryStop],
})
export class ExecutionModule {}
