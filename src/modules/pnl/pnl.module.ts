import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountDirectoryModule } from '../accounts/account-directory.module';
import { RecordersModule } from '../recorders/recorders.module';
import { AccountPnlService } from './account-pnl.service';
import { CashBalancesService } from './cash-balances.service';
import { TradeExcursion } from './entities/trade-excursion.entity';
import { ExcursionTracker } from './excursion-tracker.service';
import { LossLimitsService } from './loss-limits.service';
import { PnlController } from './pnl.controller';
import { PnlReportsService } from './pnl-reports.service';
import { RecorderLossLimitWatcher } from './recorder-loss-limit.watcher';
import { RecorderPnlService } from './recorder-pnl.service';
import { TraderPnlService } from './trader-pnl.service';

/** PnLEngine: broker P&L per account, virtual P&L per recorder, per trading day; the loss limits. */
@Module({
  imports: [TypeOrmModule.forFeature([TradeExcursion]), AccountDirectoryModule, RecordersModule],
  controllers: [PnlController],
  providers: [AccountPnlService, RecorderPnlService, CashBalancesService, LossLimitsService, PnlReportsService, RecorderLossLimitWatcher, ExcursionTracker, TraderPnlService],
  exports: [AccountPnlService, RecorderPnlService, LossLimitsService],
})
export class PnlModule {}
