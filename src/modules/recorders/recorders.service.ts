import { NO_TX } from '../../database/transactions';
import { BadRequestException, ConflictException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'crypto';
import { Repository } from 'typeorm';
import { Clock } from '../../core/clock';
import { ContractSymbolError, resolveContract } from '../../core/contracts';
import { newId, newWebhookToken } from '../../core/ids';
import { safeEqual } from '../auth/password-hash';
import { assertExitRules } from './dto/exit-rules.validation';
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
      dcaEnabled: dto.dcaEnabled ?? false,
      sameSide: dto.sameSide ?? 'ignore',
      followAlertTicker: dto.followAlertTicker ?? false,
      oversizedQuantity: dto.oversizedQuantity ?? 'refuse',
      webhookToken: newWebhookToken(),
      createdAt: now,
      updatedAt: now,
    });
    assertExitRules(recorder);
    await this.recorders.save(recorder, NO_TX);
    this.remember(recorder);
    return recorder;
  }

  async update(id: string, dto: UpdateRecorderDto): Promise<Recorder> {
    const recorder = await this.get(id);
    if (dto.symbol !== undefined) this.assertSymbol(dto.symbol);
    if (dto.name !== undefined && dto.name.trim() !== recorder.name) await this.assertNameFree(dto.name);
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    Object.assign(recorder, changes, { updatedAt: this.clock.nowIso() });
    if (dto.name !== undefined) recorder.name = dto.name.trim();
    assertExitRules(recorder);
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
