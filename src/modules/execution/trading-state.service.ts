import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Like, Repository } from 'typeorm';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { TradingGate } from '../../core/trading-gate';
import { Setting } from '../auth/entities/setting.entity';

const KEY = 'trading_halted';
/** one account's halt: `trading_halted:<accountId>` */
const ACCOUNT_KEY = `${KEY}:`;

export interface AccountHalt {
  accountId: string;
  reason: string;
  since: string;
}

/**
 * The one trading switch every order passes (the risk step): active, or halted with a reason.
 * One account can be halted alone (its book could not record a broker fill). Persisted, so a
 * kill switch or an account halt stays across a restart until someone re-arms it.
 */
@Injectable()
export class TradingStateService implements OnModuleInit, TradingGate {
  private halted: { reason: string; since: string } | null = null;
  private readonly accountHalts = new Map<string, AccountHalt>();

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
    @InjectRepository(Setting) private readonly settings: Repository<Setting>,
  ) {}

  async onModuleInit(): Promise<void> {
    const stored = await this.settings.findOneBy({ key: KEY });
    this.halted = stored ? JSON.parse(stored.value) : null;
    for (const row of await this.settings.findBy({ key: Like(`${ACCOUNT_KEY}%`) })) {
      const accountId = row.key.slice(ACCOUNT_KEY.length);
      this.accountHalts.set(accountId, { accountId, ...JSON.parse(row.value) });
    }
  }

  accountHaltedReason(accountId: string): string | null {
    return this.accountHalts.get(accountId)?.reason ?? null;
  }

  haltedAccounts(): AccountHalt[] {
    return [...this.accountHalts.values()];
  }

  /** Stops new exposure on one account; exits still go (flattening is always allowed). */
  async haltAccount(accountId: string, reason: string): Promise<void> {
    const halt = { reason, since: this.clock.nowIso() };
    this.accountHalts.set(accountId, { accountId, ...halt });
    await this.settings.upsert({ key: `${ACCOUNT_KEY}${accountId}`, value: JSON.stringify(halt) }, ['key']);
    this.bus.publish({ type: 'TradingStateChanged', ts: this.clock.nowIso(), state: 'halted', reason: `account ${accountId}: ${reason}`, accountId });
  }

  haltedReason(): string | null {
    return this.halted?.reason ?? null;
  }

  haltedSince(): string | null {
    return this.halted?.since ?? null;
  }

  async halt(reason: string): Promise<void> {
    this.halted = { reason, since: this.clock.nowIso() };
    // one statement: two kill switches at once must not race a read-then-insert
    await this.settings.upsert({ key: KEY, value: JSON.stringify(this.halted) }, ['key']);
    this.bus.publish({ type: 'TradingStateChanged', ts: this.clock.nowIso(), state: 'halted', reason });
  }

  /** Re-arms trading, every halted account included. */
  async resume(reason: string): Promise<void> {
    this.halted = null;
    this.accountHalts.clear();
    await this.settings.delete({ key: KEY });
    await this.settings.delete({ key: Like(`${ACCOUNT_KEY}%`) });
    this.bus.publish({ type: 'TradingStateChanged', ts: this.clock.nowIso(), state: 'active', reason });
  }
}
