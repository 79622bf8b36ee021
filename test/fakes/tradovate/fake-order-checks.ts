import type { FakeCatalog } from './fake-catalog';
import type { AccountEntity, Action, ContractEntity, OrderType, WireReply } from './fake-wire-types';
import { ok } from './fake-wire-types';

/**
 * Validation of order requests, answering the way the reference says Tradovate does: business
 * failures are HTTP 200 with `{failureReason, failureText}` (§6.2, §8.2-3), missing fields are a
 * 200 `{violations:[...]}` (PARTNER error-handling, §8.2).
 */
export interface OrderTicket {
  account: AccountEntity;
  contract: ContractEntity;
  action: Action;
  orderQty: number;
  orderType: OrderType;
  price?: number;
  stopPrice?: number;
  timeInForce?: string;
  text?: string;
  clOrdId?: string;
  customTag50?: string;
  isAutomated: boolean;
}

/** The order part without account/symbol/qty, as in `bracket1`/`bracket2`/`other` (§6.3). */
export interface RestrainedTicket {
  action: Action;
  orderType: OrderType;
  price?: number;
  stopPrice?: number;
  timeInForce?: string;
  text?: string;
  clOrdId?: string;
}

export const ACCESS_DENIED: WireReply = ok({ failureReason: 'UnknownReason', failureText: 'Access is denied' });
const SUPPORTED_TYPES: readonly string[] = ['Market', 'Limit', 'Stop', 'StopLimit'];
const KNOWN_TYPES: readonly string[] = [...SUPPORTED_TYPES, 'TrailingStop', 'TrailingStopLimit', 'MIT', 'QTS'];

export function failed(failureReason: string, failureText: string): WireReply {
  return ok({ failureReason, failureText });
}

export function violation(field: string, value: unknown, description: string): WireReply {
  return ok({ violations: [{ constraint: field, value: value === undefined ? null : String(value), description }] });
}

export function findAccount(accounts: AccountEntity[], body: Record<string, unknown>): AccountEntity | WireReply {
  const { accountId, accountSpec } = body;
  if (accountId === undefined && accountSpec === undefined) {
    return violation('accountId', undefined, 'Either accountId or accountSpec must be specified');
  }
  const byId = accountId !== undefined ? accounts.find((a) => a.id === Number(accountId)) : undefined;
  const bySpec = typeof accountSpec === 'string' ? accounts.find((a) => a.name === accountSpec.toUpperCase()) : undefined;
  if (accountId !== undefined && !byId) return ACCESS_DENIED;
  if (accountSpec !== undefined && !bySpec) return ACCESS_DENIED;
  if (byId && bySpec && byId.id !== bySpec.id) return ACCESS_DENIED;
  return (byId ?? bySpec) as AccountEntity;
}

export function readRestrained(body: Record<string, unknown>, tickSize: number, field = ''): RestrainedTicket | WireReply {
  const { action, orderType } = body;
  if (action !== 'Buy' && action !== 'Sell') return violation(`${field}action`, action, 'action must be Buy or Sell');
  if (typeof orderType !== 'string' || !KNOWN_TYPES.includes(orderType)) {
    return violation(`${field}orderType`, orderType, 'orderType is not a valid OrderType');
  }
  if (!SUPPORTED_TYPES.includes(orderType)) return failed('Unsupported', `${orderType} orders are not supported by the fake`);
  const needsPrice = orderType === 'Limit' || orderType === 'StopLimit';
  const needsStop = orderType === 'Stop' || orderType === 'StopLimit';
  const price = numberOrUndefined(body.price);
  const stopPrice = numberOrUndefined(body.stopPrice);
  if (needsPrice && price === undefined) return violation(`${field}price`, body.price, `price is required for ${orderType}`);
  if (needsStop && stopPrice === undefined) return violation(`${field}stopPrice`, body.stopPrice, `stopPrice is required for ${orderType}`);
  for (const p of [needsPrice ? price : undefined, needsStop ? stopPrice : undefined]) {
    if (p !== undefined && !onTick(p, tickSize)) return failed('InvalidPrice', `Price ${p} is not a multiple of the tick size ${tickSize}`);
  }
  return {
    action,
    orderType: orderType as OrderType,
    price: needsPrice ? price : undefined,
    stopPrice: needsStop ? stopPrice : undefined,
    timeInForce: typeof body.timeInForce === 'string' ? body.timeInForce : undefined,
    text: typeof body.text === 'string' ? body.text : undefined,
    clOrdId: typeof body.clOrdId === 'string' ? body.clOrdId : undefined,
  };
}

export function readTicket(catalog: FakeCatalog, accounts: AccountEntity[], body: Record<string, unknown>): OrderTicket | WireReply {
  const account = findAccount(accounts, body);
  if (isReply(account)) return account;
  if (body.symbol === undefined) return violation('symbol', undefined, 'symbol is required');
  const contract = catalog.resolveSymbol(body.symbol);
  if (!contract) return ACCESS_DENIED;
  const qty = body.orderQty;
  if (typeof qty !== 'number' || !Number.isInteger(qty) || qty <= 0) return violation('orderQty', qty, 'orderQty must be a positive integer');
  const tickSize = catalog.info(contract.id)?.product.tickSize ?? 0.25;
  const restrained = readRestrained(body, tickSize);
  if (isReply(restrained)) return restrained;
  return {
    ...restrained,
    account,
    contract,
    orderQty: qty,
    customTag50: typeof body.customTag50 === 'string' ? body.customTag50 : undefined,
    isAutomated: body.isAutomated === true,
  };
}

export function isReply(value: unknown): value is WireReply {
  return typeof value === 'object' && value !== null && 'status' in value && typeof (value as WireReply).status === 'number';
}

function numberOrUndefined(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function onTick(price: number, tickSize: number): boolean {
  const steps = price / tickSize;
  return Math.abs(steps - Math.round(steps)) < 1e-6;
}
