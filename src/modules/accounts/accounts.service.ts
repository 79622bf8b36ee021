import { NO_TX } from '../../database/transactions';
import { ConflictException, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../core/clock';
import { newId } from '../../core/ids';
import { BrokerRegistry } from '../broker/broker-registry';
import { PaperVenueService } from '../broker/paper-venue.service';
import { AccountDirectory } from './account-directory.service';
import { CreateAccountDto, UpdateAccountDto } from './dto/account.dto';
import { Account } from './entities/account.entity';
import { TradovateAccountsService } from '../broker/tradovate/tradovate-accounts.service';

@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly registry: BrokerRegistry,
    private readonly paper: PaperVenueService,
    private readonly tradovate: TradovateAccountsService,
    private readonly clock: Clock,
    private readonly directory: AccountDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const account of await this.accounts.find()) this.connect(account);
    this.registry.setConnector(async (id) => {
      const account = await this.accounts.findOneBy({ id });
      if (account) this.connect(account);
      return account !== null;
    });
    // reports the paper exchange made before a crash but that never reached our book
    this.paper.resync();
  }

  list(): Promise<Account[]> {
    return this.directory.list();
  }

  get(id: string): Promise<Account> {
    return this.directory.get(id);
  }

  async create(dto: CreateAccountDto): Promise<Account> {
    await this.assertNameFree(dto.name);
    const now = this.clock.nowIso();
    const id = newId();
    const account = this.accounts.create({
      id,
      name: dto.name.trim(),
      broker: dto.broker,
      // a Tradovate account's ref is the Tradovate account id, known once it has connected
      brokerAccountRef: dto.broker === 'tradovate' ? '' : id,
      environment: dto.broker === 'tradovate' ? dto.environment ?? 'demo' : null,
      status: dto.broker === 'tradovate' ? 'connecting' : 'connected',
      statusDetail: null,
      lastError: null,
      tokenExpiresAt: null,
      accountSpec: dto.broker === 'tradovate' ? dto.accountSpec?.trim() || null : null,
      brokerAccountName: null,
      demoFallback: dto.broker === 'tradovate' ? dto.demoFallback ?? false : false,
      maxPosition: dto.maxPosition ?? null,
      driftPolicy: dto.driftPolicy ?? 'alert',
      enabled: true,
      routingAckBy: null,
      routingAckAt: null,
      startingBalance: dto.startingBalance ?? '50000',
      commissionPerContract: dto.commissionPerContract ?? '0',
      dailyLossLimit: dto.dailyLossLimit ?? null,
      maxLossPerPosition: dto.maxLossPerPosition ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await this.accounts.save(account, NO_TX);
    if (dto.broker === 'tradovate' && dto.auth !== 'oauth') {
      const { username, password, appId, appVersion, cid, sec, deviceId } = dto;
      await this.tradovate.saveSecrets(id, { username, password, appId, appVersion, cid, sec, deviceId });
    }
    this.connect(account);
    return account;
  }

  async update(id: string, dto: UpdateAccountDto): Promise<Account> {
    const account = await this.get(id);
    if (dto.name !== undefined && dto.name.trim() !== account.name) await this.assertNameFree(dto.name);
    if (dto.name !== undefined) account.name = dto.name.trim();
    if (dto.maxPosition !== undefined) account.maxPosition = dto.maxPosition;
    if (dto.enabled !== undefined) account.enabled = dto.enabled;
    if (dto.driftPolicy !== undefined) account.driftPolicy = dto.driftPolicy;
    for (const key of ['startingBalance', 'commissionPerContract', 'dailyLossLimit', 'maxLossPerPosition'] as const) {
      if (dto[key] !== undefined) Object.assign(account, { [key]: dto[key] });
    }
    account.updatedAt = this.clock.nowIso();
    await this.accounts.save(account, NO_TX);
    this.connect(account);
    return account;
  }

  /** Refuses while the broker shows an open position: flatten first. */
  async remove(id: string, openPositions: number): Promise<void> {
    const account = await this.get(id);
    if (openPositions > 0) {
      throw new ConflictException(`account ${account.name} has ${openPositions} open position(s); flatten it before deleting`);
    }
    await this.directory.announceRemoved(id);
    await this.accounts.delete({ id });
    this.registry.unbindAccount(id);
    if (account.broker === 'tradovate') await this.tradovate.forget(id);
  }

  private connect(account: Account): void {
    // Tradovate logs in in the background and binds the account once it knows the Tradovate account
    if (account.broker === 'tradovate') return void this.tradovate.connect(account);
    this.paper.ensureAccount(account.brokerAccountRef, account.maxPosition);
    this.registry.bindAccount(account.id, account.broker, account.brokerAccountRef);
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.accounts.findOneBy({ name: name.trim() })) throw new ConflictException(`an account named "${name.trim()}" already exists`);
  }
}
