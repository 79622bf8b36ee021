import { Controller, Get, Query } from '@nestjs/common';
import { PnlQueryDto } from './dto/pnl-query.dto';
import { PnlReportsService } from './pnl-reports.service';

@Controller('api/pnl')
export class PnlController {
  constructor(private readonly reports: PnlReportsService) {}

  /** Today's P&L per account and recorder (realized, commissions, open, day total, balance, equity). */
  @Get()
  summary(@Query() query: PnlQueryDto) {
    return this.reports.summary(query);
  }

  @Get('daily')
  daily(@Query() query: PnlQueryDto) {
    return this.reports.daily(query);
  }

  @Get('equity')
  equity(@Query() query: PnlQueryDto) {
    return this.reports.equity(query);
  }
}
