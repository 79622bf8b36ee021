import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import { EventBus } from '../../core/bus/event-bus';
import { QuoteReceived } from '../../core/bus/events';
import { Clock } from '../../core/clock';
import { compareDecimal } from '../../core/money';
import { specForContract } from '../../core/positions/spec-for-contract';
import { Position } from '../execution/entities/position.entity';
import { Recorder } from '../recorders/entities/recorder.entity';
import { exitLevels, ExitLevels } from './exit-levels';

interface Watched {
  accountId: string;
  contract: string;
  netPos: number;
  levels: ExitLevels;
  /** one exit per level per position: the key carries when the position was last changed */
  positionVersion: string;
  recorderId: string;
}

/**
 * Watches every account position of a recorder with take profit / stop loss on each quote.
 * A level hit requests an exit (ExitPosition); it never sends an order itself.
 */
@Injectable()
export class TpSlMonitor implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('TpSlMonitor');
  private readonly watched = new Map<string, Watched>();
  private readonly fired = new Set<string>();

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.bus.on('PositionChanged', 'tp-sl-positions', (e) => this.refresh(e.accountId, e.contract));
    this.bus.on('QuoteReceived', 'tp-sl-quotes', (q) => this.onQuote(q));
  }

  async onApplicationBootstrap(): Promise<void> {
    const open = await this.db.getRepository(Position).find({ where: { netPos: Not(0) } });
    for (const p of open) await this.refresh(p.accountId, p.contract);
  }

  levelsOf(accountId: string, contract: string): ExitLevels | null {
    return this.watched.get(key(accountId, contract))?.levels ?? null;
  }

  private async refresh(accountId: string, contract: string): Promise<void> {
    const position = await this.db.getRepository(Position).findOneBy({ accountId, contract });
    const recorder = position?.recorderId ? await this.db.getRepository(Recorder).findOneBy({ id: position.recorderId }) : null;
    if (!position || position.netPos === 0 || !position.avgPrice || !recorder || (!recorder.takeProfitTicks && !recorder.stopLossTicks)) {
      this.watched.delete(key(accountId, contract));
      return;
    }
    const levels = exitLevels(position.netPos, position.avgPrice, recorder.takeProfitTicks, recorder.stopLossTicks, specForContract(contract));
    this.watched.set(key(accountId, contract), { accountId, contract, netPos: position.netPos, levels, positionVersion: position.updatedAt, recorderId: recorder.id });
  }

  private onQuote(quote: QuoteReceived): void {
    for (const w of this.watched.values()) {
      if (w.contract !== quote.contract) continue;
      const hit = levelHit(w, quote.price);
      if (!hit) continue;
      const idempotencyKey = `${hit}:${w.accountId}:${w.contract}:${w.positionVersion}`;
      if (this.fired.has(idempotencyKey)) continue;
      this.fired.add(idempotencyKey);
      this.logger.log(`${hit} hit on ${w.contract} (account ${w.accountId}) at ${quote.price}`);
      this.bus.publish({
        type: 'ExitPosition',
        ts: this.clock.nowIso(),
        accountId: w.accountId,
        traderId: null,
        recorderId: w.recorderId,
        signalId: null,
        contract: w.contract,
        idempotencyKey,
        side: w.netPos > 0 ? 'LONG' : 'SHORT',
        reason: `${hit} at ${quote.price}`,
      });
    }
  }
}

function levelHit(w: Watched, price: string): 'take_profit' | 'stop_loss' | null {
  const long = w.netPos > 0;
  const { takeProfit, stopLoss } = w.levels;
  if (takeProfit && (long ? compareDecimal(price, takeProfit) >= 0 : compareDecimal(price, takeProfit) <= 0)) return 'take_profit';
  if (stopLoss && (long ? compareDecimal(price, stopLoss) <= 0 : compareDecimal(price, stopLoss) >= 0)) return 'stop_loss';
  return null;
}

const key = (accountId: string, contract: string) => `${accountId}|${contract}`;
