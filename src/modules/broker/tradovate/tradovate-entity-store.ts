import { BrokerOrder, OrderStatus, OrderType } from '../broker.port';
import { averagePrice } from './tradovate-prices';
import {
  PropsEvent,
  SyncSnapshot,
  TvCommand,
  TvCommandReport,
  TvExecutionReport,
  TvFill,
  TvOrder,
  TvOrderVersion,
} from './tradovate-wire';

/** Tradovate's ordStatus -> the port's five statuses. Tradovate splits an order over Order, OrderVersion and Command. */
const STATUS: Record<string, OrderStatus> = {
  PendingNew: 'PendingNew',
  Working: 'Working',
  PendingReplace: 'Working',
  PendingCancel: 'Working',
  Suspended: 'Working',
  Unknown: 'PendingNew',
  Filled: 'Filled',
  Completed: 'Filled',
  Canceled: 'Canceled',
  Expired: 'Canceled',
  Rejected: 'Rejected',
};

export const FINAL_STATUSES: OrderStatus[] = ['Filled', 'Canceled', 'Rejected'];

/**
 * What the trading socket told us about orders, kept just long enough to turn the split entities
 * (order, orderVersion, command, commandReport, executionReport, fill) into one BrokerOrder.
 */
export class TradovateEntityStore {
  readonly orders = new Map<number, TvOrder>();
  private readonly versions = new Map<number, TvOrderVersion>();
  private readonly clOrdIds = new Map<number, string>();
  private readonly commandOrders = new Map<number, number>();
  private readonly rejects = new Map<number, { reason: string; text: string }>();
  private readonly fills = new Map<number, Map<number, TvFill>>();
  private readonly clOrdIndex = new Map<string, number>();

  /** Applies one entity; returns the order id it concerns, if any. */
  apply(event: PropsEvent): number | null {
    const e = event.entity as Record<string, unknown>;
    if (event.eventType === 'Deleted') return null;
    switch (event.entityType) {
      case 'order':
        this.orders.set(Number(e.id), { ...(this.orders.get(Number(e.id)) ?? {}), ...(e as unknown as TvOrder) });
        return Number(e.id);
      case 'orderVersion':
        this.versions.set(Number(e.orderId), e as unknown as TvOrderVersion);
        return Number(e.orderId);
      case 'command': {
        const c = e as unknown as TvCommand;
        this.commandOrders.set(c.id, c.orderId);
        if (c.clOrdId && (c.commandType === undefined || c.commandType === 'New')) this.setClOrdId(c.orderId, c.clOrdId);
        return c.orderId;
      }
      case 'commandReport': {
        const r = e as unknown as TvCommandReport;
        const orderId = this.commandOrders.get(r.commandId);
        if (orderId !== undefined && (r.rejectReason || /Rejected/.test(r.commandStatus ?? ''))) {
          this.rejects.set(orderId, { reason: r.rejectReason ?? r.commandStatus ?? 'Rejected', text: r.text ?? '' });
        }
        return orderId ?? null;
      }
      case 'executionReport': {
        const x = e as unknown as TvExecutionReport;
        if (x.execType === 'Rejected' || x.ordStatus === 'Rejected') {
          const known = this.rejects.get(x.orderId);
          this.rejects.set(x.orderId, { reason: x.rejectReason ?? known?.reason ?? 'Rejected', text: x.text ?? known?.text ?? '' });
        }
        return x.orderId;
      }
      case 'fill': {
        const f = e as unknown as TvFill;
        if (!this.fills.has(f.orderId)) this.fills.set(f.orderId, new Map());
        this.fills.get(f.orderId)!.set(f.id, f);
        return f.orderId;
      }
      default:
        return null;
    }
  }

  /** Every entity of a sync snapshot, as if it had come as props events. */
  applySnapshot(snapshot: SyncSnapshot): void {
    const add = (entityType: string, list: unknown[] | null | undefined) =>
      (list ?? []).forEach((entity) => this.apply({ entityType, eventType: 'Created', entity: entity as Record<string, unknown> }));
    add('order', snapshot.orders);
    add('orderVersion', snapshot.orderVersions);
    add('command', snapshot.commands);
    add('commandReport', snapshot.commandReports);
    add('executionReport', snapshot.executionReports);
    add('fill', snapshot.fills);
  }

  setClOrdId(orderId: number, clOrdId: string): void {
    this.clOrdIds.set(orderId, clOrdId);
    this.clOrdIndex.set(clOrdId, orderId);
  }

  clOrdIdOf(orderId: number): string | null {
    return this.clOrdIds.get(orderId) ?? null;
  }

  orderIdByClOrdId(clOrdId: string): number | null {
    return this.clOrdIndex.get(clOrdId) ?? null;
  }

  fillsOf(orderId: number): TvFill[] {
    return [...(this.fills.get(orderId)?.values() ?? [])];
  }

  filledQuantity(orderId: number): number {
    return this.fillsOf(orderId).reduce((sum, f) => sum + f.qty, 0);
  }

  versionOf(orderId: number): TvOrderVersion | null {
    return this.versions.get(orderId) ?? null;
  }

  status(orderId: number): OrderStatus | null {
    const order = this.orders.get(orderId);
    return order ? STATUS[order.ordStatus] ?? 'PendingNew' : null;
  }

  /** The port's view of one order; the contract name comes from the caller (it may need a lookup). */
  toBrokerOrder(orderId: number, contract: string): BrokerOrder | null {
    const order = this.orders.get(orderId);
    if (!order) return null;
    const version = this.versions.get(orderId);
    const fills = this.fillsOf(orderId);
    const filledQuantity = fills.reduce((sum, f) => sum + f.qty, 0);
    const value = fills.reduce((sum, f) => sum + f.qty * f.price, 0);
    const status = STATUS[order.ordStatus] ?? 'PendingNew';
    const reject = this.rejects.get(orderId);
    return {
      brokerOrderId: String(orderId),
      clOrdId: this.clOrdIdOf(orderId),
      accountRef: String(order.accountId),
      contract,
      action: order.action,
      quantity: version?.orderQty ?? filledQuantity,
      orderType: portOrderType(version?.orderType),
      price: version?.price !== undefined && version?.price !== null ? averagePrice(version.price) : null,
      stopPrice: version?.stopPrice !== undefined && version?.stopPrice !== null ? averagePrice(version.stopPrice) : null,
      status,
      filledQuantity,
      avgFillPrice: filledQuantity > 0 ? averagePrice(value / filledQuantity) : null,
      rejectReason: status === 'Rejected' ? reject?.reason ?? 'Rejected' : null,
    };
  }

  rejectTextOf(orderId: number): string | null {
    return this.rejects.get(orderId)?.text ?? null;
  }
}

function portOrderType(type: string | undefined): OrderType {
  if (type === 'Limit' || type === 'Stop') return type;
  if (type === 'StopLimit' || type === 'TrailingStop' || type === 'TrailingStopLimit') return 'Stop';
  return 'Market';
}

/** A props payload as the reference allows it: one object, `entity` as an array, or `d` as an array (§4.6). */
export function propsItems(d: unknown): PropsEvent[] {
  const list = Array.isArray(d) ? d : [d];
  const out: PropsEvent[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const { entityType, eventType, entity } = item as { entityType?: unknown; eventType?: unknown; entity?: unknown };
    if (typeof entityType !== 'string') continue;
    const entities = Array.isArray(entity) ? entity : [entity];
    for (const one of entities) {
      if (one && typeof one === 'object') out.push({ entityType, eventType: String(eventType ?? 'Updated'), entity: one as Record<string, unknown> });
    }
  }
  return out;
}
