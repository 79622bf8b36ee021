import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { BadRequestException } from '@nestjs/common';
import { AddWatchDto, isTicker, TICKER_MESSAGE, UpdateWatchDto } from './dto/watch.dto';
import { SignalQueryDto } from './dto/signal-query.dto';
import { InsiderSignalsService } from './signals/insider-signals.service';
import { WatchlistBackfill } from './watchlist/watchlist-backfill.service';
import { WatchlistService } from './watchlist/watchlist.service';

@Controller('api/insider')
export class InsiderApiController {
  constructor(
    private readonly signals: InsiderSignalsService,
    private readonly watchlist: WatchlistService,
    private readonly backfill: WatchlistBackfill,
  ) {}

  @Get('signals')
  list(@Query() query: SignalQueryDto) {
    return this.signals.list(query);
  }

  /** One signal with every transaction, footnotes, the score breakdown and prices. */
  @Get('signals/:id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.signals.detail(id);
  }

  @Get('failures')
  failures() {
    return this.signals.failures();
  }

  @Get('watchlist')
  watched() {
    return this.watchlist.list();
  }

  /** Adds a ticker and starts a 90-day backfill in the background (when EDGAR access is configured). */
  @Post('watchlist')
  async add(@Body() body: AddWatchDto) {
    const watch = await this.watchlist.add(body.ticker, body.alertThreshold);
    return { ...watch, backfillStatus: this.backfill.start(watch.ticker) };
  }

  @Patch('watchlist/:ticker')
  update(@Param('ticker') ticker: string, @Body() body: UpdateWatchDto) {
    return this.watchlist.update(checked(ticker), { alertThreshold: body.alertThreshold });
  }

  @Delete('watchlist/:ticker')
  @HttpCode(204)
  async remove(@Param('ticker') ticker: string): Promise<void> {
    await this.watchlist.remove(checked(ticker));
  }
}

function checked(ticker: string): string {
  if (!isTicker(ticker)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [TICKER_MESSAGE] });
  return ticker;
}
