import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsController } from './accounts.controller';
import { AccountsPageController } from './accounts-page.controller';
import { AccountsService } from './accounts.service';
import { Account } from './entities/account.entity';
import { AccountCredential } from './entities/account-credential.entity';
import { LiveRoutingGate } from './live-routing-gate.service';
import { TradovateAccountsController } from './tradovate-accounts.controller';
import { TradovateAccountsService } from './tradovate-accounts.service';

@Module({
  imports: [TypeOrmModule.forFeature([Account, AccountCredential])],
  controllers: [AccountsController, TradovateAccountsController, AccountsPageController],
  providers: [AccountsService, TradovateAccountsService, LiveRoutingGate],
  exports: [AccountsService, TradovateAccountsService],
})
export class AccountsModule {}
