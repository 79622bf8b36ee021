import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import { EventBus } from '../../core/bus/event-bus';
import { DcaAddSettled, QuoteReceived } from '../../core/bus/events';
import { Clock } from '../../core/clock';
import { decideAdd, LadderState, markPending, markSkipped, settleAdd } from '../../core/dca/dca-ladder';
import { DcaSettings, effectiveDca, hasLadder, recorderDca } from '../../core/dca/dca-settings';
import { Venue } from '../../core/market/venue';
import { specForContract } from '../../core/positions/spec-for-contract';
import { Position } from '../execution/entities/position.entity';
import { AccountVenuesService } from '../market-data/account-venues.service';
import { RecordersService } from '../recorders/recorders.service';
import { TradersService } from '../recorders/traders.service';
import { traderQuantity } from '../recorders/trader-sizing';
import { BarBook } from './bar-book.service';
import { DcaStats } from './dca-stats.service';
import { LadderStore } from './ladder-store.service';

interface Held {
  accountId: string;
  contract: string;
  /** only this venue's quotes move the ladder: the market that holds the position */
  venue: Venue;
  recorderId: string;
  traderId: string | null;
  positionKey: string;
  netPos: number;
  avgPrice: string;
  settings: DcaSettings;
  multiplier: string;
  cap: number | null;
  state: LadderState;
}

/**
 * The DCA ladder of every broker position opened by a recorder whose trader (or recorder) has one:
 * on each quote of the position's own venue, a level reached requests an add (AddToPosition, through
 * the order gateway) after its state is stored, so a restart never fires it again.
 */
@Injectable()
export class AccountLadders implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('DcaAccounts');
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
    private readonly venues: AccountVenuesService,
    private readonly recorders: RecordersService,
    private readonly traders: TradersService,
    private readonly store: LadderStore,
    private readonly bars: BarBook,
    private readonly stats: DcaStats,
  ) {}

  onModuleInit(): void {
    this.bus.on('PositionChanged', 'dca-positions', (e) => (e.netPos === 0 ? void this.held.delete(key(e.accountId, e.contract)) : this.refresh(e.accountId, e.contract)));
    this.bus.on('DcaAddSettled', 'dca-settled', (e) => this.settled(e));
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const p of await this.db.getRepository(Position).find({ where: { netPos: Not(0) } })) await this.refresh(p.accountId, p.contract);
  }

  /** The ladder of a position now (null = none), for status pages and tests. */
  ladderOf(accountId: string, contract: string): { positionKey: string; filled: number[]; skipped: number[]; pending: number | null } | null {
    const h = this.held.get(key(accountId, contract));
    return h ? { positionKey: h.positionKey, filled: [...h.state.filled], skipped: [...h.state.skipped], pending: h.state.pending?.level ?? null } : null;
  }

  private async refresh(accountId: string, contract: string): Promise<void> {
    const k = key(accountId, contract);
    const position = await this.db.getRepository(Position).findOneBy({ accountId, contract });
    if (!position || position.netPos === 0 || !position.avgPrice || !position.positionKey || !position.recorderId) return void this.held.delete(k);
    const recorder = await this.recorders.get(position.recorderId).catch(() => null);
    const trader = (await this.traders.list({ recorderId: position.recorderId })).find((t) => t.accountId === accountId) ?? null;
    const settings = effectiveDca(recorder ? recorderDca(recorder) : null, trader?.dca);
    const venue = await this.venues.venueOf(accountId);
    if (!recorder || !hasLadder(settings) || !venue) return void this.held.delete(k);
    let state = this.held.get(k)?.positionKey === position.positionKey ? this.held.get(k)!.state : null;
    if (!state) state = await this.store.load(holderOf(accountId), contract, position.positionKey);
    // a quote may have moved the ladder while we read: keep its state
    const current = this.held.get(k);
    if (current?.positionKey === position.positionKey) state = current.state;
    const cap = minCap(settings.maxQuantity, trader?.maxQuantity ?? null);
    this.held.set(k, { accountId, contract, venue, recorderId: recorder.id, traderId: trader?.id ?? null, positionKey: position.positionKey, netPos: position.netPos, avgPrice: position.avgPrice, settings, multiplier: trader?.multiplier ?? '1', cap, state });
  }

  async onQuote(quote: QuoteReceived): Promise<void> {
    const work: Promise<unknown>[] = [];
    // decided synchronously, so overlapping quotes can never fire one level twice
    for (const h of this.held.values()) {
      if (h.contract !== quote.contract || h.venue !== quote.venue) continue;
      const decision = decideAdd({
        settings: h.settings,
        state: h.state,
        netPos: h.netPos,
        avgPrice: h.avgPrice,
        price: quote.price,
        spec: specForContract(h.contract),
        quantityOf: (level) => traderQuantity(level.quantity, h.multiplier),
        cap: h.cap,
        atrOf: (period, tf) => this.bars.atr(h.venue, h.contract, period, tf),
      });
      if (decision.kind === 'none') continue;
      this.stats.count('account', 'triggered', quote.ts);
      if (decision.kind === 'skip') {
        this.logger.log(`DCA level ${decision.level + 1} on ${h.contract} (account ${h.accountId}) at ${quote.price} skipped: ${decision.reason}`);
        h.state = markSkipped(h.state, decision.level);
        this.stats.count('account', 'skipped');
        work.push(this.store.save(holderOf(h.accountId), h.contract, h.state));
        continue;
      }
      h.state = markPending(h.state, decision.level, decision.attempt);
      work.push(this.request(h, decision.level, decision.attempt, decision.quantity, `${quote.price} (level ${decision.triggerPrice})`));
    }
    await Promise.all(work);
  }

  /** Stored first, requested after: a crash in between leaves the level counted, never sent twice. */
  private async request(h: Held, level: number, attempt: number, quantity: number, at: string): Promise<void> {
    await this.store.save(holderOf(h.accountId), h.contract, h.state);
    this.logger.log(`DCA level ${level + 1} hit on ${h.contract} (account ${h.accountId}) at ${at}: add ${quantity}`);
    this.bus.publish({
      type: 'AddToPosition',
      ts: this.clock.nowIso(),
      accountId: h.accountId,
      traderId: h.traderId,
      recorderId: h.recorderId,
      signalId: null,
      contract: h.contract,
      idempotencyKey: `dca:${h.positionKey}:${level}:${attempt}`,
      side: h.netPos > 0 ? 'LONG' : 'SHORT',
      quantity,
      maxQuantity: h.cap,
      positionKey: h.positionKey,
      level,
      attempt,
    });
  }

  private async settled(e: DcaAddSettled): Promise<void> {
    // the book first: the next level is measured from the average this add made
    if (this.held.get(key(e.accountId, e.contract))?.positionKey === e.positionKey) await this.refresh(e.accountId, e.contract);
    const h = this.held.get(key(e.accountId, e.contract));
    if (!h || h.positionKey !== e.positionKey || h.state.pending?.level !== e.level) return;
    // an add whose fate is unknown (timeout) counts as made: a level never goes out twice
    const made = e.outcome === 'filled' || e.outcome === 'uncertain';
    const failed = e.outcome === 'rejected' || e.outcome === 'blocked';
    h.state = settleAdd(h.state, e.level, made, failed && h.settings.retryRejected);
    if (made) this.stats.count('account', 'added');
    else if (failed) this.stats.count('account', 'rejected');
    if (!made && !h.state.pending && h.state.skipped.includes(e.level)) this.stats.count('account', 'skipped');
    await this.store.save(holderOf(h.accountId), h.contract, h.state);
  }
}

const key = (accountId: string, contract: string) => `${accountId}|${contract}`;
const holderOf = (accountId: string) => `account:${accountId}`;
const minCap = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
