/**
 * Tradovate entity shapes as they travel on the wire (reference §6.5, §2.1, §5.2). Field names
 * follow the reference exactly; the fake never adds fields of its own to these objects.
 */
export type Env = 'demo' | 'live';
export type Action = 'Buy' | 'Sell';
export type OrdStatus =
  | 'Canceled'
  | 'Completed'
  | 'Expired'
  | 'Filled'
  | 'PendingCancel'
  | 'PendingNew'
  | 'PendingReplace'
  | 'Rejected'
  | 'Suspended'
  | 'Unknown'
  | 'Working';

export interface TradeDate {
  year: number;
  month: number;
  day: number;
}

export interface ProductEntity {
  id: number;
  name: string;
  currencyId: number;
  productType: 'Futures';
  description: string;
  exchangeId: number;
  contractGroupId: number;
  riskDiscountContractGroupId: number;
  status: 'Verified';
  months: string;
  isSecured: boolean;
  valuePerPoint: number;
  priceFormatType: 'Decimal';
  priceFormat: number;
  tickSize: number;
  isMicro: boolean;
}

export interface ContractMaturityEntity {
  id: number;
  productId: number;
  expirationMonth: number;
  expirationDate: string;
  isFront: boolean;
  archived: boolean;
  seqNo: number;
}

export interface ContractEntity {
  id: number;
  name: string;
  contractMaturityId: number;
  status: 'DefinitionChecked';
  providerTickSize: number;
}

export interface UserEntity {
  id: number;
  name: string;
  timestamp: string;
  email: string;
  status: 'Active';
  professional: boolean;
}

export interface AccountEntity {
  id: number;
  name: string;
  userId: number;
  accountType: 'Customer';
  active: boolean;
  clearingHouseId: number;
  riskCategoryId: number;
  autoLiqProfileId: number;
  marginAccountType: 'Speculator';
  legalStatus: 'Individual';
  archived: boolean;
  timestamp: string;
  readonly: boolean;
}

export interface AccountRiskStatusEntity {
  id: number;
  adminAction: 'Normal';
  liquidateOnly: boolean;
  userTriggeredLiqOnly: boolean;
}

export interface CashBalanceEntity {
  id: number;
  accountId: number;
  timestamp: string;
  tradeDate: TradeDate;
  currencyId: number;
  amount: number;
  realizedPnL: number;
  weekRealizedPnL: number;
}

export interface OrderEntity {
  id: number;
  accountId: number;
  contractId: number;
  timestamp: string;
  action: Action;
  ordStatus: OrdStatus;
  ocoId?: number;
  parentId?: number;
  linkedId?: number;
  admin: boolean;
}

export type OrderType = 'Market' | 'Limit' | 'Stop' | 'StopLimit';

export interface OrderVersionEntity {
  id: number;
  orderId: number;
  orderQty: number;
  orderType: OrderType;
  price?: number;
  stopPrice?: number;
  timeInForce?: string;
  text?: string;
}

export type CommandStatus = 'PendingExecution' | 'RiskPassed' | 'RiskRejected' | 'AtExecution' | 'ExecutionRejected';

export interface CommandEntity {
  id: number;
  orderId: number;
  timestamp: string;
  clOrdId?: string;
  commandType: 'New' | 'Modify' | 'Cancel';
  commandStatus: CommandStatus;
  customTag50?: string;
  isAutomated: boolean;
}

export interface CommandReportEntity {
  id: number;
  commandId: number;
  timestamp: string;
  commandStatus: CommandStatus;
  rejectReason?: string;
  text?: string;
  ordStatus?: OrdStatus;
}

export interface ExecutionReportEntity {
  id: number;
  commandId: number;
  name: string;
  accountId: number;
  contractId: number;
  timestamp: string;
  tradeDate: TradeDate;
  orderId: number;
  execType: 'New' | 'Trade' | 'Canceled' | 'Rejected' | 'Replaced';
  ordStatus: OrdStatus;
  action: Action;
  cumQty?: number;
  avgPx?: number;
  lastQty?: number;
  lastPx?: number;
  rejectReason?: string;
  text?: string;
}

export interface FillEntity {
  id: number;
  orderId: number;
  contractId: number;
  timestamp: string;
  tradeDate: TradeDate;
  action: Action;
  qty: number;
  price: number;
  active: boolean;
  finallyPaired: number;
}

export interface FillPairEntity {
  id: number;
  positionId: number;
  buyFillId: number;
  sellFillId: number;
  qty: number;
  buyPrice: number;
  sellPrice: number;
  active: boolean;
}

export interface PositionEntity {
  id: number;
  accountId: number;
  contractId: number;
  timestamp: string;
  tradeDate: TradeDate;
  netPos: number;
  netPrice?: number;
  bought: number;
  boughtValue: number;
  sold: number;
  soldValue: number;
  prevPos: number;
  prevPrice?: number;
}

export interface UserPluginEntity {
  id: number;
  userId: number;
  timestamp: string;
  planPrice: number;
  pluginName: string;
  approval: boolean;
  entitlementId?: number;
  startDate: TradeDate;
  paidAmount: number;
  autorenewal: boolean;
  planCategories: string;
}

/** Entity types the fake stores per environment, by their camelCase wire name (reference §4.6). */
export interface VenueEntities {
  user: UserEntity;
  account: AccountEntity;
  accountRiskStatus: AccountRiskStatusEntity;
  cashBalance: CashBalanceEntity;
  order: OrderEntity;
  orderVersion: OrderVersionEntity;
  command: CommandEntity;
  commandReport: CommandReportEntity;
  executionReport: ExecutionReportEntity;
  fill: FillEntity;
  fillPair: FillPairEntity;
  position: PositionEntity;
  userPlugin: UserPluginEntity;
}
export type VenueEntityType = keyof VenueEntities;

export interface CatalogEntities {
  product: ProductEntity;
  contractMaturity: ContractMaturityEntity;
  contract: ContractEntity;
}
export type CatalogEntityType = keyof CatalogEntities;

export type EventType = 'Created' | 'Updated' | 'Deleted';

export interface PropsEvent {
  entityType: string;
  eventType: EventType;
  entity: object;
}

/** One message inside an `a[...]` frame: a response `{s,i,d}` or an event `{e,d}`. */
export type SocketMessage = { s: number; i: number; d?: unknown } | { e: string; d: unknown };

/** What a handler answers; REST writes it as the HTTP response, the socket as `{s,i,d}`. */
export interface WireReply {
  status: number;
  /** absent: no body (REST: empty, socket: no `d`). Non-2xx bodies are error text strings. */
  body?: unknown;
}

export const ok = (body?: unknown): WireReply => ({ status: 200, body });
export const failure = (status: number, text: string): WireReply => ({ status, body: text });
