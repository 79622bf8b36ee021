import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/clock';
import { MARKET_DATA_SOURCES, MarketDataSource } from '../../core/market/market-data-source';
import { AccountsService } from '../accounts/accounts.service';
import { MarketDataStalenessService } from '../market-data/market-data-staleness.service';
import { DcaStats } from '../dca/dca-stats.service';
import { TradingStateService } from '../execution/trading-state.service';
import { AdvancedExitManager } from '../exits/advanced-exit-manager.service';
import { LossLimitsService } from '../pnl/loss-limits.service';
import { PositionDriftReconciler } from '../reconciler/position-drift-reconciler.service';

@Controller('api')
export class HealthController {
  private readonly startedAt: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tradingState: TradingStateService,
    private readonly dca: DcaStats,
    private readonly exits: AdvancedExitManager,
    private readonly reconciler: PositionDriftReconciler,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly staleness: MarketDataStalenessService,
    private readonly lossLimits: LossLimitsService,
    @Optional() @Inject(MARKET_DATA_SOURCES) private readonly sources: MarketDataSource[] | null,
  ) {
    this.startedAt = clock.nowIso();
  }

  /** Public: is the process up and the database answering. */
  @Get('health')
  async health() {
    await this.db.query('SELECT 1');
    return { status: 'ok', time: this.clock.nowIso() };
  }

  /**
   * The control center's numbers: trading state, exits being worked, the last drift check, and per
   * account the venue whose market data drives its exits, when it last quoted, and if it went stale.
   */
  @Get('status')
  async status() {
    const halted = this.tradingState.haltedReason();
    const machines = await this.exits.listAll();
    const reconcile = this.reconciler.lastReport();
    const accounts = await this.accounts.list();
    return {
      status: 'ok',
      startedAt: this.startedAt,
      database: this.db.options.type,
      trading: halted ? { state: 'halted', reason: halted, since: this.tradingState.haltedSince() } : { state: 'active', reason: null, since: null },
      /** accounts halted on their own (a broker fill their book could not record) until re-armed */
      haltedAccounts: this.tradingState.haltedAccounts(),
      /** accounts and recorders whose daily loss limit was reached: entries refused until the next session */
      lossLimits: this.lossLimits.trippedNow(),
      exitMachines: machines.map(({ accountId, contract, state, reason, attempts, lastResult, updatedAt }) => ({ accountId, contract, state, reason, attempts, lastResult, updatedAt })),
      marketData: accounts.map((a) => {
        const { venue, lastQuoteAt, stale, staleContracts } = this.staleness.statusOf(a.id, a.broker);
        return { accountId: a.id, name: a.name, venue, lastQuoteAt, stale, staleContracts };
      }),
      /** streaming price sources beside the brokers' own (TradingView): connected, delayed, stale */
      priceSources: (this.sources ?? []).map((s) => s.status()),
      /** DCA levels reached, adds made, levels skipped and adds rejected since start, per book */
      dca: this.dca.snapshot(),
      lastReconcile: reconcile ? { at: reconcile.at, trigger: reconcile.trigger, drift: reconcile.accounts.filter((a) => a.status !== 'in_sync').length } : null,
    };
  }
}
