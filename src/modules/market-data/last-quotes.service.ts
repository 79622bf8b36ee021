import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../core/bus/event-bus';
import { QuoteReceived } from '../../core/bus/events';
import { Venue } from '../../core/market/venue';

export interface LastQuote {
  price: string;
  bid: string | null;
  ask: string | null;
  source: QuoteReceived['source'];
  /** from a delayed feed (anonymous TradingView) */
  delayed: boolean;
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
  /** prices a venue kept across a restart (the paper exchange's snapshot), without a quote time */
  private readonly restored = new Map<string, string>();

  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.bus.on('QuoteReceived', 'last-quotes', (q) => {
      this.quotes.set(key(q.venue, q.contract), { price: q.price, bid: q.bid ?? null, ask: q.ask ?? null, source: q.source, delayed: q.delayed ?? false, ts: q.ts });
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

  /** A venue that keeps its market across a restart hands its last prices over at start. */
  restorePrice(venue: Venue, contract: string, price: string): void {
    this.restored.set(key(venue, contract), price);
  }

  /**
   * The venue's last price of a contract; before the first quote since start, the one the venue
   * restored. Null when the venue never quoted it.
   */
  lastPrice(venue: Venue, contract: string): string | null {
    return this.quotes.get(key(venue, contract))?.price ?? this.restored.get(key(venue, contract)) ?? null;
  }
}

const key = (venue: Venue, contract: string) => `${venue}|${contract}`;
