import type { FakeCatalog } from './fake-catalog';
import type { FakeQuotes, Quote, QuoteInput } from './fake-quotes';
import { domWire, quoteWire } from './fake-quotes';
import type { SocketMessage, WireReply } from './fake-wire-types';
import { ok } from './fake-wire-types';

/**
 * One market-data socket's subscriptions (reference §5.2-5.3): quotes and DOMs follow the scripted
 * quotes; histograms are acknowledged; charts answer ids and an end-of-history marker.
 * The server keeps no subscription across connections (§8.5).
 */
export class MdFeed {
  private readonly quotes = new Set<number>();
  private readonly doms = new Set<number>();
  private readonly charts = new Set<number>();
  private nextId = 1;

  constructor(
    private readonly catalog: FakeCatalog,
    private readonly book: FakeQuotes,
    private readonly send: (messages: SocketMessage[]) => void,
  ) {}

  get quoteSubscriptions(): number[] {
    return [...this.quotes];
  }

  handle(endpoint: string, body: Record<string, unknown>): WireReply | undefined {
    const op = endpoint.slice('md/'.length);
    if (op === 'cancelchart') {
      this.charts.delete(Number(body.subscriptionId));
      return ok();
    }
    const contract = this.catalog.resolveSymbol(body.symbol);
    const contractId = contract?.id;
    switch (op) {
      case 'subscribequote':
      case 'subscribedom':
      case 'subscribehistogram':
      case 'getchart':
        if (contractId === undefined) return ok({ errorText: `Unknown symbol ${String(body.symbol)}`, errorCode: 'UnknownSymbol', mode: 'None' });
        return this.subscribe(op, contractId);
      case 'unsubscribequote':
        if (contractId !== undefined) this.quotes.delete(contractId);
        return ok();
      case 'unsubscribedom':
        if (contractId !== undefined) this.doms.delete(contractId);
        return ok();
      case 'unsubscribehistogram':
        return ok();
    }
    return undefined;
  }

  /** Called for every scripted quote; sends only the entries that changed. */
  onQuote(quote: Quote, changed: ReadonlySet<keyof QuoteInput>): void {
    const messages: SocketMessage[] = [];
    if (this.quotes.has(quote.contractId)) messages.push({ e: 'md', d: { quotes: [quoteWire(quote, changed)] } });
    if (this.doms.has(quote.contractId)) messages.push({ e: 'md', d: { doms: [domWire(quote)] } });
    if (messages.length) this.send(messages);
  }

  private subscribe(op: string, contractId: number): WireReply {
    const subscriptionId = this.nextId++;
    if (op === 'getchart') {
      const realtimeId = this.nextId++;
      this.charts.add(subscriptionId).add(realtimeId);
      setImmediate(() => this.send([{ e: 'chart', d: { charts: [{ id: subscriptionId, eoh: true }] } }]));
      return ok({ historicalId: subscriptionId, realtimeId });
    }
    if (op === 'subscribequote') this.quotes.add(contractId);
    if (op === 'subscribedom') this.doms.add(contractId);
    const current = this.book.get(contractId);
    if (current && op !== 'subscribehistogram') {
      const d = op === 'subscribequote' ? { quotes: [quoteWire(current)] } : { doms: [domWire(current)] };
      setImmediate(() => this.send([{ e: 'md', d }]));
    }
    return ok({ mode: 'RealTime', subscriptionId });
  }
}
