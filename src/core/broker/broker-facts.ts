/**
 * What brokers report, in one shape whatever the broker: the facts bus events carry. The Broker port
 * (modules/broker/broker.port.ts) speaks in these; prices are decimal strings, positions signed.
 */
export type OrderAction = 'Buy' | 'Sell';
export type OrderType = 'Market' | 'Limit' | 'Stop';
export type OrderStatus = 'PendingNew' | 'Working' | 'Filled' | 'Canceled' | 'Rejected';

export interface BrokerPosition {
  accountRef: string;
  contract: string;
  /** signed: long > 0, short < 0, flat 0 */
  netPos: number;
  /** average price of the open net position; null when flat */
  avgPrice: string | null;
}

export interface BrokerOrder {
  brokerOrderId: string;
  clOrdId: string | null;
  accountRef: string;
  contract: string;
  action: OrderAction;
  quantity: number;
  orderType: OrderType;
  price: string | null;
  stopPrice: string | null;
  status: OrderStatus;
  filledQuantity: number;
  avgFillPrice: string | null;
  rejectReason: string | null;
}

export interface BrokerFill {
  brokerFillId: string;
  brokerOrderId: string;
  clOrdId: string | null;
  accountRef: string;
  contract: string;
  action: OrderAction;
  quantity: number;
  price: string;
  ts: string;
}

export interface BrokerCashBalance {
  accountRef: string;
  /** account cash in the account currency, decimal string */
  amount: string;
  realizedPnl: string | null;
}
