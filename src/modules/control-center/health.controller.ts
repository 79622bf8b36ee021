import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/clock';
import { TradingStateService } from '../execution/trading-state.service';
import { AdvancedExitManager } from '../exits/advanced-exit-manager.service';
import { PositionDriftReconciler } from '../reconciler/position-drift-reconciler.service';

@Controller('api')
export class HealthController {
  private readonly startedAt: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tradingState: TradingStateService,
    private readonly exits: AdvancedExitManager,
    private readonly reconciler: PositionDriftReconciler,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.nowIso();
  }

  /** Public: is the process up and the database answering. */
  @Get('health')
  async health() {
    await this.db.query('SELECT 1');
    return { status: 'ok', time: this.clock.nowIso() };
  }

  /** The control center's numbers: trading state, exits being worked, the last drift check. */
  @Get('status')
  async status() {
    const halted = this.tradingState.haltedReason();
    const machines = await this.exits.listAll();
    const reconcile = this.reconciler.lastReport();
    return {
      status: 'ok',
      startedAt: this.startedAt,
      database: this.db.options.type,
      trading: halted ? { state: 'halted', reason: halted, since: this.tradingState.haltedSince() } : { state: 'active', reason: null, since: null },
      exitMachines: machines.map(({ accountId, contract, state, reason, attempts, lastResult, updatedAt }) => ({ accountId, contract, state, reason, attempts, lastResult, updatedAt })),
      lastReconcile: reconcile ? { at: reconcile.at, trigger: reconcile.trigger, drift: reconcile.accounts.filter((a) => a.status !== 'in_sync').length } : null,
    };
  }
}
