import { Module } from '@nestjs/common';
import { SignalFilterCounter } from './entities/signal-filter-counter.entity';
import { WindowFlattenService } from './window-flatten.service';
import { SignalFilterCountersService } from './signal-filter-counters.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountDirectoryModule } from '../accounts/account-directory.module';
import { RecorderPosition } from './entities/recorder-position.entity';
import { RecorderTrade } from './entities/recorder-trade.entity';
import { Recorder } from './entities/recorder.entity';
import { Trader } from './entities/trader.entity';
import { RecordersController } from './recorders.controller';
import { RecorderEntryGuards } from './recorder-entry-guards';
import { RecordersService } from './recorders.service';
import { SignalRouterService } from './signal-router.service';
import { TradersController } from './traders.controller';
import { TradersService } from './traders.service';
import { VirtualBookService } from './virtual-book.service';
import { VirtualExitWatcher } from './virtual-exit-watcher.service';
import { VirtualPositionMarksService } from './virtual-position-marks.service';

@Module({
  imports: [TypeOrmModule.forFeature([Recorder, Trader, RecorderPosition, RecorderTrade, SignalFilterCounter]), AccountDirectoryModule],
  controllers: [RecordersController, TradersController],
  providers: [RecordersService, TradersService, VirtualBookService, VirtualPositionMarksService, SignalRouterService, VirtualExitWatcher, RecorderEntryGuards, SignalFilterCountersService, WindowFlattenService],
  exports: [RecordersService, TradersService, VirtualBookService, RecorderEntryGuards],
})
export class RecordersModule {}
