import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import { EventBus } from '../../core/bus/event-bus';
import { QuoteReceived } from '../../core/bus/events';
import { Clock } from '../../core/clock';
import { ExitPlan, exitPlanFor, parseExitPlan } from '../../core/exits/exit-plan';
import { effectiveStop, FRESH_WATCH, PlanLevels, planLevels, WatchExit, watchQuote, WatchState } from '../../core/exits/exit-watch';
import { Venue } from '../../core/market/venue';
import { specForContract } from '../../core/positions/spec-for-contract';
import { AccountVenuesService } from '../market-data/account-venues.service';
import { MarketDataStalenessService } from '../market-data/market-data-staleness.service';
import { Position } from '../execution/entities/position.entity';
import { Recorder } from '../recorders/entities/recorder.entity';
import { ExitWatch } from './entities/exit-watch.entity';

interface Watched {
  accountId: string;
  contract: string;
  /** only this venue's quotes move the watch: the market that holds the position */
  venue: Venue;
  recorderId: string | null;
  /** one exit per level per position: the exit keys carry it */
  positionKey: string;
  netPos: number;
  plan: ExitPlan;
  levels: PlanLevels;
  state: WatchState;
}

/**
 * Watches every open account position that carries exits (its own plan, fixed when it opened) on
 * quote from the venue that holds it (a Tradovate position on Tradovate market data only, never on
 * an alert or paper price): take-profit legs, stop loss, trailing stop, break-even. A hit requests an exit
 * (ExitPosition, partial for a leg) from the exit manager; it never sends an order itself.
 * What it remembers is stored right behind the request (one write at a time per position); the
 * exit's idempotency key (one per level per position) makes a refired level after a restart a duplicate.
 */
@Injectable()
export class TpSlMonitor implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('TpSlMonitor');
  private readonly watched = new Map<string, Watched>();
  private readonly writes = new Map<string, Promise<unknown>>();

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
    private readonly venues: AccountVenuesService,
    private readonly staleness: MarketDataStalenessService,
  ) {}

  onModuleInit(): void {
    // a flat position has nothing to watch: no need to read it back (the kill switch flattens hundreds at once)
    this.bus.on('PositionChanged', 'tp-sl-positions', (e) => (e.netPos === 0 ? void this.watched.delete(key(e.accountId, e.contract)) : this.refresh(e.accountId, e.contract)));
    this.bus.on('QuoteReceived', 'tp-sl-quotes', (q) => this.onQuote(q));
  }

  async onApplicationBootstrap(): Promise<void> {
    const open = await this.db.getRepository(Position).find({ where: { netPos: Not(0) } });
    for (const p of open) await this.refresh(p.accountId, p.contract);
  }

  /**
   * The prices watched for a position now (null = nothing watched), for status pages and tests;
   * `blind` while its venue's market data is stale (nothing can hit these levels meanwhile).
   */
  levelsOf(accountId: string, contract: string): { venue: Venue; takeProfits: string[]; stop: string | null; levelsHit: number; watch: 'watching' | 'blind' } | null {
    const w = this.watched.get(key(accountId, contract));
    if (!w) return null;
    const watch = this.staleness.isStale(accountId, contract) ? 'blind' : 'watching';
    return { venue: w.venue, takeProfits: w.levels.takeProfits.map((l) => l.price), stop: effectiveStop(w.levels, w.state), levelsHit: w.state.levelsHit, watch };
  }

  private async refresh(accountId: string, contract: string): Promise<void> {
    const k = key(accountId, contract);
    const position = await this.db.getRepository(Position).findOneBy({ accountId, contract });
    if (position && !position.positionKey && position.netPos !== 0) await this.adoptLegacy(position);
    const plan = parseExitPlan(position?.exitPlan);
    const venue = position ? await this.venues.venueOf(accountId) : null;
    if (!position || position.netPos === 0 || !position.avgPrice || !position.positionKey || !plan || !venue) {
      if (position && position.netPos !== 0 && plan && !venue) this.logger.error(`position ${accountId} ${contract} has exits but its account is unknown: no venue's price may exit it`);
      this.watched.delete(k);
      return;
    }
    // an add or a partial exit keeps what was fired and how far the stop moved; only the average moves
    const levels = planLevels(plan, position.netPos, position.avgPrice, specForContract(contract));
    let current = this.watched.get(k);
    let state = current?.positionKey === position.positionKey ? current.state : null;
    if (!state) {
      const stored = await this.db.getRepository(ExitWatch).findOneBy({ accountId, contract });
      state = stored?.positionKey === position.positionKey ? (JSON.parse(stored.state) as WatchState) : FRESH_WATCH;
    }
    // a quote may have moved the watch while we read: keep its state
    current = this.watched.get(k);
    if (current?.positionKey === position.positionKey) state = current.state;
    this.watched.set(k, { accountId, contract, venue, recorderId: position.recorderId, positionKey: position.positionKey, netPos: position.netPos, plan, levels, state });
  }

  /**
   * A position opened before positions carried their exits keeps the protection it had: its
   * recorder's take profit / stop loss, as before (read, never written back).
   */
  private async adoptLegacy(position: Position): Promise<void> {
    const recorder = position.recorderId ? await this.db.getRepository(Recorder).findOneBy({ id: position.recorderId }) : null;
    const plan = recorder ? exitPlanFor({ ...recorder, takeProfitLevels: null, trailTriggerTicks: null, trailDistanceTicks: null, breakEvenTicks: null, breakEvenOffsetTicks: null }, null, '1') : null;
    position.exitPlan = plan ? JSON.stringify(plan) : null;
    position.positionKey = `legacy-${position.updatedAt}`.slice(0, 36);
  }

  private async onQuote(quote: QuoteReceived): Promise<void> {
    const saves: Promise<unknown>[] = [];
    // decided synchronously, so overlapping quotes can never fire one level twice
    for (const w of this.watched.values()) {
      if (w.contract !== quote.contract || w.venue !== quote.venue) continue;
      const { state, exits } = watchQuote(w.plan, w.levels, w.state, quote.price, specForContract(w.contract));
      if (JSON.stringify(state) === JSON.stringify(w.state)) continue;
      w.state = state;
      // the exit is asked for at once, never behind the database's one writer: each exit's key is
      // one per level per position, so a restart that lost this write cannot send a level twice
      saves.push(this.save(w));
      for (const exit of exits) this.request(w, exit, quote.price);
    }
    for (const result of await Promise.allSettled(saves)) {
      if (result.status === 'rejected') this.logger.error(`could not store an exit watch: ${(result.reason as Error)?.message ?? result.reason}`);
    }
  }

  private request(w: Watched, exit: WatchExit, price: string): void {
    const what = exit.kind === 'take_profit' ? `take_profit ${exit.level}` : exit.kind;
    const idempotencyKey = `${exit.kind === 'take_profit' ? `tp${exit.level}` : 'stop'}:${w.positionKey}`;
    this.logger.log(`${what} hit on ${w.contract} (account ${w.accountId}) at ${price}, level ${exit.price}${exit.quantity ? `: ${exit.quantity} contract(s)` : ''}`);
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
      reason: `${what} at ${price} (level ${exit.price})`,
      ...(exit.quantity !== null ? { quantity: exit.quantity } : {}),
    });
  }

  /** One write at a time per position, in the order decided. */
  private save(w: Watched): Promise<unknown> {
    const k = key(w.accountId, w.contract);
    const row = { accountId: w.accountId, contract: w.contract, positionKey: w.positionKey, state: JSON.stringify(w.state), updatedAt: this.clock.nowIso() };
    const next = (this.writes.get(k) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => this.db.getRepository(ExitWatch).upsert(row, ['accountId', 'contract']));
    this.writes.set(k, next);
    return next;
  }
}

const key = (accountId: string, contract: string) => `${accountId}|${contract}`;
