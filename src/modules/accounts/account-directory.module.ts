import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountDirectory } from './account-directory.service';
import { Account } from './entities/account.entity';

/** What the engine may import of accounts: the read-only directory, no adapter behind it. */
@Module({
  imports: [TypeOrmModule.forFeature([Account])],
  providers: [AccountDirectory],
  exports: [AccountDirectory],
})
export class AccountDirectoryModule {}
