import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { QuoteReceived } from '../../core/bus/events';

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

  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.bus.on('QuoteReceived', 'last-quotes', (q) => {
      this.quotes.set(q.contract, { price: q.price, bid: q.bid ?? null, ask: q.ask ?? null, source: q.source, ts: q.ts });
    });
  }

  get(contract: string): LastQuote | null {
    return this.quotes.get(contract) ?? null;
  }
}
