import { Controller, Get, Param, ParseUUIDPipe, Query, Render } from '@nestjs/common';
import { SignalQueryDto } from '../dto/signal-query.dto';
import { EdgarHttpClient } from '../edgar/edgar-http-client';
import { InsiderPollerService } from '../poller/insider-poller.service';
import { InsiderSignalsService } from '../signals/insider-signals.service';
import { WatchlistService } from '../watchlist/watchlist.service';
import { scoreClass, signalTable, usd } from './insider-page.presenter';

@Controller('insider')
export class InsiderPageController {
  constructor(
    private readonly signals: InsiderSignalsService,
    private readonly watchlist: WatchlistService,
    private readonly poller: InsiderPollerService,
    private readonly client: EdgarHttpClient,
  ) {}

  @Get()
  @Render('insider')
  async page(@Query() query: SignalQueryDto) {
    const [rows, watchlist, failures] = await Promise.all([this.signals.list(query), this.watchlist.list(), this.signals.failures()]);
    return {
      title: 'Insider signals',
      ...signalTable(rows, query),
      watchlist,
      failures: failures.slice(0, 5).map((f) => ({ accession: f.accession, formType: f.formType, reason: f.failureReason, url: f.indexUrl })),
      edgar: this.client.configured
        ? { on: true, text: this.poller.lastReport ? `last poll ${this.poller.lastReport.at.replace('T', ' ').slice(0, 19)} UTC: ${this.poller.lastReport.queued} new, ${this.poller.lastReport.stored} stored${this.poller.lastReport.error ? `, ${this.poller.lastReport.error}` : ''}` : 'EDGAR access configured; waiting for the first poll' }
        : { on: false, text: 'EDGAR polling is off: set JT_SEC_USER_AGENT="Your Name you@example.com" and restart' },
    };
  }

  @Get(':id')
  @Render('insider-detail')
  async detail(@Param('id', ParseUUIDPipe) id: string) {
    const s = await this.signals.detail(id);
    const filing = s.filing;
    return {
      title: `${s.ticker ?? s.issuerName ?? 'Filing'} ${s.formType}`,
      s,
      scoreClass: scoreClass(s.score),
      value: s.valueUsd ? usd(s.valueUsd) : null,
      factors: s.scoreDetail?.factors ?? [],
      multipliers: s.scoreDetail?.multipliers ?? [],
      reason: s.scoreDetail?.reason ?? null,
      ownership: filing?.kind === 'ownership' ? filing : null,
      stake: filing?.kind === 'schedule13' ? filing : null,
      transactions: filing?.kind === 'ownership' ? filing.transactions.map((t) => ({ ...t, notes: [...t.footnotes.map((f) => `${f.field}: [${f.id}]`), ...Object.entries(t.seeFootnote).map(([k, v]) => `${k} ${v}`)] })) : [],
      price: s.price,
      priceClass: s.price.status === 'ok' ? (s.price.changePct.startsWith('-') ? 'loss' : 'gain') : '',
    };
  }
}
