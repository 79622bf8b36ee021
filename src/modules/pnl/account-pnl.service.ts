import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { FillReplay, openUsd, replayFills, totalUsd } from '../../core/pnl/fill-pnl';
import { tradingDayOf } from '../../core/pnl/trading-day';
import { priceToTicks, subtractDecimal, ticksToPrice, addDecimal, sumDecimal } from '../../core/money';
import { specForContract } from '../../core/positions/spec-for-contract';
import { Account } from '../accounts/entities/account.entity';
import { AccountDirectory } from '../accounts/account-directory.service';
import { Fill } from '../execution/entities/fill.entity';
import { AccountVenuesService } from '../market-data/account-venues.service';
import { LastQuotesService } from '../market-data/last-quotes.service';
import { CashBalancesService } from './cash-balances.service';

export interface PositionPnl {
  contract: string;
  netPos: number;
  /** when the open round trip began (its first entry fill) */
  openedAt: string | null;
  /** the venue's last price, on tick; null = no quote yet (open P&L counted as 0) */
  mark: string | null;
  openUsd: string;
}

export interface AccountPnl {
  accountId: string;
  name: string;
  broker: 'paper' | 'tradovate';
  tradingDay: string;
  realizedUsd: string;
  commissionsUsd: string;
  openUsd: string;
  dayPnlUsd: string;
  /** paper: starting balance + all realized - all commissions; Tradovate: the broker's cashBalance (null until reported) */
  balanceUsd: string | null;
  equityUsd: string | null;
  dailyLossLimit: string | null;
  positions: PositionPnl[];
  /** broker fills left out of these numbers because the book could not price them (the account is halted) */
  unbookedFills: number;
}

/**
 * Broker P&L of one account, from its recorded fills and its own venue's last quotes: realized and
 * commissions per trading day, open P&L now. The fill replay is cached until the account's book moves.
 */
@Injectable()
export class AccountPnlService implements OnModuleInit {
  /** per account: the commission it was replayed with (a settings change replays again) and the replay */
  private readonly replays = new Map<string, { commission: string; replay: Promise<FillReplay> }>();

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly accounts: AccountDirectory,
    private readonly venues: AccountVenuesService,
    private readonly quotes: LastQuotesService,
    private readonly cash: CashBalancesService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    // a recorded fill changes the book: replay it on the next read
    this.bus.on(['PositionChanged', 'FillUnrecorded'], 'pnl-fill-cache', (e) => void this.replays.delete(e.accountId));
  }

  async forAccount(accountId: string, day = this.today()): Promise<AccountPnl> {
    return this.summarize(await this.accounts.get(accountId), day);
  }

  async all(day = this.today()): Promise<AccountPnl[]> {
    return Promise.all((await this.accounts.list()).map((a) => this.summarize(a, day)));
  }

  /** Realized and commissions of every trading day with fills, oldest first. */
  async days(accountId: string) {
    const account = await this.accounts.get(accountId);
    return (await this.replay(account)).days.map((d) => ({ ...d, netUsd: totalUsd([subtractDecimal(d.realizedUsd, d.commissionsUsd)]) }));
  }

  today(): string {
    return tradingDayOf(this.clock.now());
  }

  private async summarize(account: Account, day: string): Promise<AccountPnl> {
    const replay = await this.replay(account);
    const venue = await this.venues.venueOf(account.id);
    const positions: PositionPnl[] = [];
    for (const [contract, state] of replay.ledgers) {
      if (state.netPos === 0) continue;
      const spec = specForContract(contract);
      const quoted = venue ? this.quotes.lastPrice(venue, contract) : null;
      const mark = quoted === null ? null : ticksToPrice(priceToTicks(quoted, spec), spec);
      positions.push({ contract, netPos: state.netPos, openedAt: state.trade?.openedAt ?? null, mark, openUsd: mark === null ? '0.00' : openUsd(state, mark, spec) });
    }
    const today = replay.days.find((d) => d.day === day);
    const realizedUsd = today?.realizedUsd ?? '0.00';
    const commissionsUsd = today?.commissionsUsd ?? '0.00';
    const open = totalUsd(positions.map((p) => p.openUsd));
    const balanceUsd = account.broker === 'paper' ? this.paperBalance(account, replay) : this.cash.balanceOf(account.id);
    return {
      accountId: account.id,
      name: account.name,
      broker: account.broker,
      tradingDay: day,
      realizedUsd,
      commissionsUsd,
      openUsd: open,
      dayPnlUsd: totalUsd([realizedUsd, open, subtractDecimal('0', commissionsUsd)]),
      balanceUsd,
      equityUsd: balanceUsd === null ? null : totalUsd([balanceUsd, open]),
      dailyLossLimit: account.dailyLossLimit,
      positions,
      unbookedFills: replay.unbooked.length,
    };
  }

  private paperBalance(account: Account, replay: FillReplay): string {
    const realized = sumDecimal(replay.days.map((d) => d.realizedUsd));
    const commissions = sumDecimal(replay.days.map((d) => d.commissionsUsd));
    return totalUsd([addDecimal(account.startingBalance, realized), subtractDecimal('0', commissions)]);
  }

  private replay(account: Account): Promise<FillReplay> {
    const cached = this.replays.get(account.id);
    if (cached?.commission === account.commissionPerContract) return cached.replay;
    const next = this.db
      .getRepository(Fill)
      .find({ where: { accountId: account.id }, order: { ts: 'ASC' } })
      .then((fills) => replayFills(fills, account.commissionPerContract, specForContract));
    const entry = { commission: account.commissionPerContract, replay: next };
    this.replays.set(account.id, entry);
    next.catch(() => this.replays.get(account.id) === entry && this.replays.delete(account.id));
    return next;
  }
}
