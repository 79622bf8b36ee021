import { Body, Controller, Get, Post, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccountsService } from '../accounts/accounts.service';
import { AdvancedExitManager } from '../exits/advanced-exit-manager.service';
import { KillSwitchService } from '../exits/kill-switch.service';
import { AccountPnlService } from '../pnl/account-pnl.service';
import { LossLimitsService } from '../pnl/loss-limits.service';
import { RecorderPnlService } from '../pnl/recorder-pnl.service';
import { PositionDriftReconciler } from '../reconciler/position-drift-reconciler.service';
import { KillSwitchDto } from './dto/kill-switch.dto';

/** The control center page: each account's exit machines, the last reconcile, the kill switch. */
@Controller('control-center')
export class ControlCenterController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly exits: AdvancedExitManager,
    private readonly killSwitch: KillSwitchService,
    private readonly reconciler: PositionDriftReconciler,
    private readonly accountPnl: AccountPnlService,
    private readonly recorderPnl: RecorderPnlService,
    private readonly lossLimits: LossLimitsService,
  ) {}

  @Get()
  @Render('control-center')
  async page() {
    const [accounts, machines] = await Promise.all([this.accounts.list(), this.exits.listAll()]);
    const reconcile = this.reconciler.lastReport();
    const status = this.killSwitch.status();
    return {
      title: 'Control center',
      killSwitch: status,
      accounts: accounts.map((a) => ({
        ...a,
        machines: machines.filter((m) => m.accountId === a.id),
        reconcile: reconcile?.accounts.find((r) => r.accountId === a.id) ?? null,
        killReport: status.lastReport?.accounts.find((r) => r.accountId === a.id) ?? null,
      })),
      lossLimits: await this.lossLimitRows(),
      reconcileAt: reconcile?.at ?? null,
      reconcileTrigger: reconcile?.trigger ?? null,
    };
  }

  private async lossLimitRows() {
    const reached = new Map(this.lossLimits.trippedNow().map((t) => [t.id, t.reason]));
    const [accounts, recorders] = await Promise.all([this.accountPnl.all(), this.recorderPnl.all()]);
    const books = [
      ...accounts.filter((a) => a.dailyLossLimit).map((a) => ({ book: 'account', id: a.accountId, name: a.name, dayPnlUsd: a.dayPnlUsd, limit: a.dailyLossLimit })),
      ...recorders.filter((r) => r.dailyLossLimit).map((r) => ({ book: 'recorder', id: r.recorderId, name: r.name, dayPnlUsd: r.dayPnlUsd, limit: r.dailyLossLimit })),
    ];
    return { day: this.lossLimits.today(), books: books.map((b) => ({ ...b, reason: reached.get(b.id) ?? null })) };
  }

  @Post('kill-switch')
  async trip(@Body() dto: KillSwitchDto, @Res() res: Response) {
    await this.killSwitch.trip(dto.reason?.trim() || 'control center button');
    res.redirect(303, '/control-center');
  }

  @Post('rearm')
  async rearm(@Res() res: Response) {
    await this.killSwitch.rearm('control center button');
    res.redirect(303, '/control-center');
  }

  @Post('reconcile')
  async reconcile(@Res() res: Response) {
    await this.reconciler.reconcileAll('control center button');
    res.redirect(303, '/control-center');
  }
}
