/**
 * Every event on the bus, in one place. Facts are past tense (SignalReceived, FillReceived);
 * intents are imperative (EnterPosition, ExitPosition). Each is a plain JSON object keyed by `type`.
 * Prices are decimal strings; quantities whole contracts; positions signed (long > 0).
 */
import type { BrokerFill, BrokerOrder, BrokerPosition } from '../../modules/broker/broker.port';
import type { ParsedAlert } from '../../modules/webhooks/parsed-alert';

export type Side = 'LONG' | 'SHORT';

interface Base {
  ts: string;
}

export interface SignalReceived extends Base {
  type: 'SignalReceived';
  signalId: string;
  recorderId: string;
  /** broker contract name the alert resolved to, e.g. MNQZ6 */
  contract: string;
  alert: ParsedAlert;
  receivedAt: string;
}

export interface QuoteReceived extends Base {
  type: 'QuoteReceived';
  /** broker contract name, e.g. MNQZ6 */
  contract: string;
  price: string;
  bid?: string;
  ask?: string;
  source: 'alert' | 'api' | 'broker';
}

/** What every trader intent carries: who, what, and the key that makes a retry harmless. */
interface IntentBase extends Base {
  accountId: string;
  traderId: string | null;
  recorderId: string | null;
  signalId: string | null;
  contract: string;
  idempotencyKey: string;
}

/** Be on `side` with `quantity` contracts: execution opens, adds or reverses per the broker. */
export interface EnterPosition extends IntentBase {
  type: 'EnterPosition';
  side: Side;
  quantity: number;
  /** total absolute position cap for this trader (null = none) */
  maxQuantity: number | null;
  sameSide: 'add' | 'ignore' | 'reenter';
  opposite: 'reverse' | 'block';
}

/** Flatten the position; when `side` is set, only a position on that side. */
export interface ExitPosition extends IntentBase {
  type: 'ExitPosition';
  side: Side | null;
  reason: string;
}

/** Take `quantity` off a position on `side`; never flips. */
export interface ReducePosition extends IntentBase {
  type: 'ReducePosition';
  side: Side;
  quantity: number;
}

export type TradeIntent = EnterPosition | ExitPosition | ReducePosition;

export interface OrderSent extends Base {
  type: 'OrderSent';
  accountId: string;
  orderId: string;
  brokerOrderId: string;
  signalId: string | null;
}

export interface OrderRejected extends Base {
  type: 'OrderRejected';
  accountId: string;
  orderId: string;
  signalId: string | null;
  reason: string;
  text: string;
}

/** Broker facts, translated by the BrokerEventLoop; accountId is ours, accountRef the broker's. */
export interface OrderUpdated extends Base {
  type: 'OrderUpdated';
  accountId: string;
  order: BrokerOrder;
}

export interface FillReceived extends Base {
  type: 'FillReceived';
  accountId: string;
  fill: BrokerFill;
}

export interface PositionUpdated extends Base {
  type: 'PositionUpdated';
  accountId: string;
  position: BrokerPosition;
}

/** Our book changed because a fill was recorded. */
export interface PositionChanged extends Base {
  type: 'PositionChanged';
  accountId: string;
  contract: string;
  netPos: number;
  avgPrice: string | null;
}

export interface TradeClosed extends Base {
  type: 'TradeClosed';
  accountId: string;
  tradeId: string;
  contract: string;
  pnlUsd: string;
}

export interface IntentBlocked extends Base {
  type: 'IntentBlocked';
  accountId: string;
  signalId: string | null;
  reason: string;
}

export interface TradingStateChanged extends Base {
  type: 'TradingStateChanged';
  state: 'active' | 'halted';
  reason: string;
}

export type DomainEvent =
  | SignalReceived
  | QuoteReceived
  | EnterPosition
  | ExitPosition
  | ReducePosition
  | OrderSent
  | OrderRejected
  | OrderUpdated
  | FillReceived
  | PositionUpdated
  | PositionChanged
  | TradeClosed
  | IntentBlocked
  | TradingStateChanged;

export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
