import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { PnlModule } from '../pnl/pnl.module';
import { RecordersModule } from '../recorders/recorders.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { LiveUpdatesGateway } from './live-updates.gateway';

@Module({
  imports: [AccountsModule, RecordersModule, PnlModule],
  controllers: [DashboardController],
  providers: [DashboardService, LiveUpdatesGateway],
})
export class DashboardModule {}
