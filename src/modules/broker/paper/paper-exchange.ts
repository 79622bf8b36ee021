import type { Observable } from 'rxjs';
import type {
  BrokerEvent,
  BrokerFill,
  BrokerOrder,
  BrokerPosition,
  CommandResult,
  PlaceOrderRequest,
  PlaceOrderResult,
} from '../broker.port';
import type { PaperContractBook } from './paper-contract-book';
import { canonicalDecimal, parseDecimal } from './paper-decimal';
import {
  copyPlain,
  PAPER_SNAPSHOT_VERSION,
  PaperAccount,
  PaperExchangeSnapshot,
  positionFromRecord,
  positionToRecord,
} from './paper-exchange-snapshot';
import { PaperEventOutbox } from './paper-event-outbox';
import {
  checkMaxPosition,
  checkOrderTicket,
  noPosition,
  noQuote,
  orderNotWorking,
  unknownAccount,
  unknownOrder,
} from './paper-order-checks';
import { crossingFillPrice, executablePrice, PaperQuote } from './paper-order-matching';
import { isFinished, newOrderRecord, PaperOrderRecord, resultOf, toBrokerOrder } from './paper-order-record';
import { applyFill, PaperPosition, toBrokerPosition } from './paper-position';

export interface PaperQuoteInput {
  price?: string;
  bid?: string;
  ask?: string;
}

/** Per account; older fills and finished orders are dropped so the stored snapshot stays small. */
export const PAPER_HISTORY_LIMIT = 1000;

/**
 * A deterministic in-process futures exchange: the paper broker's venue. Every call is
 * synchronous and runs to completion; its events are then published in the order a broker
 * socket sends them, after `changes$` tells the owner to save a snapshot.
 */
export class PaperExchange {
  private readonly outbox: PaperEventOutbox;
  readonly events$: Observable<BrokerEvent>;
  /** Emits once after every call that changed state: store `snapshot()` then. */
  readonly changes$: Observable<void>;

  private readonly accounts = new Map<string, PaperAccount>();
  private readonly quotes = new Map<string, PaperQuote>();
  /** by broker order id, in placement order (working orders trigger in that order) */
  private readonly orders = new Map<string, PaperOrderRecord>();
  private readonly orderIdsByClOrdId = new Map<string, string>();
  private readonly positions = new Map<string, Map<string, PaperPosition>>();
  private readonly fills = new Map<string, BrokerFill[]>();
  private nextOrderId = 1;
  private nextFillId = 1;

  constructor(
    private readonly contractBook: PaperContractBook,
    clock: () => Date,
  ) {
    this.outbox = new PaperEventOutbox(clock);
    this.events$ = this.outbox.events$;
    this.changes$ = this.outbox.changes$;
  }

  static restore(
    snapshot: PaperExchangeSnapshot,
    contractBook: PaperContractBook,
    clock: () => Date,
  ): PaperExchange {
    if (snapshot.version !== PAPER_SNAPSHOT_VERSION) {
      throw new Error(
        `Paper exchange snapshot version ${snapshot.version} is not supported (expected ${PAPER_SNAPSHOT_VERSION}).`,
      );
    }
    const exchange = new PaperExchange(contractBook, clock);
    const state = copyPlain(snapshot);
    for (const account of state.accounts) exchange.accounts.set(account.id, account);
    for (const quote of state.quotes) exchange.quotes.set(quote.contract, quote);
    for (const order of state.orders) exchange.indexOrder(order);
    for (const record of state.positions) {
      Object.assign(exchange.positionOf(record.accountRef, record.contract), positionFromRecord(record));
    }
    for (const fill of state.fills) exchange.fillsOf(fill.accountRef).push(fill);
    exchange.nextOrderId = state.counters.nextOrderId;
    exchange.nextFillId = state.counters.nextFillId;
    return exchange;
  }

  snapshot(): PaperExchangeSnapshot {
    return copyPlain({
      version: PAPER_SNAPSHOT_VERSION,
      accounts: [...this.accounts.values()],
      quotes: [...this.quotes.values()],
      orders: [...this.orders.values()],
      positions: [...this.positions.values()].flatMap((perContract) => [...perContract.values()].map(positionToRecord)),
      fills: [...this.fills.values()].flat(),
      counters: { nextOrderId: this.nextOrderId, nextFillId: this.nextFillId },
    });
  }

  addAccount(id: string, maxPosition: number | null = null): void {
    if (this.accounts.has(id)) throw new Error(`Paper account ${id} already exists.`);
    assertMaxPosition(maxPosition);
    this.outbox.run(() => {
      this.accounts.set(id, { id, maxPosition });
      this.outbox.markChanged();
    });
  }

  setMaxPosition(id: string, maxPosition: number | null): void {
    const account = this.accounts.get(id);
    if (!account) throw new Error(`Paper account ${id} does not exist.`);
    assertMaxPosition(maxPosition);
    this.outbox.run(() => {
      account.maxPosition = maxPosition;
      this.outbox.markChanged();
    });
  }

  hasAccount(id: string): boolean {
    return this.accounts.has(id);
  }

  listAccounts(): PaperAccount[] {
    return copyPlain([...this.accounts.values()]);
  }

  /** Replaces the contract's top of book (omitted fields become unknown) and fills crossed working orders. */
  setQuote(contract: string, input: PaperQuoteInput): void {
    const quote: PaperQuote = { contract, price: null, bid: null, ask: null };
    for (const field of ['price', 'bid', 'ask'] as const) {
      if (input[field] === undefined) continue;
      const canonical = canonicalDecimal(input[field]);
      if (canonical === null) {
        throw new Error(`Quote ${field} for ${contract} is not a decimal number: ${JSON.stringify(input[field])}.`);
      }
      quote[field] = canonical;
    }
    if (quote.price === null && quote.bid === null && quote.ask === null) {
      throw new Error(`A quote for ${contract} needs at least one of price, bid or ask.`);
    }
    this.outbox.run((ts) => {
      this.quotes.set(contract, quote);
      this.outbox.markChanged();
      const working = [...this.orders.values()].filter((o) => o.status === 'Working' && o.contract === contract);
      for (const order of working) {
        const fillPrice = crossingFillPrice(order, quote, true);
        if (fillPrice !== null) this.fill(order, fillPrice, ts);
      }
    });
  }

  listQuotes(): PaperQuote[] {
    return [...this.quotes.values()].map((quote) => ({ ...quote }));
  }

  lastQuote(contract: string): PaperQuote | null {
    const quote = this.quotes.get(contract);
    return quote ? { ...quote } : null;
  }

  placeOrder(req: PlaceOrderRequest): PlaceOrderResult {
    return this.outbox.run((ts) => {
      if (!this.accounts.has(req.accountRef)) return { accepted: false, ...unknownAccount(req.accountRef) };
      const previous = this.orderByClOrdId(req.accountRef, req.clOrdId);
      return previous ? resultOf(previous) : this.submit(req, ts);
    });
  }

  cancelOrder(accountRef: string, brokerOrderId: string): CommandResult {
    return this.outbox.run((ts) => {
      if (!this.accounts.has(accountRef)) return { ok: false, ...unknownAccount(accountRef) };
      const order = this.orders.get(brokerOrderId);
      if (!order || order.accountRef !== accountRef) return { ok: false, ...unknownOrder(accountRef, brokerOrderId) };
      if (order.status !== 'Working') return { ok: false, ...orderNotWorking(brokerOrderId, order.status) };
      this.cancel(order, ts);
      return { ok: true };
    });
  }

  /** Cancels the working orders on the contract, then closes the open quantity at market. */
  liquidate(accountRef: string, contract: string, clOrdId: string): PlaceOrderResult {
    return this.outbox.run((ts) => {
      if (!this.accounts.has(accountRef)) return { accepted: false, ...unknownAccount(accountRef) };
      const previous = this.orderByClOrdId(accountRef, clOrdId);
      if (previous) return resultOf(previous);
      const netPos = this.netPos(accountRef, contract);
      if (netPos === 0) return { accepted: false, ...noPosition(accountRef, contract) };
      const working = [...this.orders.values()].filter(
        (o) => o.accountRef === accountRef && o.contract === contract && o.status === 'Working',
      );
      for (const order of working) this.cancel(order, ts);
      const action = netPos > 0 ? 'Sell' : 'Buy';
      const quantity = Math.abs(netPos);
      return this.submit({ accountRef, contract, action, quantity, orderType: 'Market', clOrdId }, ts);
    });
  }

  /** null when the account does not exist (the adapter turns that into a read error). */
  getPosition(accountRef: string, contract: string): BrokerPosition | null {
    if (!this.accounts.has(accountRef)) return null;
    const position = this.positions.get(accountRef)?.get(contract);
    return position ? toBrokerPosition(position) : { accountRef, contract, netPos: 0, avgPrice: null };
  }

  /** Every contract the account has traded, flat ones included; null for an unknown account. */
  listPositions(accountRef: string): BrokerPosition[] | null {
    if (!this.accounts.has(accountRef)) return null;
    return [...(this.positions.get(accountRef)?.values() ?? [])].map(toBrokerPosition);
  }

  listOrders(accountRef: string): BrokerOrder[] | null {
    if (!this.accounts.has(accountRef)) return null;
    return [...this.orders.values()].filter((o) => o.accountRef === accountRef).map(toBrokerOrder);
  }

  listFills(accountRef: string): BrokerFill[] | null {
    if (!this.accounts.has(accountRef)) return null;
    return copyPlain(this.fills.get(accountRef) ?? []);
  }

  private submit(req: PlaceOrderRequest, ts: string): PlaceOrderResult {
    const order = newOrderRecord(String(this.nextOrderId++), req);
    this.indexOrder(order);
    this.outbox.markChanged();
    this.emitOrder(order, ts);

    const quote = this.quotes.get(req.contract);
    const marketPrice = executablePrice(quote, req.action);
    const { maxPosition } = this.accounts.get(req.accountRef)!;
    const rejection =
      checkOrderTicket(req, this.contractBook.tickSize(req.contract)) ??
      checkMaxPosition(this.netPos(req.accountRef, req.contract), signed(req.action, req.quantity), maxPosition) ??
      (req.orderType === 'Market' && marketPrice === null ? noQuote(req.contract) : null);
    if (rejection) {
      order.status = 'Rejected';
      order.rejectReason = rejection.reason;
      order.rejectText = rejection.text;
      this.emitOrder(order, ts);
      this.pruneHistory(order.accountRef);
      return resultOf(order);
    }

    order.status = 'Working';
    this.emitOrder(order, ts);
    const fillPrice = req.orderType === 'Market' ? marketPrice : crossingFillPrice(order, quote, false);
    if (fillPrice !== null) this.fill(order, fillPrice, ts);
    return resultOf(order);
  }

  private fill(order: PaperOrderRecord, price: string, ts: string): void {
    const fill: BrokerFill = {
      brokerFillId: String(this.nextFillId++),
      brokerOrderId: order.brokerOrderId,
      clOrdId: order.clOrdId,
      accountRef: order.accountRef,
      contract: order.contract,
      action: order.action,
      quantity: order.quantity,
      price,
      ts,
    };
    const fills = this.fillsOf(order.accountRef);
    fills.push(fill);
    if (fills.length > PAPER_HISTORY_LIMIT) fills.splice(0, fills.length - PAPER_HISTORY_LIMIT);

    order.status = 'Filled';
    order.filledQuantity = order.quantity;
    order.avgFillPrice = price;
    const position = this.positionOf(order.accountRef, order.contract);
    applyFill(position, signed(order.action, order.quantity), parseDecimal(price)!);
    this.outbox.markChanged();

    this.outbox.push({ kind: 'fill', fill: { ...fill }, ts });
    this.emitOrder(order, ts);
    this.outbox.push({ kind: 'position', position: toBrokerPosition(position), ts });
    this.pruneHistory(order.accountRef);
  }

  private cancel(order: PaperOrderRecord, ts: string): void {
    order.status = 'Canceled';
    this.outbox.markChanged();
    this.emitOrder(order, ts);
    this.pruneHistory(order.accountRef);
  }

  private emitOrder(order: PaperOrderRecord, ts: string): void {
    this.outbox.push({ kind: 'order', order: toBrokerOrder(order), ts });
  }

  private indexOrder(order: PaperOrderRecord): void {
    this.orders.set(order.brokerOrderId, order);
    if (order.clOrdId === null) return;
    this.orderIdsByClOrdId.set(clOrdKey(order.accountRef, order.clOrdId), order.brokerOrderId);
  }

  private orderByClOrdId(accountRef: string, clOrdId: string): PaperOrderRecord | undefined {
    const id = this.orderIdsByClOrdId.get(clOrdKey(accountRef, clOrdId));
    return id === undefined ? undefined : this.orders.get(id);
  }

  /** Keeps every working order and the newest finished ones of the account. */
  private pruneHistory(accountRef: string): void {
    const finished = [...this.orders.values()].filter((o) => o.accountRef === accountRef && isFinished(o));
    for (const order of finished.slice(0, Math.max(0, finished.length - PAPER_HISTORY_LIMIT))) {
      this.orders.delete(order.brokerOrderId);
      if (order.clOrdId !== null) this.orderIdsByClOrdId.delete(clOrdKey(accountRef, order.clOrdId));
    }
  }

  private netPos(accountRef: string, contract: string): number {
    return this.positions.get(accountRef)?.get(contract)?.netPos ?? 0;
  }

  private positionOf(accountRef: string, contract: string): PaperPosition {
    let byContract = this.positions.get(accountRef);
    if (!byContract) this.positions.set(accountRef, (byContract = new Map()));
    let position = byContract.get(contract);
    if (!position) byContract.set(contract, (position = { accountRef, contract, netPos: 0, avgPrice: null }));
    return position;
  }

  private fillsOf(accountRef: string): BrokerFill[] {
    let fills = this.fills.get(accountRef);
    if (!fills) this.fills.set(accountRef, (fills = []));
    return fills;
  }
}

function signed(action: 'Buy' | 'Sell', quantity: number): number {
  return action === 'Buy' ? quantity : -quantity;
}

function clOrdKey(accountRef: string, clOrdId: string): string {
  return JSON.stringify([accountRef, clOrdId]);
}

function assertMaxPosition(maxPosition: number | null): void {
  if (maxPosition !== null && (!Number.isSafeInteger(maxPosition) || maxPosition < 0)) {
    throw new Error(`Max position must be a whole number of contracts (0 or more) or null, not ${maxPosition}.`);
  }
}
