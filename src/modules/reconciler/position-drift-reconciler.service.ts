import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AccountLanes } from '../../core/account-lanes';
import { EventBus } from '../../core/bus/event-bus';
import { Clock } from '../../core/clock';
import { newId } from '../../core/ids';
import { roundPriceToTick } from '../../core/money';
import { FLAT_LEDGER, LedgerState } from '../../core/positions/position-ledger';
import { specForContract } from '../../core/positions/spec-for-contract';
import { NO_TX } from '../../database/transactions';
import { AccountDirectory } from '../accounts/account-directory.service';
import { Account } from '../accounts/entities/account.entity';
import { OrderGateway } from '../execution/order-gateway.service';
import { Position } from '../execution/entities/position.entity';
import { AdvancedExitManager, flattenRequest } from '../exits/advanced-exit-manager.service';

export interface DriftLine {
  contract: string;
  bookNetPos: number;
  brokerNetPos: number;
  action: 'alerted' | 'adopted' | 'flattened';
  detail: string;
}

export interface AccountReconcile {
  accountId: string;
  name: string;
  policy: Account['driftPolicy'];
  status: 'in_sync' | 'drift' | 'unreadable';
  drift: DriftLine[];
  error: string | null;
}

export interface ReconcileReport {
  at: string;
  trigger: string;
  accounts: AccountReconcile[];
}

/**
 * PositionDriftReconciler: what we recorded (fills -> positions) against what the broker shows.
 * A position that cannot be read is never taken as flat: the check fails closed and sends nothing.
 * Fills of orders we did not place (manual trades in the broker's app) are recorded like ours, so
 * they are not drift and never start a flatten loop.
 */
@Injectable()
export class PositionDriftReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Reconciler');
  private timer: NodeJS.Timeout | null = null;
  private last: ReconcileReport | null = null;

  constructor(
    @InjectRepository(Position) private readonly positions: Repository<Position>,
    private readonly accounts: AccountDirectory,
    private readonly gateway: OrderGateway,
    private readonly manager: AdvancedExitManager,
    private readonly lanes: AccountLanes,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // a reconnected broker may have filled, cancelled or been traded by hand while we were away
    this.bus.on('BrokerReconnected', 'reconcile-on-reconnect', async (e) => {
      const account = await this.accounts.get(e.accountId).catch(() => null);
      if (account?.enabled) await this.reconcileAccount(account);
    });
    if (this.config.reconcileIntervalSec > 0) {
      this.timer = setInterval(() => void this.reconcileAll('schedule').catch((e) => this.logger.error(String(e))), this.config.reconcileIntervalSec * 1000);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  lastReport(): ReconcileReport | null {
    return this.last;
  }

  async reconcileAll(trigger: string): Promise<ReconcileReport> {
    const accounts = (await this.accounts.list()).filter((a) => a.enabled);
    const report: ReconcileReport = { at: this.clock.nowIso(), trigger, accounts: await Promise.all(accounts.map((a) => this.reconcileAccount(a))) };
    this.last = report;
    return report;
  }

  /** In the account's lane, so a check never races an order of the same account. */
  reconcileAccount(account: Account): Promise<AccountReconcile> {
    return this.lanes.run(account.id, () => this.check(account));
  }

  private async check(account: Account): Promise<AccountReconcile> {
    const result: AccountReconcile = { accountId: account.id, name: account.name, policy: account.driftPolicy, status: 'in_sync', drift: [], error: null };
    let broker: Map<string, { netPos: number; avgPrice: string | null }>;
    try {
      const { broker: b, accountRef } = await this.gateway.broker(account.id);
      broker = new Map((await b.listPositions(accountRef)).map((p) => [p.contract, { netPos: p.netPos, avgPrice: p.avgPrice }]));
    } catch (error) {
      result.status = 'unreadable';
      result.error = `cannot read the broker's positions: ${(error as Error).message}; nothing done`;
      this.bus.publish({ type: 'DriftDetected', ts: this.clock.nowIso(), accountId: account.id, contract: '*', bookNetPos: 0, brokerNetPos: 0, action: 'unreadable', detail: result.error });
      return result;
    }
    const book = new Map((await this.positions.find({ where: { accountId: account.id, netPos: Not(0) } })).map((p) => [p.contract, p]));
    const contracts = new Set([...book.keys(), ...[...broker.entries()].filter(([, p]) => p.netPos !== 0).map(([c]) => c)]);
    for (const contract of contracts) {
      const bookNetPos = book.get(contract)?.netPos ?? 0;
      const brokerPos = broker.get(contract) ?? { netPos: 0, avgPrice: null };
      if (bookNetPos === brokerPos.netPos) continue;
      const line = await this.act(account, contract, bookNetPos, brokerPos);
      result.drift.push(line);
      this.bus.publish({ type: 'DriftDetected', ts: this.clock.nowIso(), accountId: account.id, contract, bookNetPos, brokerNetPos: brokerPos.netPos, action: line.action, detail: line.detail });
      this.logger.warn(`drift on ${account.name} ${contract}: book ${bookNetPos}, broker ${brokerPos.netPos} -> ${line.action}`);
    }
    if (result.drift.length) result.status = 'drift';
    return result;
  }

  private async act(account: Account, contract: string, bookNetPos: number, brokerPos: { netPos: number; avgPrice: string | null }): Promise<DriftLine> {
    const base = { contract, bookNetPos, brokerNetPos: brokerPos.netPos };
    if (account.driftPolicy === 'adopt') {
      await this.adopt(account.id, contract, brokerPos);
      return { ...base, action: 'adopted', detail: `book set to the broker's ${brokerPos.netPos}${brokerPos.avgPrice ? ` @ ${brokerPos.avgPrice}` : ''}` };
    }
    if (account.driftPolicy === 'flatten' && brokerPos.netPos !== 0) {
      const result = await this.manager.exit(flattenRequest(account.id, contract, 'drift policy flatten', `drift:${account.id}:${contract}:${newId()}`));
      return { ...base, action: 'flattened', detail: `exit: ${result.outcome}` };
    }
    return { ...base, action: 'alerted', detail: 'policy alert: nothing sent' };
  }

  /** Takes the broker's position as truth: the book restarts from it as one entry leg. */
  private async adopt(accountId: string, contract: string, brokerPos: { netPos: number; avgPrice: string | null }): Promise<void> {
    // the ledger sums whole ticks: a broker average between ticks enters at the nearest tick
    const entry = brokerPos.avgPrice ? roundPriceToTick(brokerPos.avgPrice, specForContract(contract)) : null;
    const ledger: LedgerState =
      brokerPos.netPos === 0 || !entry
        ? FLAT_LEDGER
        : { netPos: brokerPos.netPos, trade: { side: brokerPos.netPos > 0 ? 'LONG' : 'SHORT', openedAt: this.clock.nowIso(), entries: [{ price: entry, quantity: Math.abs(brokerPos.netPos) }], exits: [] } };
    await this.positions.save(
      { accountId, contract, netPos: ledger.netPos, avgPrice: ledger.netPos === 0 ? null : entry, ledger: JSON.stringify(ledger), recorderId: null, updatedAt: this.clock.nowIso() },
      NO_TX,
    );
  }
}
