import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { QuoteReceived } from '../../core/bus/events';
import { PaperVenueService } from '../broker/paper-venue.service';

export interface LastQuote {
  price: string;
  bid: string | null;
  ask: string | null;
  source: QuoteReceived['source'];
  ts: string;
}

/** The last quote of every contract, whatever its source (alert, API, Tradovate market data): P&L marks read it. */
@Injectable()
export class LastQuotesService implements OnModuleInit {
  private readonly quotes = new Map<string, LastQuote>();

  constructor(
    private readonly bus: EventBus,
    private readonly paper: PaperVenueService,
  ) {}

  onModuleInit(): void {
    this.bus.on('QuoteReceived', 'last-quotes', (q) => {
      this.quotes.set(q.contract, { price: q.price, bid: q.bid ?? null, ask: q.ask ?? null, source: q.source, ts: q.ts });
    });
  }

  get(contract: string): LastQuote | null {
    return this.quotes.get(contract) ?? null;
  }

  /**
   * The last price of a contract from any source; before the first quote since start, the paper
   * exchange's restored one. Null when nothing was ever quoted.
   */
  lastPrice(contract: string): string | null {
    return this.quotes.get(contract)?.price ?? this.paper.lastQuote(contract)?.price ?? null;
  }
}
