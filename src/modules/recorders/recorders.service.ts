import { NO_TX } from '../../database/transactions';
import { BadRequestException, ConflictException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'crypto';
import { Repository } from 'typeorm';
import { Clock } from '../../core/clock';
import { ContractSymbolError, resolveContract } from '../../core/contracts';
import { DCA_OFF, DcaSettings } from '../../core/dca/dca-settings';
import { newId, newWebhookToken } from '../../core/ids';
import { safeEqual } from '../auth/password-hash';
import { assertExitRules } from './dto/exit-rules.validation';
import { DcaSettingsDto, dcaSettingsOf } from './dto/dca-settings.dto';
import { assertSignalSettings, RECORDER_REQUIRED_SETTINGS } from './dto/settings-rules';
import { CreateRecorderDto, UpdateRecorderDto } from './dto/recorder.dto';
import { Recorder } from './entities/recorder.entity';
import { Trader } from './entities/trader.entity';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class RecordersService implements OnModuleInit {
  /** sha256(token) -> recorder id; the token itself is then compared in constant time */
  private readonly tokenIndex = new Map<string, string>();
  /** every recorder by id, kept in step by this service's writes (the webhook's lookup needs no query) */
  private readonly byId = new Map<string, Recorder>();

  constructor(
    @InjectRepository(Recorder) private readonly recorders: Repository<Recorder>,
    @InjectRepository(Trader) private readonly traders: Repository<Trader>,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const r of await this.recorders.find()) this.remember(r);
  }

  list(): Promise<Recorder[]> {
    return this.recorders.find({ order: { createdAt: 'ASC' } });
  }

  async get(id: string): Promise<Recorder> {
    const recorder = await this.recorders.findOneBy({ id });
    if (!recorder) throw new NotFoundException(`recorder ${id} not found`);
    return recorder;
  }

  /** The recorder id for a token, from memory only (no database work): the webhook limiter's cheap check. */
  indexedRecorderId(token: string): string | null {
    return this.tokenIndex.get(tokenHash(token)) ?? null;
  }

  /** The recorder owning this webhook token, or null; never says which tokens exist. */
  async findByToken(token: string): Promise<Recorder | null> {
    const id = this.tokenIndex.get(tokenHash(token));
    // a recorder added by the CLI while the server runs is not in memory yet
    const recorder = (id ? this.byId.get(id) : undefined) ?? (await this.recorders.findOneBy({ webhookToken: token }));
    if (!recorder || !safeEqual(recorder.webhookToken, token)) return null;
    this.remember(recorder);
    return recorder;
  }

  async create(dto: CreateRecorderDto): Promise<Recorder> {
    this.assertSymbol(dto.symbol);
    await this.assertNameFree(dto.name);
    const now = this.clock.nowIso();
    const recorder = this.recorders.create({
      id: newId(),
      name: dto.name.trim(),
      symbol: dto.symbol.trim(),
      quantity: dto.quantity,
      takeProfitTicks: dto.takeProfitTicks ?? null,
      stopLossTicks: dto.stopLossTicks ?? null,
      takeProfitLevels: dto.takeProfitLevels ?? null,
      trailTriggerTicks: dto.trailTriggerTicks ?? null,
      trailDistanceTicks: dto.trailDistanceTicks ?? null,
      breakEvenTicks: dto.breakEvenTicks ?? null,
      breakEvenOffsetTicks: dto.breakEvenOffsetTicks ?? null,
      enabled: dto.enabled ?? true,
      ...dcaFields(null, dto),
      sameSide: dto.sameSide ?? 'ignore',
      followAlertTicker: dto.followAlertTicker ?? false,
      oversizedQuantity: dto.oversizedQuantity ?? 'refuse',
      priceSource: dto.priceSource ?? 'alert',
      dailyLossLimit: dto.dailyLossLimit ?? null,
      // absent = the default that changes nothing (G-15); 0 stays 0 (G-11)
      initialSize: dto.initialSize ?? 0,
      addSize: dto.addSize ?? 0,
      maxContractsPerOrder: dto.maxContractsPerOrder ?? null,
      maxContractsPerPosition: dto.maxContractsPerPosition ?? null,
      riskDollars: dto.riskDollars ?? null,
      riskPercent: dto.riskPercent ?? null,
      riskMinOneContract: dto.riskMinOneContract ?? false,
      directionFilter: dto.directionFilter ?? 'both',
      timeZone: dto.timeZone ?? 'America/New_York',
      window1Start: dto.window1Start ?? null,
      window1End: dto.window1End ?? null,
      window2Start: dto.window2Start ?? null,
      window2End: dto.window2End ?? null,
      cooldownSec: dto.cooldownSec ?? 0,
      maxSignalsPerDay: dto.maxSignalsPerDay ?? null,
      everyNthSignal: dto.everyNthSignal ?? 1,
      inverse: dto.inverse ?? false,
      flattenAtWindowEnd: dto.flattenAtWindowEnd ?? false,
      webhookToken: newWebhookToken(),
      createdAt: now,
      updatedAt: now,
    });
    assertExitRules(recorder);
    assertSignalSettings(recorder);
    await this.recorders.save(recorder, NO_TX);
    this.remember(recorder);
    return recorder;
  }

  async update(id: string, dto: UpdateRecorderDto): Promise<Recorder> {
    const recorder = await this.get(id);
    if (dto.symbol !== undefined) this.assertSymbol(dto.symbol);
    if (dto.name !== undefined && dto.name.trim() !== recorder.name) await this.assertNameFree(dto.name);
    const { dca: _dca, dcaEnabled: _dcaEnabled, ...rest } = dto;
    const changes = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    Object.assign(recorder, changes, dcaFields(recorder.dca, dto), { updatedAt: this.clock.nowIso() });
    if (dto.name !== undefined) recorder.name = dto.name.trim();
    assertExitRules(recorder);
    assertSignalSettings(recorder, RECORDER_REQUIRED_SETTINGS);
    const saved = await this.recorders.save(recorder, NO_TX);
    this.remember(saved);
    return saved;
  }

  async remove(id: string): Promise<void> {
    const recorder = await this.get(id);
    await this.traders.delete({ recorderId: id });
    await this.recorders.delete({ id });
    this.tokenIndex.delete(tokenHash(recorder.webhookToken));
    this.byId.delete(id);
  }

  private remember(recorder: Recorder): void {
    this.tokenIndex.set(tokenHash(recorder.webhookToken), recorder.id);
    this.byId.set(recorder.id, { ...recorder });
  }

  private assertSymbol(symbol: string): void {
    try {
      resolveContract(symbol, this.clock.now());
    } catch (error) {
      if (error instanceof ContractSymbolError) throw new BadRequestException(`symbol: ${error.message}`);
      throw error;
    }
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.recorders.findOneBy({ name: name.trim() })) throw new ConflictException(`a recorder named "${name.trim()}" already exists`);
  }
}

/** The dca block and the dcaEnabled flag that mirrors it: a new block replaces the old; dcaEnabled alone toggles it. */
function dcaFields(current: DcaSettings | null, dto: { dca?: DcaSettingsDto; dcaEnabled?: boolean }): { dca: DcaSettings; dcaEnabled: boolean } {
  if (dto.dca && dto.dcaEnabled !== undefined && dto.dca.enabled !== dto.dcaEnabled) {
    throw new BadRequestException('dcaEnabled and dca.enabled disagree: send dca.enabled only');
  }
  const dca = dto.dca ? dcaSettingsOf(dto.dca) : { ...(current ?? DCA_OFF), ...(dto.dcaEnabled !== undefined ? { enabled: dto.dcaEnabled } : {}) };
  return { dca, dcaEnabled: dca.enabled };
}
