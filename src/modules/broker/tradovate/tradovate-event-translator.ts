import { Logger } from '@nestjs/common';
import { BrokerEvent } from '../broker.port';
import { TradovateContracts } from './tradovate-contracts';
import { FINAL_STATUSES, TradovateEntityStore, propsItems } from './tradovate-entity-store';
import { describeError } from './tradovate-errors';
import { averagePrice, tradedPrice } from './tradovate-prices';
import { PropsEvent, SyncSnapshot, TvCashBalance, TvFill, TvPosition } from './tradovate-wire';

export interface TranslatorDeps {
  store: TradovateEntityStore;
  contracts: TradovateContracts;
  emit: (event: BrokerEvent) => void;
  /** the order's fills from REST, when its Filled status arrives before its fill events */
  fetchFills: (orderId: number) => Promise<TvFill[]>;
  /** only events of these Tradovate accounts go out (a login may see accounts we do not trade) */
  isOurs: (accountId: number) => boolean;
  nowIso: () => string;
}

/**
 * Socket `props` -> the port's BrokerEvents, in the paper broker's order: fills first, then the
 * order's status, then the position and cash. One frame is applied as a whole before anything is
 * emitted, so a frame carrying both an order's Filled status and its fill still emits the fill first.
 */
export class TradovateEventTranslator {
  private readonly logger = new Logger('Tradovate');
  private readonly emittedFills = new Set<number>();
  private readonly lastStatus = new Map<number, string>();
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: TranslatorDeps) {}

  /** The events of one socket frame (already split into props items). */
  handle(payloads: unknown[]): Promise<void> {
    const items = payloads.flatMap((d) => propsItems(d));
    return this.enqueue(() => this.translate(items, true));
  }

  /** First sync: learn the state; past fills are not re-reported (they are the reconciler's business). */
  seed(snapshot: SyncSnapshot): Promise<void> {
    return this.enqueue(async () => {
      (snapshot.contracts ?? []).forEach((c) => this.deps.contracts.remember(c));
      this.deps.store.applySnapshot(snapshot);
      (snapshot.fills ?? []).forEach((f) => this.emittedFills.add(f.id));
      for (const [id, order] of this.deps.store.orders) this.lastStatus.set(id, order.ordStatus);
    });
  }

  /** After a reconnect: whatever happened while we were away (fills, final statuses, positions) goes out now. */
  resync(snapshot: SyncSnapshot): Promise<void> {
    const items: PropsEvent[] = [];
    const add = (entityType: string, list: unknown[] | null | undefined) =>
      (list ?? []).forEach((entity) => items.push({ entityType, eventType: 'Updated', entity: entity as Record<string, unknown> }));
    (snapshot.contracts ?? []).forEach((c) => this.deps.contracts.remember(c));
    add('orderVersion', snapshot.orderVersions);
    add('command', snapshot.commands);
    add('commandReport', snapshot.commandReports);
    add('executionReport', snapshot.executionReports);
    add('fill', snapshot.fills);
    add('order', snapshot.orders);
    add('position', snapshot.positions);
    add('cashBalance', snapshot.cashBalances);
    return this.enqueue(() => this.translate(items, false));
  }

  /** Our clOrdId became known after the order's events went out (placeorder answered late): say it again. */
  reemitOrder(orderId: number): Promise<void> {
    return this.enqueue(async () => {
      this.lastStatus.delete(orderId);
      await this.emitOrder(orderId);
    });
  }

  /** Resolves when everything received so far has been emitted. */
  drained(): Promise<void> {
    return this.chain;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work).catch((error) => this.logger.error(`Tradovate event translation failed: ${describeError(error)}`));
    return this.chain;
  }

  private async translate(items: PropsEvent[], live: boolean): Promise<void> {
    const { store } = this.deps;
    const touchedOrders = new Set<number>();
    const fills: TvFill[] = [];
    const positions: TvPosition[] = [];
    const balances: TvCashBalance[] = [];
    for (const item of items) {
      if (item.entityType === 'contract') this.deps.contracts.remember(item.entity as never);
      const orderId = store.apply(item);
      if (item.entityType === 'order' && orderId !== null) touchedOrders.add(orderId);
      if (item.entityType === 'fill' && item.eventType !== 'Deleted') fills.push(item.entity as unknown as TvFill);
      if (item.entityType === 'position') positions.push(item.entity as unknown as TvPosition);
      if (item.entityType === 'cashBalance') balances.push(item.entity as unknown as TvCashBalance);
    }
    for (const fill of fills) await this.emitFill(fill);
    for (const orderId of touchedOrders) await this.emitOrder(orderId);
    for (const position of positions) await this.emitPosition(position);
    for (const balance of balances) this.emitBalance(balance);
    if (!live && touchedOrders.size > 0) this.logger.log(`Tradovate re-sync: ${fills.length} fill(s), ${touchedOrders.size} order(s) checked`);
  }

  private async emitFill(fill: TvFill): Promise<void> {
    if (this.emittedFills.has(fill.id)) return;
    const order = this.deps.store.orders.get(fill.orderId);
    const accountId = order?.accountId;
    if (accountId === undefined || !this.deps.isOurs(accountId)) {
      if (accountId === undefined) this.logger.debug(`fill ${fill.id} for unknown order ${fill.orderId} held until the order is known`);
      return;
    }
    const contract = await this.deps.contracts.nameOf(fill.contractId);
    this.emittedFills.add(fill.id);
    this.deps.emit({
      kind: 'fill',
      ts: this.deps.nowIso(),
      fill: {
        brokerFillId: String(fill.id),
        brokerOrderId: String(fill.orderId),
        clOrdId: this.deps.store.clOrdIdOf(fill.orderId),
        accountRef: String(accountId),
        contract,
        action: fill.action,
        quantity: fill.qty,
        price: tradedPrice(fill.price, contract),
        ts: fill.timestamp ?? this.deps.nowIso(),
      },
    });
  }

  private async emitOrder(orderId: number): Promise<void> {
    const { store } = this.deps;
    const order = store.orders.get(orderId);
    if (!order || !this.deps.isOurs(order.accountId)) return;
    // fills that came before their order was known
    for (const fill of store.fillsOf(orderId)) await this.emitFill(fill);
    const status = store.status(orderId);
    const version = store.versionOf(orderId);
    if (status === 'Filled' && version && store.filledQuantity(orderId) < version.orderQty) {
      try {
        for (const fill of await this.deps.fetchFills(orderId)) {
          store.apply({ entityType: 'fill', eventType: 'Created', entity: fill as unknown as Record<string, unknown> });
          await this.emitFill(fill);
        }
      } catch (error) {
        this.logger.warn(`order ${orderId} is filled but its fills could not be read yet: ${describeError(error)}`);
      }
    }
    const key = `${order.ordStatus}:${store.filledQuantity(orderId)}:${store.clOrdIdOf(orderId) ?? ''}`;
    if (this.lastStatus.get(orderId) === key) return;
    this.lastStatus.set(orderId, key);
    const contract = order.contractId !== undefined ? await this.deps.contracts.nameOf(order.contractId) : '';
    const brokerOrder = store.toBrokerOrder(orderId, contract);
    if (brokerOrder) this.deps.emit({ kind: 'order', ts: this.deps.nowIso(), order: brokerOrder });
    if (brokerOrder && FINAL_STATUSES.includes(brokerOrder.status)) this.logger.debug(`order ${orderId} ${brokerOrder.status}`);
  }

  private async emitPosition(position: TvPosition): Promise<void> {
    if (!this.deps.isOurs(position.accountId)) return;
    const contract = await this.deps.contracts.nameOf(position.contractId);
    this.deps.emit({
      kind: 'position',
      ts: this.deps.nowIso(),
      position: { accountRef: String(position.accountId), contract, netPos: position.netPos, avgPrice: position.netPos === 0 ? null : averagePrice(position.netPrice) },
    });
  }

  private emitBalance(balance: TvCashBalance): void {
    if (!this.deps.isOurs(balance.accountId)) return;
    this.deps.emit({
      kind: 'cashBalance',
      ts: this.deps.nowIso(),
      balance: { accountRef: String(balance.accountId), amount: averagePrice(balance.amount) ?? '0', realizedPnl: averagePrice(balance.realizedPnL) },
    });
  }
}
