/**
 * Scripted top of book per contract, shared by demo, live and the market-data socket (real market
 * data is shared by both environments, reference §1). Prices are plain numbers, as on the wire.
 */
export interface QuoteInput {
  bid?: number;
  ask?: number;
  last?: number;
  bidSize?: number;
  askSize?: number;
  lastSize?: number;
  volume?: number;
}

export interface Quote {
  contractId: number;
  bid?: number;
  ask?: number;
  last?: number;
  bidSize: number;
  askSize: number;
  lastSize: number;
  volume: number;
  high?: number;
  low?: number;
  open?: number;
  timestamp: string;
}

export type QuoteListener = (quote: Quote, changed: ReadonlySet<keyof QuoteInput>) => void;

export class FakeQuotes {
  private readonly quotes = new Map<number, Quote>();
  private readonly listeners: QuoteListener[] = [];

  constructor(private readonly now: () => Date) {}

  get(contractId: number): Quote | undefined {
    const q = this.quotes.get(contractId);
    return q ? { ...q } : undefined;
  }

  onQuote(listener: QuoteListener): void {
    this.listeners.push(listener);
  }

  set(contractId: number, input: QuoteInput): Quote {
    const prev = this.quotes.get(contractId);
    const changed = new Set(Object.keys(input).filter((k) => input[k as keyof QuoteInput] !== undefined)) as Set<keyof QuoteInput>;
    const last = input.last ?? prev?.last;
    const prices = [last, prev?.high, prev?.low].filter((p): p is number => p !== undefined);
    const quote: Quote = {
      contractId,
      bid: input.bid ?? prev?.bid,
      ask: input.ask ?? prev?.ask,
      last,
      bidSize: input.bidSize ?? prev?.bidSize ?? 10,
      askSize: input.askSize ?? prev?.askSize ?? 10,
      lastSize: input.lastSize ?? prev?.lastSize ?? 1,
      volume: input.volume ?? (prev?.volume ?? 0) + (input.last !== undefined ? 1 : 0),
      high: prices.length ? Math.max(...prices) : undefined,
      low: prices.length ? Math.min(...prices) : undefined,
      open: prev?.open ?? last,
      timestamp: this.now().toISOString(),
    };
    this.quotes.set(contractId, quote);
    for (const listener of this.listeners) listener({ ...quote }, changed);
    return { ...quote };
  }
}

/**
 * The `md` quote object (reference §5.2, vector §9d). With `changed` only the entries touched by
 * the last setQuote are sent, so a client has to merge per entry as the reference requires.
 */
export function quoteWire(q: Quote, changed?: ReadonlySet<keyof QuoteInput>): object {
  const all = !changed;
  const entries: Record<string, object> = {};
  if (q.bid !== undefined && (all || changed.has('bid') || changed.has('bidSize'))) entries.Bid = { price: q.bid, size: q.bidSize };
  if (q.ask !== undefined && (all || changed.has('ask') || changed.has('askSize'))) entries.Offer = { price: q.ask, size: q.askSize };
  if (q.last !== undefined && (all || changed.has('last') || changed.has('lastSize'))) {
    entries.Trade = { price: q.last, size: q.lastSize };
    entries.TotalTradeVolume = { size: q.volume };
    if (q.high !== undefined) entries.HighPrice = { price: q.high };
    if (q.low !== undefined) entries.LowPrice = { price: q.low };
  }
  if (all && q.open !== undefined) entries.OpeningPrice = { price: q.open };
  return { timestamp: q.timestamp, contractId: q.contractId, entries };
}

export function domWire(q: Quote): object {
  return {
    contractId: q.contractId,
    timestamp: q.timestamp,
    bids: q.bid !== undefined ? [{ price: q.bid, size: q.bidSize }] : [],
    offers: q.ask !== undefined ? [{ price: q.ask, size: q.askSize }] : [],
  };
}
