import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { lossReached } from '../../core/pnl/fill-pnl';
import { AccountDirectory } from '../accounts/account-directory.service';
import { EntryGuards } from '../execution/entry-guards';
import { AccountVenuesService } from '../market-data/account-venues.service';
import { RecorderEntryGuards } from '../recorders/recorder-entry-guards';
import { AccountPnl, AccountPnlService } from './account-pnl.service';
import { RecorderPnlService } from './recorder-pnl.service';

/**
 * G-45: the daily loss limit counts realized + open P&L (less commissions). Reaching it flattens the
 * account through the exit state machine and refuses its entries until the next trading day (17:00
 * Chicago); a recorder's limit refuses its entries at routing. The per-position max loss flattens
 * that one position. Checked on every quote of the account's own venue and every book change.
 */
@Injectable()
export class LossLimitsService implements OnModuleInit {
  private readonly logger = new Logger('LossLimits');
  /** account or recorder id -> the trading day its limit was reached */
  private readonly tripped = new Map<string, { book: 'account' | 'recorder'; day: string; reason: string }>();
  /** exits already asked for (the exit manager would refuse a repeat anyway: this keeps quotes quiet) */
  private readonly requested = new Set<string>();

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly accounts: AccountDirectory,
    private readonly venues: AccountVenuesService,
    private readonly accountPnl: AccountPnlService,
    private readonly recorderPnl: RecorderPnlService,
    private readonly entryGuards: EntryGuards,
    private readonly recorderGuards: RecorderEntryGuards,
  ) {}

  onModuleInit(): void {
    this.entryGuards.add({ blockReason: (id) => this.accountBlock(id) });
    this.recorderGuards.add({ blockReason: (id) => this.recorderBlock(id) });
    this.bus.on('QuoteReceived', 'loss-limits-quotes', async (q) => {
      for (const account of await this.accounts.list()) {
        if ((await this.venues.venueOf(account.id)) === q.venue) await this.check(account.id, q.contract);
      }
    });
    this.bus.on('PositionChanged', 'loss-limits-book', (e) => this.check(e.accountId, null));
  }

  today(): string {
    return this.accountPnl.today();
  }

  /** Limits in force now, for the control center and GET /api/status. */
  trippedNow(): { book: 'account' | 'recorder'; id: string; day: string; reason: string }[] {
    const day = this.accountPnl.today();
    return [...this.tripped.entries()].filter(([, t]) => t.day === day).map(([id, t]) => ({ id, ...t }));
  }

  async accountBlock(accountId: string): Promise<string | null> {
    const day = this.accountPnl.today();
    const known = this.tripped.get(accountId);
    if (known?.day === day) return known.reason;
    const account = await this.accounts.get(accountId).catch(() => null);
    if (!account?.dailyLossLimit) return null;
    let pnl: AccountPnl;
    try {
      pnl = await this.accountPnl.forAccount(accountId, day);
    } catch (error) {
      // a limit that cannot be checked keeps new exposure off: closing stays allowed
      return `daily loss limit ${account.dailyLossLimit} USD on account ${account.name} could not be checked (${(error as Error).message}); entries refused`;
    }
    if (!pnl.dailyLossLimit || !lossReached(pnl.dayPnlUsd, pnl.dailyLossLimit)) return null;
    return this.trip('account', accountId, day, describe('account', pnl.name, pnl.dayPnlUsd, pnl.dailyLossLimit, day));
  }

  async recorderBlock(recorderId: string): Promise<string | null> {
    const day = this.accountPnl.today();
    const known = this.tripped.get(recorderId);
    if (known?.day === day) return known.reason;
    const pnl = await this.recorderPnl.forRecorder(recorderId, day);
    if (!pnl.dailyLossLimit || !lossReached(pnl.dayPnlUsd, pnl.dailyLossLimit)) return null;
    return this.trip('recorder', recorderId, day, describe('recorder', pnl.name, pnl.dayPnlUsd, pnl.dailyLossLimit, day));
  }

  private async check(accountId: string, contract: string | null): Promise<void> {
    const pnl = await this.accountPnl.forAccount(accountId).catch(() => null);
    if (!pnl || (contract !== null && !pnl.positions.some((p) => p.contract === contract))) return;
    this.publish(pnl);
    if (pnl.dailyLossLimit && lossReached(pnl.dayPnlUsd, pnl.dailyLossLimit)) {
      const reason = this.trip('account', accountId, pnl.tradingDay, describe('account', pnl.name, pnl.dayPnlUsd, pnl.dailyLossLimit, pnl.tradingDay));
      for (const p of pnl.positions) this.flatten(pnl, p.contract, p.netPos, `daily-loss:${accountId}:${pnl.tradingDay}:${p.contract}:${p.openedAt}`, reason);
      return;
    }
    const max = (await this.accounts.get(accountId)).maxLossPerPosition;
    if (!max) return;
    for (const p of pnl.positions) {
      if (!lossReached(p.openUsd, max)) continue;
      const reason = `max loss per position ${max} USD reached on ${p.contract}: open P&L ${p.openUsd} USD at ${p.mark}`;
      this.flatten(pnl, p.contract, p.netPos, `max-loss:${accountId}:${p.contract}:${p.openedAt}`, reason);
    }
  }

  private trip(book: 'account' | 'recorder', id: string, day: string, reason: string): string {
    if (this.tripped.get(id)?.day !== day) this.logger.warn(reason);
    this.tripped.set(id, { book, day, reason });
    return reason;
  }

  private flatten(pnl: AccountPnl, contract: string, netPos: number, idempotencyKey: string, reason: string): void {
    if (this.requested.has(idempotencyKey)) return;
    this.requested.add(idempotencyKey);
    this.logger.warn(`flattening ${contract} on account ${pnl.name}: ${reason}`);
    this.bus.publish({
      type: 'ExitPosition',
      ts: this.clock.nowIso(),
      accountId: pnl.accountId,
      traderId: null,
      recorderId: null,
      signalId: null,
      contract,
      idempotencyKey,
      side: netPos > 0 ? 'LONG' : 'SHORT',
      reason,
    });
  }

  private publish(pnl: AccountPnl): void {
    const { realizedUsd, openUsd, commissionsUsd, dayPnlUsd, tradingDay } = pnl;
    this.bus.publish({ type: 'PnlUpdated', ts: this.clock.nowIso(), book: 'account', id: pnl.accountId, tradingDay, realizedUsd, openUsd, commissionsUsd, dayPnlUsd });
  }
}

function describe(book: 'account' | 'recorder', name: string, dayPnl: string, limit: string, day: string): string {
  return `daily loss limit reached on ${book} ${name}: day P&L ${dayPnl} USD against a limit of ${limit} USD (trading day ${day}); new entries refused until the next session at 17:00 Chicago`;
}
