/** The Tradovate shapes this client reads (reference §2, §6.5). Fields we do not use are left out. */
export type TradovateEnv = 'demo' | 'live';

export interface AccessTokenResponse {
  errorText?: string;
  accessToken?: string;
  mdAccessToken?: string;
  expirationTime?: string;
  userStatus?: string;
  userId?: number;
  name?: string;
  hasLive?: boolean;
}

export interface TvAccount {
  id: number;
  name: string;
  userId: number;
  active: boolean;
  archived?: boolean;
}

export interface TvContract {
  id: number;
  name: string;
  contractMaturityId?: number;
}

export interface TvOrder {
  id: number;
  accountId: number;
  contractId?: number;
  timestamp?: string;
  action: 'Buy' | 'Sell';
  ordStatus: string;
}

export interface TvOrderVersion {
  id: number;
  orderId: number;
  orderQty: number;
  orderType: string;
  price?: number;
  stopPrice?: number;
}

export interface TvCommand {
  id: number;
  orderId: number;
  clOrdId?: string;
  commandType?: string;
  commandStatus?: string;
}

export interface TvCommandReport {
  id: number;
  commandId: number;
  commandStatus?: string;
  rejectReason?: string;
  text?: string;
  ordStatus?: string;
}

export interface TvExecutionReport {
  id: number;
  commandId?: number;
  orderId: number;
  accountId?: number;
  execType?: string;
  ordStatus?: string;
  rejectReason?: string;
  text?: string;
  cumQty?: number;
  avgPx?: number;
}

export interface TvFill {
  id: number;
  orderId: number;
  contractId: number;
  timestamp: string;
  action: 'Buy' | 'Sell';
  qty: number;
  price: number;
  active?: boolean;
}

export interface TvPosition {
  id: number;
  accountId: number;
  contractId: number;
  netPos: number;
  netPrice?: number | null;
  timestamp?: string;
}

export interface TvCashBalance {
  id: number;
  accountId: number;
  amount: number;
  realizedPnL?: number;
  timestamp?: string;
}

export interface PlaceOrderResponse {
  orderId?: number;
  oso1Id?: number;
  oso2Id?: number;
  osoId1?: number;
  osoId2?: number;
  failureReason?: string;
  failureText?: string;
  errorText?: string;
}

export interface CommandResponse {
  commandId?: number;
  failureReason?: string;
  failureText?: string;
  errorText?: string;
}

export interface PropsEvent {
  entityType: string;
  eventType: 'Created' | 'Updated' | 'Deleted' | string;
  entity: Record<string, unknown>;
}

/** Sync snapshot keys we read (reference §4.7): any may be absent or null. */
export interface SyncSnapshot {
  users?: Array<{ id: number; name: string }> | null;
  accounts?: TvAccount[] | null;
  orders?: TvOrder[] | null;
  orderVersions?: TvOrderVersion[] | null;
  commands?: TvCommand[] | null;
  commandReports?: TvCommandReport[] | null;
  executionReports?: TvExecutionReport[] | null;
  fills?: TvFill[] | null;
  positions?: TvPosition[] | null;
  cashBalances?: TvCashBalance[] | null;
  contracts?: TvContract[] | null;
}

/** The entity types our sync asks for (newer servers default to none when the list is absent). */
export const SYNC_ENTITY_TYPES = ['account', 'order', 'orderVersion', 'command', 'commandReport', 'executionReport', 'fill', 'position', 'cashBalance', 'contract'];
