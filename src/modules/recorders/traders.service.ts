import { NO_TX } from '../../database/transactions';
import { BadRequestException, ConflictException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../core/clock';
import { ContractSymbolError, resolveContract } from '../../core/contracts';
import { newId } from '../../core/ids';
import { assertExitRules } from './dto/exit-rules.validation';
import { assertSignalSettings } from './dto/settings-rules';
import { Recorder } from './entities/recorder.entity';
import { effectiveSettings } from './settings/effective-settings';
import { EMPTY_SETTINGS, TraderSettings, traderSettings } from './settings/trader-settings';
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
    const recorder = await this.recorders.get(dto.recorderId);
    await this.accounts.get(dto.accountId);
    if (await this.traders.findOneBy({ recorderId: dto.recorderId, accountId: dto.accountId })) {
      throw new ConflictException('this recorder is already traded on this account; change that trader instead');
    }
    this.assertSettings(recorder, { ...EMPTY_SETTINGS, ...traderSettings(dto) });
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
        ...traderSettings(dto),
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
    Object.assign(trader, traderSettings(dto));
    this.assertSettings(await this.recorders.get(trader.recorderId), trader);
    trader.updatedAt = this.clock.nowIso();
    return this.traders.save(trader, NO_TX);
  }

  /** The trader's own values make sense (a window needs both ends), its exits with the recorder's it inherits, its ticker is a known contract. */
  private assertSettings(recorder: Recorder, trader: TraderSettings): void {
    assertSignalSettings(trader);
    assertExitRules(effectiveSettings(recorder, trader as Trader).exits);
    if (trader.symbol !== null) {
      try {
        resolveContract(trader.symbol, this.clock.now());
      } catch (error) {
        if (error instanceof ContractSymbolError) throw new BadRequestException(`symbol: ${error.message}`);
        throw error;
      }
    }
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.traders.delete({ id });
  }
}
