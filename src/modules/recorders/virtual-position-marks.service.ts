import { Injectable } from '@nestjs/common';
import { Clock } from '../../core/clock';
import { venueOfPriceSource, PriceSource } from '../../core/market/price-source';
import { isQuoteStale } from '../../core/market/quote-staleness';
import { priceToTicks, ticksToPrice, ticksToUsd } from '../../core/money';
import { openPnlTicks } from '../../core/positions/position-ledger';
import { specForContract } from '../../core/positions/spec-for-contract';
import { LastQuotesService } from '../market-data/last-quotes.service';
import { RecorderPosition } from './entities/recorder-position.entity';

export interface VirtualPositionMark {
  lastPrice: string | null;
  openPnlTicks: number | null;
  openPnlUsd: string | null;
  /** the source that marks this position; delayed or stale is said, never hidden behind another source */
  marketData: { priceSource: PriceSource; venue: string; lastQuoteAt: string | null; delayed: boolean; stale: boolean };
}

/**
 * Marks a recorder's open virtual position at the last price of the recorder's own source: alert
 * and API prices, or TradingView's quote socket. It never borrows another source's price.
 */
@Injectable()
export class VirtualPositionMarksService {
  constructor(
    private readonly quotes: LastQuotesService,
    private readonly clock: Clock,
  ) {}

  mark(row: RecorderPosition, priceSource: PriceSource): VirtualPositionMark {
    const venue = venueOfPriceSource(priceSource);
    const quote = this.quotes.get(venue, row.contract);
    const quoted = this.quotes.lastPrice(venue, row.contract);
    const spec = specForContract(row.contract);
    const mark = row.netPos === 0 || quoted === null ? null : ticksToPrice(priceToTicks(quoted, spec), spec);
    const ticks = mark === null ? null : openPnlTicks(JSON.parse(row.ledger), mark, spec);
    const lastQuoteAt = quote?.ts ?? null;
    // alert prices come when alerts come: only a streaming source can go quiet
    const stale = priceSource === 'tradingview' && row.netPos !== 0 && isQuoteStale(lastQuoteAt, new Date(row.updatedAt), this.clock.now());
    return {
      lastPrice: mark,
      openPnlTicks: ticks,
      openPnlUsd: ticks === null ? null : ticksToUsd(ticks, 1, spec),
      marketData: { priceSource, venue, lastQuoteAt, delayed: quote?.delayed ?? false, stale },
    };
  }
}
