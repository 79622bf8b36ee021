import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { QuoteReceived } from '../../core/bus/events';
import { Venue } from '../../core/market/venue';
import { PaperVenueService } from '../broker/paper-venue.service';

export interface LastQuote {
  price: string;
  bid: string | null;
  ask: string | null;
  source: QuoteReceived['source'];
  ts: string;
}

/**
 * The last quote of every contract at each venue. A caller always says which venue it prices at:
 * a Tradovate position is marked by Tradovate's market data only, a recorder's virtual book and a
 * paper account by TradingView prices (alerts, POST /api/paper/quotes), never one by the other's.
 */
@Injectable()
export class LastQuotesService implements OnModuleInit {
  private readonly quotes = new Map<string, LastQuote>();

  constructor(
    private readonly bus: EventBus,
    private readonly paper: PaperVenueService,
  ) {}

  onModuleInit(): void {
    this.bus.on('QuoteReceived', 'last-quotes', (q) => {
      this.quotes.set(key(q.venue, q.contract), { price: q.price, bid: q.bid ?? null, ask: q.ask ?? null, source: q.source, ts: q.ts });
    });
  }

  get(venue: Venue, contract: string): LastQuote | null {
    return this.quotes.get(key(venue, contract)) ?? null;
  }

  /** When the venue last quoted any of these contracts (any contract at all when none is given). */
  lastQuoteAt(venue: Venue, contracts?: Iterable<string>): string | null {
    const wanted = contracts ? [...contracts].map((c) => key(venue, c)) : [...this.quotes.keys()].filter((k) => k.startsWith(`${venue}|`));
    return wanted.reduce<string | null>((latest, k) => {
      const ts = this.quotes.get(k)?.ts ?? null;
      return ts !== null && (latest === null || ts > latest) ? ts : latest;
    }, null);
  }

  /**
   * The venue's last price of a contract; at the paper venue, before the first quote since start,
   * the paper exchange's restored one. Null when the venue never quoted it.
   */
  lastPrice(venue: Venue, contract: string): string | null {
    const quoted = this.quotes.get(key(venue, contract))?.price;
    if (quoted !== undefined) return quoted;
    return venue === 'paper' ? (this.paper.lastQuote(contract)?.price ?? null) : null;
  }
}

const key = (venue: Venue, contract: string) => `${venue}|${contract}`;
