import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BrokerVenue } from '../../core/market/venue';
import { Account } from '../accounts/entities/account.entity';

/** Which venue's market data drives an account: the market of its broker. */
@Injectable()
export class AccountVenuesService {
  /** an account's broker never changes: read once */
  private readonly venues = new Map<string, BrokerVenue>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Null for an account that does not exist (nothing may price it). */
  async venueOf(accountId: string): Promise<BrokerVenue | null> {
    const known = this.venues.get(accountId);
    if (known) return known;
    // read through the data source: AccountsService's module depends on the broker adapters, which depend on us
    const account = await this.db.getRepository(Account).findOne({ where: { id: accountId }, select: { id: true, broker: true } });
    if (!account) return null;
    this.venues.set(accountId, account.broker);
    return account.broker;
  }
}
