import { Observable } from 'rxjs';
import type { BrokerCashBalance, BrokerFill, BrokerOrder, BrokerPosition, OrderAction, OrderType } from '../../core/broker/broker-facts';

export type { BrokerCashBalance, BrokerFill, BrokerOrder, BrokerPosition, OrderAction, OrderStatus, OrderType } from '../../core/broker/broker-facts';

/**
 * The one interface the engine knows a broker by. Adapters (paper, tradovate) implement it;
 * nothing outside `broker/` imports an adapter.
 *
 * Prices cross this port as decimal strings ("21000.25"), quantities as positive integers,
 * positions as signed integers (long > 0, short < 0). Contract names are broker contract names
 * such as "MNQZ6" (the symbol resolver turns TradingView tickers into these).
 */

export interface PlaceOrderRequest {
  /** broker account reference (the paper account id, or the Tradovate account id). */
  accountRef: string;
  contract: string;
  action: OrderAction;
  quantity: number;
  orderType: OrderType;
  /** limit price (Limit) */
  price?: string;
  /** trigger price (Stop) */
  stopPrice?: string;
  /** our idempotency key; a broker that sees the same clOrdId twice must not place twice. */
  clOrdId: string;
}

export type PlaceOrderResult =
  | { accepted: true; brokerOrderId: string }
  | { accepted: false; reason: string; text: string };

export type CommandResult = { ok: true } | { ok: false; reason: string; text: string };

/** What a broker's socket tells us, in the same shape whatever the broker. */
export type BrokerEvent =
  | { kind: 'order'; order: BrokerOrder; ts: string }
  | { kind: 'fill'; fill: BrokerFill; ts: string }
  | { kind: 'position'; position: BrokerPosition; ts: string }
  | { kind: 'cashBalance'; balance: BrokerCashBalance; ts: string };

/** An entry with its protective orders attached at the broker (Tradovate's placeoso). */
export interface BracketOrderRequest extends PlaceOrderRequest {
  takeProfit?: { price: string };
  stopLoss?: { stopPrice: string };
}

export type BracketOrderResult =
  | { accepted: true; brokerOrderId: string; takeProfitOrderId: string | null; stopLossOrderId: string | null }
  | { accepted: false; reason: string; text: string };

export interface ModifyOrderRequest {
  quantity: number;
  orderType: OrderType;
  price?: string;
  stopPrice?: string;
}

/** Thrown when a position or order list cannot be read: never treat that as flat. */
export class BrokerReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BrokerReadError';
  }
}

export interface Broker {
  readonly kind: string;
  readonly events$: Observable<BrokerEvent>;
  placeOrder(req: PlaceOrderRequest): Promise<PlaceOrderResult>;
  cancelOrder(accountRef: string, brokerOrderId: string): Promise<CommandResult>;
  /** Cancels working orders on the contract and closes the position with a market order. */
  liquidatePosition(accountRef: string, contract: string, clOrdId: string): Promise<PlaceOrderResult>;
  /** Throws BrokerReadError when the position cannot be read. */
  getPosition(accountRef: string, contract: string): Promise<BrokerPosition>;
  listPositions(accountRef: string): Promise<BrokerPosition[]>;
  listOrders(accountRef: string): Promise<BrokerOrder[]>;
  /** optional: brokers that hold brackets themselves (Tradovate); others leave it undefined */
  placeBracketOrder?(req: BracketOrderRequest): Promise<BracketOrderResult>;
  /** optional: change a working order in place */
  modifyOrder?(accountRef: string, brokerOrderId: string, changes: ModifyOrderRequest): Promise<CommandResult>;
}
