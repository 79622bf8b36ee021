import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ExcursionTracker } from './excursion-tracker.service';
import { PnlQueryDto } from './dto/pnl-query.dto';
import { PnlReportsService } from './pnl-reports.service';

@Controller('api/pnl')
export class PnlController {
  constructor(
    private readonly reports: PnlReportsService,
    private readonly excursions: ExcursionTracker,
  ) {}

  /** Today's P&L per account and recorder (realized, commissions, open, day total, balance, equity). */
  @Get()
  summary(@Query() query: PnlQueryDto) {
    return this.reports.summary(query);
  }

  @Get('daily')
  daily(@Query() query: PnlQueryDto) {
    return this.reports.daily(query);
  }

  /** An account's closed trades with their MFE / MAE (best and worst open P&L seen, USD). */
  @Get('trades')
  trades(@Query() query: PnlQueryDto) {
    if (!query.accountId) throw new BadRequestException('accountId is required');
    return this.excursions.trades(query.accountId);
  }

  @Get('equity')
  equity(@Query() query: PnlQueryDto) {
    return this.reports.equity(query);
  }
}
