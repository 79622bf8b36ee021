import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountDirectoryModule } from './account-directory.module';
import { AccountsController } from './accounts.controller';
import { AccountsPageController } from './accounts-page.controller';
import { AccountsService } from './accounts.service';
import { Account } from './entities/account.entity';
import { AccountCredential } from './entities/account-credential.entity';
import { TradovateAccountsModule } from '../broker/tradovate/tradovate-accounts.module';

@Module({
  imports: [TypeOrmModule.forFeature([Account, AccountCredential]), AccountDirectoryModule, TradovateAccountsModule],
  controllers: [AccountsController, AccountsPageController],
  providers: [AccountsService],
  exports: [AccountsService, AccountDirectoryModule, TradovateAccountsModule],
})
export class AccountsModule {}
