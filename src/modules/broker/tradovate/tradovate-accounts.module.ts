import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountDirectoryModule } from '../../accounts/account-directory.module';
import { AccountCredential } from '../../accounts/entities/account-credential.entity';
import { Account } from '../../accounts/entities/account.entity';
import { LiveRoutingGate } from './live-routing-gate.service';
import { TradovateAccountsController } from './tradovate-accounts.controller';
import { TradovateAccountsService } from './tradovate-accounts.service';

/** Tradovate's own account routes, credential store and live routing gate, beside the adapter they drive. */
@Module({
  imports: [TypeOrmModule.forFeature([Account, AccountCredential]), AccountDirectoryModule],
  controllers: [TradovateAccountsController],
  providers: [TradovateAccountsService, LiveRoutingGate],
  exports: [TradovateAccountsService, LiveRoutingGate],
})
export class TradovateAccountsModule {}
