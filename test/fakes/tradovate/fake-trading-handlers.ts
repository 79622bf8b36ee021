import { ENTITY_OPS, entityOp, EntityOp, Params } from './fake-entity-ops';
import { ACCESS_DENIED, isReply, readRestrained, readTicket, violation } from './fake-order-checks';
import type { FakeVenue } from './fake-venue';
import type { CatalogEntityType, VenueEntityType, WireReply } from './fake-wire-types';
import { failure, ok } from './fake-wire-types';

/** Lower-cased path segment -> camelCase entity type (paths are case-insensitive, §2.1). */
const VENUE_TYPES: readonly VenueEntityType[] = ['user', 'account', 'accountRiskStatus', 'cashBalance', 'order', 'orderVersion', 'command', 'commandReport', 'executionReport', 'fill', 'fillPair', 'position', 'userPlugin'];
const CATALOG_TYPES: readonly CatalogEntityType[] = ['product', 'contractMaturity', 'contract'];
const TYPE_BY_LOWER = new Map<string, string>([...VENUE_TYPES, ...CATALOG_TYPES].map((t) => [t.toLowerCase(), t]));

/**
 * Trading endpoints of one environment for one user (reference §6): orders, cash balance snapshot,
 * plugins, contract lookups, and the generic entity operations. Same handlers for REST and socket.
 */
export function handleTrading(venue: FakeVenue, userId: number, endpoint: string, params: Params, body: Record<string, unknown>, now: Date): WireReply | undefined {
  const accounts = venue.accountsOf(userId);
  const owns = (accountId: unknown) => accounts.some((a) => a.id === Number(accountId));
  const ownsOrder = (orderId: unknown) => {
    const order = venue.store.get('order', Number(orderId));
    return order !== undefined && owns(order.accountId);
  };
  switch (endpoint) {
    case 'order/placeorder': {
      const ticket = readTicket(venue.catalog, accounts, body);
      return isReply(ticket) ? ticket : venue.engine.place(ticket);
    }
    case 'order/placeoso': {
      const ticket = readTicket(venue.catalog, accounts, body);
      if (isReply(ticket)) return ticket;
      if (!isObject(body.bracket1)) return violation('bracket1', undefined, 'bracket1 is required');
      const tick = venue.catalog.info(ticket.contract.id)?.product.tickSize ?? 0.25;
      const brackets = [];
      for (const [i, b] of [body.bracket1, body.bracket2].entries()) {
        if (!isObject(b)) continue;
        const parsed = readRestrained(b, tick, `bracket${i + 1}.`);
        if (isReply(parsed)) return parsed;
        brackets.push(parsed);
      }
      return venue.engine.placeOso(ticket, brackets);
    }
    case 'order/placeoco': {
      const ticket = readTicket(venue.catalog, accounts, body);
      if (isReply(ticket)) return ticket;
      if (!isObject(body.other)) return violation('other', undefined, 'other is required');
      const other = readRestrained(body.other, venue.catalog.info(ticket.contract.id)?.product.tickSize ?? 0.25, 'other.');
      return isReply(other) ? other : venue.engine.placeOco(ticket, other);
    }
    case 'order/cancelorder':
      if (body.orderId === undefined) return violation('orderId', undefined, 'orderId is required');
      return ownsOrder(body.orderId) ? venue.engine.cancel(Number(body.orderId), body) : ACCESS_DENIED;
    case 'order/modifyorder': {
      if (body.orderId === undefined) return violation('orderId', undefined, 'orderId is required');
      if (!ownsOrder(body.orderId)) return ACCESS_DENIED;
      const qty = body.orderQty;
      if (typeof qty !== 'number' || !Number.isInteger(qty) || qty <= 0) return violation('orderQty', qty, 'orderQty must be a positive integer');
      const order = venue.store.get('order', Number(body.orderId));
      const tick = venue.catalog.info(order?.contractId ?? 0)?.product.tickSize ?? 0.25;
      const parsed = readRestrained({ ...body, action: order?.action }, tick);
      return isReply(parsed) ? parsed : venue.engine.modify(Number(body.orderId), body, parsed, qty);
    }
    case 'order/liquidateposition':
      if (body.accountId === undefined || body.contractId === undefined) return violation('accountId', body.accountId, 'accountId and contractId are required');
      if (!owns(body.accountId) || !venue.catalog.contracts.has(Number(body.contractId))) return ACCESS_DENIED;
      return venue.engine.liquidate(Number(body.accountId), Number(body.contractId), body);
    case 'cashbalance/getcashbalancesnapshot':
      if (!owns(body.accountId ?? params.accountId)) return ok({ errorText: 'Access is denied' });
      return ok(venue.cashBalanceSnapshot(Number(body.accountId ?? params.accountId)));
    case 'userplugin/pluginisentitled': {
      const name = String(body.entitlementName ?? '');
      const plugin = (venue.visible(userId, 'userPlugin') as { pluginName: string; id: number }[]).find((p) => p.pluginName.toLowerCase() === name.toLowerCase());
      return plugin
        ? ok({ entitlementSubscription: { id: plugin.id, userId, entitlementName: plugin.pluginName, active: true } })
        : ok({ errorText: `Plugin ${name} is not entitled`, errorCode: 'NotEntitled' });
    }
    case 'contract/suggest':
      return ok(venue.catalog.suggestContracts(String(params.t ?? ''), Number(params.l ?? 10) || 10, now));
  }
  return genericOp(venue, userId, endpoint, params);
}

function genericOp(venue: FakeVenue, userId: number, endpoint: string, params: Params): WireReply | undefined {
  const [rawType, op] = endpoint.split('/');
  const type = TYPE_BY_LOWER.get(rawType);
  if (!type || !ENTITY_OPS.includes(op)) return undefined;
  if (op === 'find' && !['contract', 'product', 'account', 'user'].includes(type)) return failure(404, 'Not found');
  const rows = CATALOG_TYPES.includes(type as CatalogEntityType) ? catalogRows(venue, type as CatalogEntityType) : venue.visible(userId, type as VenueEntityType);
  return entityOp(type, op as EntityOp, rows, params);
}

function catalogRows(venue: FakeVenue, type: CatalogEntityType): object[] {
  const map = type === 'product' ? venue.catalog.products : type === 'contract' ? venue.catalog.contracts : venue.catalog.maturities;
  return [...map.values()].map((e) => ({ ...e }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
