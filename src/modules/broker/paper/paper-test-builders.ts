import type { BrokerEvent, PlaceOrderRequest } from '../broker.port';
import type { PaperContractBook } from './paper-contract-book';
import { PaperExchange } from './paper-exchange';

/** Shared arrangements for the paper broker's specs (plain TS so it compiles without jest types). */
export const MNQ = 'MNQZ6';
export const ES = 'ESZ6';
export const ACCOUNT = 'paper-1';
export const OPENING_BELL = '2025-12-01T14:30:00.000Z';

export function aContractBook(ticks: Record<string, string> = { [MNQ]: '0.25', [ES]: '0.25' }): PaperContractBook {
  return { tickSize: (contract) => ticks[contract] ?? null };
}

/** A clock pinned at `iso` that tests can move. */
export function aPinnedClock(iso = OPENING_BELL): (() => Date) & { set(iso: string): void } {
  let now = new Date(iso);
  const clock = () => new Date(now.getTime());
  clock.set = (next: string) => {
    now = new Date(next);
  };
  return clock;
}

export interface PaperMarket {
  exchange: PaperExchange;
  events: BrokerEvent[];
  changeCount(): number;
  clock: ReturnType<typeof aPinnedClock>;
}

/** An exchange with one account (no cap unless given) that records every event it sends. */
export function aPaperMarket(options: { maxPosition?: number | null; exchange?: PaperExchange } = {}): PaperMarket {
  const clock = aPinnedClock();
  const exchange = options.exchange ?? new PaperExchange(aContractBook(), clock);
  if (!exchange.hasAccount(ACCOUNT)) exchange.addAccount(ACCOUNT, options.maxPosition ?? null);
  return recording(exchange, clock);
}

export function recording(exchange: PaperExchange, clock = aPinnedClock()): PaperMarket {
  const events: BrokerEvent[] = [];
  let changes = 0;
  exchange.events$.subscribe((event) => events.push(event));
  exchange.changes$.subscribe(() => changes++);
  return { exchange, events, changeCount: () => changes, clock };
}

let sequence = 0;

export function aMarketOrder(overrides: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest {
  return {
    accountRef: ACCOUNT,
    contract: MNQ,
    action: 'Buy',
    quantity: 1,
    orderType: 'Market',
    clOrdId: `cl-${++sequence}`,
    ...overrides,
  };
}

export function aLimitOrder(price: string, overrides: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest {
  return aMarketOrder({ orderType: 'Limit', price, ...overrides });
}

export function aStopOrder(stopPrice: string, overrides: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest {
  return aMarketOrder({ orderType: 'Stop', stopPrice, ...overrides });
}

/** "order:PendingNew", "fill", "order:Filled", "position": the story a broker socket tells. */
export function eventStory(events: BrokerEvent[]): string[] {
  return events.map((e) => (e.kind === 'order' ? `order:${e.order.status}` : e.kind));
}
