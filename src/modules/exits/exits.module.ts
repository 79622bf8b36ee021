import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountDirectoryModule } from '../accounts/account-directory.module';
import { AdvancedExitManager } from './advanced-exit-manager.service';
import { ExitMachine } from './entities/exit-machine.entity';
import { ExitConfirmationLoop } from './exit-confirmation-loop';
import { ExitIntentHandler } from './exit-intent-handler.service';
import { KillSwitchService } from './kill-switch.service';
import { TpSlMonitor } from './tp-sl-monitor.service';

@Module({
  imports: [TypeOrmModule.forFeature([ExitMachine]), AccountDirectoryModule],
  providers: [AdvancedExitManager, ExitConfirmationLoop, ExitIntentHandler, KillSwitchService, TpSlMonitor],
  exports: [AdvancedExitManager, KillSwitchService, TpSlMonitor],
})
export class ExitsModule {}
