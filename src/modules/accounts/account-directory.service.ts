import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Account } from './entities/account.entity';

/**
 * The accounts as the engine sees them: read-only rows and the news that one was removed. It knows
 * no broker adapter, so the engine can depend on it without reaching paper or Tradovate code.
 */
@Injectable()
export class AccountDirectory {
  private readonly removedListeners: Array<(accountId: string) => Promise<void>> = [];

  constructor(@InjectRepository(Account) private readonly accounts: Repository<Account>) {}

  list(): Promise<Account[]> {
    return this.accounts.find({ order: { createdAt: 'ASC' } });
  }

  async get(id: string): Promise<Account> {
    const account = await this.accounts.findOneBy({ id });
    if (!account) throw new NotFoundException(`account ${id} not found`);
    return account;
  }

  /** Modules holding rows that point at an account (traders) clean up through this. */
  onRemoved(listener: (accountId: string) => Promise<void>): void {
    this.removedListeners.push(listener);
  }

  async announceRemoved(accountId: string): Promise<void> {
    for (const listener of this.removedListeners) await listener(accountId);
  }
}
