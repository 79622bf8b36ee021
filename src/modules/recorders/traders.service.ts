import { NO_TX } from '../../database/transactions';
import { ConflictException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../core/clock';
import { newId } from '../../core/ids';
import { AccountDirectory } from '../accounts/account-directory.service';
import { CreateTraderDto, UpdateTraderDto } from './dto/trader.dto';
import { dcaSettingsOf } from './dto/dca-settings.dto';
import { Trader } from './entities/trader.entity';
import { RecordersService } from './recorders.service';

export interface TraderFilter {
  recorderId?: string;
  accountId?: string;
}

@Injectable()
export class TradersService implements OnModuleInit {
  constructor(
    @InjectRepository(Trader) private readonly traders: Repository<Trader>,
    private readonly recorders: RecordersService,
    private readonly accounts: AccountDirectory,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.accounts.onRemoved(async (accountId) => {
      await this.traders.delete({ accountId });
    });
  }

  list(filter: TraderFilter = {}): Promise<Trader[]> {
    return this.traders.find({ where: { ...filter }, order: { createdAt: 'ASC' } });
  }

  async get(id: string): Promise<Trader> {
    const trader = await this.traders.findOneBy({ id });
    if (!trader) throw new NotFoundException(`trader ${id} not found`);
    return trader;
  }

  async create(dto: CreateTraderDto): Promise<Trader> {
    await this.recorders.get(dto.recorderId);
    await this.accounts.get(dto.accountId);
    if (await this.traders.findOneBy({ recorderId: dto.recorderId, accountId: dto.accountId })) {
      throw new ConflictException('this recorder is already traded on this account; change that trader instead');
    }
    const now = this.clock.nowIso();
    return this.traders.save(
      this.traders.create({
        id: newId(),
        recorderId: dto.recorderId,
        accountId: dto.accountId,
        multiplier: dto.multiplier ?? '1',
        maxQuantity: dto.maxQuantity ?? null,
        enabled: dto.enabled ?? true,
        dca: dto.dca ? dcaSettingsOf(dto.dca) : null,
        createdAt: now,
        updatedAt: now,
      }),
      NO_TX,
    );
  }

  async update(id: string, dto: UpdateTraderDto): Promise<Trader> {
    const trader = await this.get(id);
    // undefined = not sent; null and 0 are real values (G-11)
    if (dto.multiplier !== undefined) trader.multiplier = dto.multiplier;
    if (dto.maxQuantity !== undefined) trader.maxQuantity = dto.maxQuantity;
    if (dto.enabled !== undefined) trader.enabled = dto.enabled;
    if (dto.dca !== undefined) trader.dca = dto.dca ? dcaSettingsOf(dto.dca) : null;
    trader.updatedAt = this.clock.nowIso();
    return this.traders.save(trader, NO_TX);
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.traders.delete({ id });
  }
}
