import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { DcaModule } from '../dca/dca.module';
import { ExitsModule } from '../exits/exits.module';
import { PnlModule } from '../pnl/pnl.module';
import { ReconcilerModule } from '../reconciler/reconciler.module';
import { ControlCenterController } from './control-center.controller';
import { HealthController } from './health.controller';
import { KillSwitchController } from './kill-switch.controller';
import { ReconcileController } from './reconcile.controller';

@Module({
  imports: [AccountsModule, ExitsModule, ReconcilerModule, DcaModule, PnlModule],
  controllers: [HealthController, KillSwitchController, ReconcileController, ControlCenterController],
})
export class ControlCenterModule {}
