import { BadRequestException, Injectable } from '@nestjs/common';
import { addDecimal, subtractDecimal } from '../../core/money';
import { totalUsd } from '../../core/pnl/fill-pnl';
import { AccountDirectory } from '../accounts/account-directory.service';
import { AccountPnlService } from './account-pnl.service';
import { PnlQueryDto } from './dto/pnl-query.dto';
import { RecorderPnlService } from './recorder-pnl.service';
import { TraderPnlService } from './trader-pnl.service';

/** The P&L API's answers: today per book, results per trading day, and an equity curve. */
@Injectable()
export class PnlReportsService {
  constructor(
    private readonly accounts: AccountPnlService,
    private readonly recorders: RecorderPnlService,
    private readonly directory: AccountDirectory,
    private readonly traders: TraderPnlService,
  ) {}

  async summary(query: PnlQueryDto) {
    const day = this.accounts.today();
    const wantAccounts = !query.recorderId || query.accountId;
    const wantRecorders = !query.accountId || query.recorderId;
    const accounts = wantAccounts ? (query.accountId ? [await this.accounts.forAccount(query.accountId, day)] : await this.accounts.all(day)) : [];
    const recorders = wantRecorders ? (query.recorderId ? [await this.recorders.forRecorder(query.recorderId, day)] : await this.recorders.all(day)) : [];
    const traders = await this.traders.all(day, { ...(query.accountId ? { accountId: query.accountId } : {}), ...(query.recorderId ? { recorderId: query.recorderId } : {}) });
    return { tradingDay: day, accounts, recorders, traders, ...(query.from || query.to ? { daily: await this.daily(query) } : {}) };
  }

  async daily(query: PnlQueryDto) {
    inRange(query);
    const keep = (day: string) => (!query.from || day >= query.from) && (!query.to || day <= query.to);
    const accountIds = query.accountId ? [query.accountId] : query.recorderId ? [] : (await this.directory.list()).map((a) => a.id);
    const recorderIds = query.recorderId ? [query.recorderId] : [];
    return {
      accounts: await Promise.all(accountIds.map(async (id) => ({ accountId: id, days: (await this.accounts.days(id)).filter((d) => keep(d.day)) }))),
      recorders: await Promise.all(recorderIds.map(async (id) => ({ recorderId: id, days: (await this.recorders.days(id)).filter((d) => keep(d.day)) }))),
    };
  }

  /** One point per trading day with results: the balance after it; the last point is equity now (open P&L included). */
  async equity(query: PnlQueryDto) {
    inRange(query);
    if (!query.accountId === !query.recorderId) throw new BadRequestException('give exactly one of accountId or recorderId');
    if (query.accountId) {
      const account = await this.directory.get(query.accountId);
      const now = await this.accounts.forAccount(account.id);
      let balance: string = account.startingBalance;
      const points = (await this.accounts.days(account.id)).map((d) => ({ day: d.day, equityUsd: totalUsd([(balance = totalUsd([addDecimal(balance, d.netUsd)]))]) }));
      return { accountId: account.id, startingBalanceUsd: totalUsd([account.startingBalance]), points: clip(points, query), nowUsd: totalUsd([balance, now.openUsd]) };
    }
    const recorderId = query.recorderId!;
    const now = await this.recorders.forRecorder(recorderId);
    let cumulative = '0';
    const points = (await this.recorders.days(recorderId)).map((d) => ({ day: d.day, equityUsd: (cumulative = totalUsd([addDecimal(cumulative, d.realizedUsd)])) }));
    // the day's partial exits of the open position are in today's realized but in no closed trade yet
    const partials = subtractDecimal(now.realizedUsd, (await this.recorders.days(recorderId)).find((d) => d.day === now.tradingDay)?.realizedUsd ?? '0');
    return { recorderId, startingBalanceUsd: '0.00', points: clip(points, query), nowUsd: totalUsd([cumulative, partials, now.openUsd]) };
  }
}

function inRange(query: PnlQueryDto): void {
  if (query.from && query.to && query.from > query.to) throw new BadRequestException(`from (${query.from}) is after to (${query.to})`);
}

function clip<T extends { day: string }>(points: T[], query: PnlQueryDto): T[] {
  return points.filter((p) => (!query.from || p.day >= query.from) && (!query.to || p.day <= query.to));
}
