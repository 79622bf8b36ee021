import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RecordersModule } from '../recorders/recorders.module';
import { AccountLadders } from './account-ladders.service';
import { BarBook } from './bar-book.service';
import { DcaEngine } from './dca-engine.service';
import { DcaStats } from './dca-stats.service';
import { DcaLadder } from './entities/dca-ladder.entity';
import { LadderStore } from './ladder-store.service';
import { RecorderLadders } from './recorder-ladders.service';

@Module({
  imports: [TypeOrmModule.forFeature([DcaLadder]), RecordersModule],
  providers: [DcaEngine, BarBook, AccountLadders, RecorderLadders, LadderStore, DcaStats],
  exports: [DcaStats, AccountLadders],
})
export class DcaModule {}
