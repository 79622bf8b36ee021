/**
 * Every event on the bus, in one place. Facts are past tense (SignalReceived, FillReceived);
 * intents are imperative (EnterPosition, ExitPosition). Each is a plain JSON object keyed by `type`.
 * Prices are decimal strings; quantities whole contracts; positions signed (long > 0).
 */
import type { ParsedAlert } from '../alerts/parsed-alert';
import type { BrokerCashBalance, BrokerFill, BrokerOrder, BrokerPosition } from '../broker/broker-facts';
import type { ExitPlan } from '../exits/exit-plan';
import type { Venue } from '../market/venue';

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
  /** published again at start for a signal a stop left unrouted (part of its work may be done) */
  recovered?: boolean;
}

export interface QuoteReceived extends Base {
  type: 'QuoteReceived';
  /** broker contract name, e.g. MNQZ6 */
  contract: string;
  price: string;
  bid?: string;
  ask?: string;
  source: 'alert' | 'api' | 'broker' | 'tradingview';
  /** a delayed feed's price (TradingView without a signed-in session): shown as delayed, never as live */
  delayed?: boolean;
  /** the market the price is from: only positions held at this venue may exit or mark on it */
  venue: Venue;
}

/**
 * A broker account's market data went stale (no quote from its venue for too long in market hours:
 * its software exits are blind) or fresh again.
 */
export interface MarketDataStaleChanged extends Base {
  type: 'MarketDataStaleChanged';
  accountId: string;
  venue: Venue;
  stale: boolean;
  /** the contracts the account holds whose quotes stopped (stale) */
  contracts: string[];
  lastQuoteAt: string | null;
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
  /** contracts an add (same side, sameSide "add") sends; absent or null = `quantity` */
  addQuantity?: number | null;
  /** the exits the position gets if this entry opens it (alert overrides beat the recorder); adds keep the position's */
  exitPlan?: ExitPlan | null;
}

/** Flatten the position; when `side` is set, only a position on that side. */
export interface ExitPosition extends IntentBase {
  type: 'ExitPosition';
  side: Side | null;
  reason: string;
  /** contracts to take off (TradersPost `exit` with a quantity); absent or null = the whole position */
  quantity?: number | null;
}

/** Take `quantity` off a position on `side`; never flips. */
export interface ReducePosition extends IntentBase {
  type: 'ReducePosition';
  side: Side;
  quantity: number;
}

export type TradeIntent = EnterPosition | ExitPosition | ReducePosition;

/** Add `quantity` to the position on `side` (a DCA level): never opens, reverses or adds to a newer position. */
export interface AddToPosition extends IntentBase {
  type: 'AddToPosition';
  side: Side;
  quantity: number;
  /** total absolute position cap for this holder (null = none) */
  maxQuantity: number | null;
  /** the position the level belongs to: nothing is sent when the book holds another one */
  positionKey: string;
  /** ladder level index (0-based) and its attempt (a retried level gets a new key) */
  level: number;
  attempt: number;
}

/** What became of a DCA add: only `filled` marks its level filled. */
export interface DcaAddSettled extends Base {
  type: 'DcaAddSettled';
  accountId: string;
  contract: string;
  positionKey: string;
  level: number;
  outcome: 'filled' | 'rejected' | 'blocked' | 'skipped' | 'uncertain';
  reason: string | null;
}

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

/** Our book has taken in a broker order report (and every fill reported before it). */
export interface OrderRecorded extends Base {
  type: 'OrderRecorded';
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

/** The broker's cash for the account changed (Tradovate cashBalance props). */
export interface CashBalanceUpdated extends Base {
  type: 'CashBalanceUpdated';
  accountId: string;
  balance: BrokerCashBalance;
}

/**
 * A broker connection came back after a drop: re-authorized and re-synced. The position
 * reconciler checks the account's positions on it.
 */
export interface BrokerReconnected extends Base {
  type: 'BrokerReconnected';
  accountId: string;
}

/** The account's broker connection changed state (connecting, connected, error); never carries a secret. */
export interface AccountConnectionChanged extends Base {
  type: 'AccountConnectionChanged';
  accountId: string;
  status: 'connecting' | 'connected' | 'error';
  lastError: string | null;
  tokenExpiresAt: string | null;
  brokerAccountRef: string | null;
  brokerAccountName: string | null;
  /** e.g. "live login rate-limited: demo session used for read-only data" */
  detail: string | null;
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

/** An intent of a signal has been worked to its end (orders final, blocked, refused or nothing to do). */
export interface IntentSettled extends Base {
  type: 'IntentSettled';
  accountId: string;
  signalId: string;
  idempotencyKey: string;
}

export interface TradingStateChanged extends Base {
  type: 'TradingStateChanged';
  state: 'active' | 'halted';
  reason: string;
  /** set when one account alone was halted */
  accountId?: string;
}

export interface ExitStateChanged extends Base {
  type: 'ExitStateChanged';
  accountId: string;
  contract: string;
  from: string;
  to: string;
  reason: string;
}

/** An exit that could not be confirmed: a position may still be open. Loud on purpose. */
export interface ExitFailed extends Base {
  type: 'ExitFailed';
  accountId: string;
  contract: string;
  reason: string;
}

/** A fill the broker reported that our book could not record: the account is halted until re-armed. */
export interface FillUnrecorded extends Base {
  type: 'FillUnrecorded';
  accountId: string;
  contract: string;
  brokerFillId: string;
  reason: string;
}

/** What we recorded and what the broker shows disagree. */
export interface DriftDetected extends Base {
  type: 'DriftDetected';
  accountId: string;
  contract: string;
  bookNetPos: number;
  brokerNetPos: number;
  action: 'alerted' | 'adopted' | 'flattened' | 'unreadable';
  detail: string;
}

/** A book's P&L moved (a fill, a quote, a cash report): the day so far, in dollars (decimal text). */
export interface PnlUpdated extends Base {
  type: 'PnlUpdated';
  book: 'account' | 'recorder';
  /** the account's or the recorder's id */
  id: string;
  tradingDay: string;
  realizedUsd: string;
  openUsd: string;
  commissionsUsd: string;
  /** realized - commissions + open: what the daily loss limit is checked against */
  dayPnlUsd: string;
}

/** A scored insider filing on a watched ticker reached that ticker's alert threshold. */
export interface InsiderSignalRaised extends Base {
  type: 'InsiderSignalRaised';
  filingId: string;
  accession: string;
  ticker: string | null;
  issuerName: string | null;
  ownerName: string | null;
  formType: string;
  kind: 'buy' | 'sale' | 'stake' | 'none';
  score: number;
  threshold: number;
}

export type DomainEvent =
  | InsiderSignalRaised
  | SignalReceived
  | QuoteReceived
  | MarketDataStaleChanged
  | EnterPosition
  | ExitPosition
  | ReducePosition
  | AddToPosition
  | DcaAddSettled
  | OrderSent
  | OrderRejected
  | OrderUpdated
  | OrderRecorded
  | FillReceived
  | PositionUpdated
  | CashBalanceUpdated
  | BrokerReconnected
  | AccountConnectionChanged
  | PositionChanged
  | TradeClosed
  | IntentBlocked
  | IntentSettled
  | TradingStateChanged
  | ExitStateChanged
  | ExitFailed
  | FillUnrecorded
  | DriftDetected
  | PnlUpdated;

export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
