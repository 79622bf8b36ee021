import { Injectable, Logger } from '@nestjs/common';
import { AccountLanes } from '../../core/account-lanes';
import { Clock } from '../../core/clock';
import { newId } from '../../core/ids';
import { AccountDirectory } from '../accounts/account-directory.service';
import { OrderGateway } from '../execution/order-gateway.service';
import { TradingStateService } from '../execution/trading-state.service';
import { AdvancedExitManager, ExitResult, flattenRequest } from './advanced-exit-manager.service';

export interface KillSwitchAccountReport {
  accountId: string;
  name: string;
  cancelledOrders: number;
  positions: { contract: string; before: number; result: ExitResult['outcome']; detail: string | null }[];
  flat: boolean;
  error: string | null;
  ms: number;
}

export interface KillSwitchReport {
  trippedAt: string;
  reason: string;
  allFlat: boolean;
  totalMs: number;
  accounts: KillSwitchAccountReport[];
}

/**
 * ForceFlattenKillSwitch: halts trading first (nothing new goes out, alerts are recorded, not
 * traded), then on every account in parallel cancels every working order and exits every position
 * through the exit manager, confirmed flat at the broker (by its position events, a read as back-up).
 * Trading stays off until re-armed.
 */
@Injectable()
export class KillSwitchService {
  private readonly logger = new Logger('KillSwitch');
  private lastReport: KillSwitchReport | null = null;

  constructor(
    private readonly tradingState: TradingStateService,
    private readonly accounts: AccountDirectory,
    private readonly gateway: OrderGateway,
    private readonly manager: AdvancedExitManager,
    private readonly lanes: AccountLanes,
    private readonly clock: Clock,
  ) {}

  async trip(reason: string): Promise<KillSwitchReport> {
    const started = process.hrtime.bigint();
    const trippedAt = this.clock.nowIso();
    await this.tradingState.halt(`kill switch: ${reason}`);
    const trip = newId();
    const accounts = await this.accounts.list();
    const reports = await Promise.all(accounts.map((a) => this.flattenAccount(a.id, a.name, trip, reason)));
    const report: KillSwitchReport = {
      trippedAt,
      reason,
      allFlat: reports.every((r) => r.flat),
      totalMs: elapsedMs(started),
      accounts: reports,
    };
    this.lastReport = report;
    const log = `kill switch (${reason}): ${reports.length} account(s), ${report.allFlat ? 'all flat' : 'NOT ALL FLAT'} in ${report.totalMs} ms`;
    if (report.allFlat) this.logger.warn(log);
    else this.logger.error(log);
    return report;
  }

  async rearm(reason: string): Promise<void> {
    await this.tradingState.resume(`re-armed: ${reason}`);
  }

  status() {
    return { tripped: this.tradingState.haltedReason() !== null, reason: this.tradingState.haltedReason(), since: this.tradingState.haltedSince(), lastReport: this.lastReport };
  }

  private async flattenAccount(accountId: string, name: string, trip: string, reason: string): Promise<KillSwitchAccountReport> {
    const started = process.hrtime.bigint();
    const report: KillSwitchAccountReport = { accountId, name, cancelledOrders: 0, positions: [], flat: false, error: null, ms: 0 };
    try {
      const { broker, accountRef } = await this.gateway.broker(accountId);
      // both reads go out at once; the cancels leave as soon as they answer, the market exits
      // right behind them (not after the cancels' answers: one broker round trip saved)
      // the positions read stay the truth only if no task of the account's lane moves them meanwhile
      const quietFrom = this.lanes.busy(accountId) ? null : this.lanes.startedTasks(accountId);
      const [orders, positions] = await Promise.all([broker.listOrders(accountRef), broker.listPositions(accountRef)]);
      const working = orders.filter((o) => o.status === 'Working' || o.status === 'PendingNew');
      const cancels = Promise.allSettled(working.map((o) => broker.cancelOrder(accountRef, o.brokerOrderId)));
      report.cancelledOrders = working.length;
      const exits = this.lanes.run(
        accountId,
        async () => {
          const stillTrue = quietFrom !== null && this.lanes.startedTasks(accountId) === quietFrom + 1;
          const open = (stillTrue ? positions : await broker.listPositions(accountRef)).filter((p) => p.netPos !== 0);
          return Promise.all(
            open.map(async (position) => {
              const result = await this.manager.exit(
                flattenRequest(accountId, position.contract, `kill switch: ${reason}`, `kill:${trip}:${accountId}:${position.contract}`, {
                  workingOrdersCancelled: true,
                  confirmByEvents: true,
                  ...(stillTrue ? { brokerNetPos: position.netPos } : {}),
                }),
              );
              report.positions.push({ contract: position.contract, before: position.netPos, result: result.outcome, detail: 'reason' in result ? result.reason : null });
            }),
          );
        },
        'exit',
      );
      const [cancelled] = await Promise.all([cancels, exits]);
      const refused = cancelled.flatMap((c) => (c.status === 'rejected' ? [(c.reason as Error)?.message ?? String(c.reason)] : c.value.ok ? [] : [c.value.text]));
      // each exit already confirmed its contract flat at the broker: no second read needed
      const left = report.positions.filter((p) => p.result !== 'flat' && p.result !== 'already_flat');
      report.flat = left.length === 0;
      const problems = [
        ...(report.flat ? [] : [`not confirmed flat: ${left.map((p) => `${p.contract} (${p.result}${p.detail ? `: ${p.detail}` : ''})`).join(', ')}`]),
        ...(refused.length > 0 ? [`${refused.length} cancel(s) refused: ${refused.join('; ')}`] : []),
      ];
      report.error = problems.length > 0 ? problems.join('; ') : null;
    } catch (error) {
      report.error = (error as Error).message;
    }
    report.ms = elapsedMs(started);
    return report;
  }
}

function elapsedMs(started: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
}
