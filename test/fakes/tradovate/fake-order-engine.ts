import type { FakeCatalog } from './fake-catalog';
import type { FakeEntityStore } from './fake-entity-store';
import type { FakeLedger } from './fake-ledger';
import { round, tradeDateOf } from './fake-ledger';
import type { OrderTicket, RestrainedTicket } from './fake-order-checks';
import { failed } from './fake-order-checks';
import { matchOrder } from './fake-order-matching';
import type { FakeQuotes } from './fake-quotes';
import type { CommandEntity, CommandStatus, ExecutionReportEntity, OrdStatus, OrderEntity, PropsEvent, WireReply } from './fake-wire-types';
import { ok } from './fake-wire-types';

/** What the order engine asks of the fault script on each order. */
export interface OrderFaultHooks {
  takeReject(): { failureReason: string; failureText: string; mode: 'sync' | 'async' } | undefined;
  takeFillSplit(): number[] | undefined;
  duplicateClOrdId(): 'place' | 'reject';
}

interface OrderRecord {
  orderId: number;
  accountId: number;
  contractId: number;
  action: 'Buy' | 'Sell';
  versionId: number;
  triggered: boolean;
  cumQty: number;
  filledValueTicks: number;
  /** bracket orders waiting for this order to fill (OSO) */
  children: number[];
  /** the other side of an OCO pair */
  ocoPartner?: number;
  isAutomated: boolean;
}

const LIVE: readonly OrdStatus[] = ['PendingNew', 'Working', 'Suspended'];

/**
 * Orders of one environment: place / OSO / OCO / modify / cancel / liquidate, matching against
 * scripted quotes, and the props event sequence of reference §6.6, one `emit` per step.
 */
export class FakeOrderEngine {
  private readonly records = new Map<number, OrderRecord>();
  private readonly clOrdIds = new Set<string>();

  constructor(
    private readonly store: FakeEntityStore,
    private readonly catalog: FakeCatalog,
    private readonly ledger: FakeLedger,
    private readonly quotes: FakeQuotes,
    private readonly faults: OrderFaultHooks,
    private readonly emit: (events: PropsEvent[]) => void,
    private readonly now: () => Date,
  ) {
    quotes.onQuote((q) => this.onQuote(q.contractId));
  }

  place(t: OrderTicket): WireReply {
    const refused = this.refuse(t);
    if (refused) return refused;
    const reject = this.faults.takeReject();
    if (reject?.mode === 'sync') return failed(reject.failureReason, reject.failureText);
    const { record, events } = this.create(t, t, 'PendingNew');
    if (reject) {
      this.emit([...events, ...this.rejectEvents(record, reject.failureReason, reject.failureText)]);
      return ok({ orderId: record.orderId });
    }
    this.emit([...events, ...this.acceptEvents(record)]);
    this.tryFill(record.orderId, true);
    return ok({ orderId: record.orderId });
  }

  /** Entry plus one or two brackets held (Suspended) until the entry fills; the brackets are an OCO pair. */
  placeOso(t: OrderTicket, brackets: RestrainedTicket[]): WireReply {
    const refused = this.refuse(t);
    if (refused) return refused;
    const { record: entry, events } = this.create(t, t, 'PendingNew');
    const held = brackets.map((b) => this.create(t, b, 'Suspended', entry.orderId));
    this.pairOco(held.map((h) => h.record));
    this.emit([...events, ...held.flatMap((h) => h.events), ...this.acceptEvents(entry)]);
    entry.children = held.map((h) => h.record.orderId);
    this.tryFill(entry.orderId, true);
    const ids = held.map((h) => h.record.orderId);
    return ok({ orderId: entry.orderId, ...(ids[0] ? { oso1Id: ids[0] } : {}), ...(ids[1] ? { oso2Id: ids[1] } : {}) });
  }

  placeOco(t: OrderTicket, other: RestrainedTicket): WireReply {
    const refused = this.refuse(t);
    if (refused) return refused;
    const first = this.create(t, t, 'PendingNew');
    const second = this.create(t, other, 'PendingNew');
    this.pairOco([first.record, second.record]);
    this.emit([...first.events, ...this.acceptEvents(first.record), ...second.events, ...this.acceptEvents(second.record)]);
    this.tryFill(first.record.orderId, true);
    this.tryFill(second.record.orderId, true);
    return ok({ orderId: first.record.orderId, ocoId: second.record.orderId });
  }

  cancel(orderId: number, body: Record<string, unknown>): WireReply {
    const order = this.store.get('order', orderId);
    if (!order || !LIVE.includes(order.ordStatus)) return failed('TooLate', `Order ${orderId} is not working`);
    const command = this.newCommand(orderId, 'Cancel', body);
    this.emit([created('command', command), ...this.cancelEvents(orderId, command.id)]);
    return ok({ commandId: command.id });
  }

  modify(orderId: number, body: Record<string, unknown>, restrained: RestrainedTicket, qty: number): WireReply {
    const order = this.store.get('order', orderId);
    const record = this.records.get(orderId);
    if (!order || !record || (order.ordStatus !== 'Working' && order.ordStatus !== 'Suspended')) return failed('TooLate', `Order ${orderId} is not working`);
    const command = this.newCommand(orderId, 'Modify', body, sharedCommandId(this.store));
    const version = this.store.put('orderVersion', { id: command.id, orderId, orderQty: qty, orderType: restrained.orderType, price: restrained.price, stopPrice: restrained.stopPrice, timeInForce: restrained.timeInForce, text: restrained.text });
    record.versionId = version.id;
    record.triggered = false;
    const report = this.execReport(record, command.id, 'Replaced', order.ordStatus);
    this.emit([created('command', command), created('orderVersion', version), created('executionReport', report), this.setStatus(orderId, order.ordStatus)]);
    this.tryFill(orderId, true);
    return ok({ commandId: command.id });
  }

  /** Cancels working orders on the contract, then closes the position with a market order (§6.4). */
  liquidate(accountId: number, contractId: number, body: Record<string, unknown>): WireReply {
    for (const order of this.store.all('order')) {
      if (order.accountId === accountId && order.contractId === contractId && LIVE.includes(order.ordStatus)) this.cancel(order.id, body);
    }
    const position = this.ledger.positionFor(accountId, contractId);
    if (!position || position.netPos === 0) return failed('UnknownReason', 'There is no position to liquidate');
    const account = this.store.get('account', accountId);
    const contract = this.catalog.contracts.get(contractId);
    if (!account || !contract) return failed('UnknownReason', 'Access is denied');
    const action = position.netPos > 0 ? 'Sell' : 'Buy';
    if (!matchableQuote(this.quotes, contractId, action)) return failed('NoQuote', `No quote for ${contract.name}`);
    const isAutomated = body.isAutomated === true;
    const ticket: OrderTicket = { account, contract, action, orderQty: Math.abs(position.netPos), orderType: 'Market', isAutomated, customTag50: body.customTag50 as string | undefined };
    const { record, events } = this.create(ticket, ticket, 'PendingNew');
    this.emit([...events, ...this.acceptEvents(record)]);
    this.tryFill(record.orderId, true);
    return ok({ orderId: record.orderId });
  }

  private refuse(t: OrderTicket): WireReply | undefined {
    if (t.clOrdId && this.clOrdIds.has(t.clOrdId) && this.faults.duplicateClOrdId() === 'reject') {
      return failed('UnknownReason', `Duplicate clOrdId ${t.clOrdId}`);
    }
    if (t.orderType === 'Market' && !matchableQuote(this.quotes, t.contract.id, t.action)) {
      return failed('NoQuote', `No quote for ${t.contract.name}`);
    }
    return undefined;
  }

  private create(t: OrderTicket, r: RestrainedTicket, status: OrdStatus, parentId?: number): { record: OrderRecord; events: PropsEvent[] } {
    const ts = this.now().toISOString();
    const order = this.store.put('order', {
      id: this.store.newId('order'),
      accountId: t.account.id,
      contractId: t.contract.id,
      timestamp: ts,
      action: r.action,
      ordStatus: status,
      ...(parentId !== undefined ? { parentId } : {}),
      admin: false,
    });
    const command = this.newCommand(order.id, 'New', { clOrdId: r.clOrdId, customTag50: t.customTag50, isAutomated: t.isAutomated }, sharedCommandId(this.store));
    const version = this.store.put('orderVersion', { id: command.id, orderId: order.id, orderQty: t.orderQty, orderType: r.orderType, price: r.price, stopPrice: r.stopPrice, timeInForce: r.timeInForce, text: r.text });
    if (r.clOrdId) this.clOrdIds.add(r.clOrdId);
    const record: OrderRecord = { orderId: order.id, accountId: t.account.id, contractId: t.contract.id, action: r.action, versionId: version.id, triggered: false, cumQty: 0, filledValueTicks: 0, children: [], isAutomated: t.isAutomated };
    this.records.set(order.id, record);
    return { record, events: [created('order', order), created('command', command), created('orderVersion', version)] };
  }

  private acceptEvents(record: OrderRecord): PropsEvent[] {
    const commandId = record.versionId;
    return [
      created('commandReport', this.commandReport(commandId, 'RiskPassed', 'PendingNew')),
      created('commandReport', this.commandReport(commandId, 'AtExecution', 'Working')),
      created('executionReport', this.execReport(record, commandId, 'New', 'Working')),
      this.setStatus(record.orderId, 'Working'),
    ];
  }

  private rejectEvents(record: OrderRecord, reason: string, text: string): PropsEvent[] {
    const report = this.store.put('commandReport', { ...this.commandReport(record.versionId, 'RiskRejected', 'Rejected'), rejectReason: reason, text });
    return [created('commandReport', report), this.setStatus(record.orderId, 'Rejected')];
  }

  private cancelEvents(orderId: number, commandId: number): PropsEvent[] {
    const record = this.records.get(orderId) as OrderRecord;
    const events = [created('executionReport', this.execReport(record, commandId, 'Canceled', 'Canceled')), this.setStatus(orderId, 'Canceled')];
    for (const child of record.children) {
      const order = this.store.get('order', child);
      if (order && LIVE.includes(order.ordStatus)) events.push(...this.cancelEvents(child, (this.records.get(child) as OrderRecord).versionId));
    }
    return events;
  }

  private onQuote(contractId: number): void {
    for (const record of [...this.records.values()]) {
      if (record.contractId === contractId && this.store.get('order', record.orderId)?.ordStatus === 'Working') this.tryFill(record.orderId, false);
    }
  }

  private tryFill(orderId: number, onArrival: boolean): void {
    const record = this.records.get(orderId) as OrderRecord;
    const version = this.store.get('orderVersion', record.versionId);
    if (!version || this.store.get('order', orderId)?.ordStatus !== 'Working') return;
    const result = matchOrder({ action: record.action, version, triggered: record.triggered }, this.quotes.get(record.contractId), onArrival);
    if (result.kind === 'rest') record.triggered = result.triggered;
    if (result.kind !== 'fill') return;
    // a scripted split fills in several executions; whatever the parts leave fills last
    let left = version.orderQty - record.cumQty;
    for (const part of [...(this.faults.takeFillSplit() ?? []), left]) {
      const qty = Math.min(part, left);
      if (qty <= 0) continue;
      left -= qty;
      this.fill(record, version.orderQty, qty, result.price);
    }
  }

  private fill(record: OrderRecord, orderQty: number, qty: number, price: number): void {
    const info = this.catalog.info(record.contractId);
    const tick = info?.product.tickSize ?? 0.25;
    record.cumQty += qty;
    record.filledValueTicks += qty * Math.round(price / tick);
    const done = record.cumQty >= orderQty;
    const status: OrdStatus = done ? 'Filled' : 'Working';
    const report = this.store.put('executionReport', {
      ...this.execReport(record, record.versionId, 'Trade', status),
      cumQty: record.cumQty,
      avgPx: round((record.filledValueTicks / record.cumQty) * tick, 8),
      lastQty: qty,
      lastPx: price,
    });
    const fill = this.store.put('fill', {
      id: this.store.newId('fill'),
      orderId: record.orderId,
      contractId: record.contractId,
      timestamp: this.now().toISOString(),
      tradeDate: tradeDateOf(this.now()),
      action: record.action,
      qty,
      price,
      active: true,
      finallyPaired: 0,
    });
    const events: PropsEvent[] = [created('executionReport', report), created('fill', fill)];
    if (done) events.push(this.setStatus(record.orderId, 'Filled'));
    events.push(...this.ledger.applyFill(record.accountId, fill));
    this.emit(events);
    if (done) this.afterFilled(record);
  }

  private afterFilled(record: OrderRecord): void {
    if (record.ocoPartner !== undefined) {
      const partner = this.store.get('order', record.ocoPartner);
      if (partner && LIVE.includes(partner.ordStatus)) {
        this.emit(this.cancelEvents(partner.id, (this.records.get(partner.id) as OrderRecord).versionId));
      }
    }
    for (const child of record.children) {
      const childRecord = this.records.get(child) as OrderRecord;
      if (this.store.get('order', child)?.ordStatus !== 'Suspended') continue;
      this.emit(this.acceptEvents(childRecord));
    }
    for (const child of record.children) this.tryFill(child, true);
  }

  private pairOco(records: OrderRecord[]): void {
    if (records.length !== 2) return;
    const [a, b] = records;
    a.ocoPartner = b.orderId;
    b.ocoPartner = a.orderId;
    this.store.put('order', { ...(this.store.get('order', a.orderId) as OrderEntity), ocoId: b.orderId });
    this.store.put('order', { ...(this.store.get('order', b.orderId) as OrderEntity), ocoId: a.orderId });
  }

  private newCommand(orderId: number, commandType: CommandEntity['commandType'], body: Record<string, unknown>, id?: number): CommandEntity {
    return this.store.put('command', {
      id: id ?? sharedCommandId(this.store),
      orderId,
      timestamp: this.now().toISOString(),
      ...(typeof body.clOrdId === 'string' ? { clOrdId: body.clOrdId } : {}),
      commandType,
      commandStatus: 'PendingExecution',
      ...(typeof body.customTag50 === 'string' ? { customTag50: body.customTag50 } : {}),
      isAutomated: body.isAutomated === true,
    });
  }

  private commandReport(commandId: number, commandStatus: CommandStatus, ordStatus: OrdStatus) {
    return this.store.put('commandReport', { id: this.store.newId('commandReport'), commandId, timestamp: this.now().toISOString(), commandStatus, ordStatus });
  }

  private execReport(record: OrderRecord, commandId: number, execType: ExecutionReportEntity['execType'], ordStatus: OrdStatus): ExecutionReportEntity {
    return this.store.put('executionReport', {
      id: this.store.newId('executionReport'),
      commandId,
      name: this.catalog.contracts.get(record.contractId)?.name ?? String(record.contractId),
      accountId: record.accountId,
      contractId: record.contractId,
      timestamp: this.now().toISOString(),
      tradeDate: tradeDateOf(this.now()),
      orderId: record.orderId,
      execType,
      ordStatus,
      action: record.action,
      ...(record.cumQty > 0 ? { cumQty: record.cumQty } : {}),
    });
  }

  private setStatus(orderId: number, ordStatus: OrdStatus): PropsEvent {
    const order = this.store.get('order', orderId) as OrderEntity;
    const next = this.store.put('order', { ...order, ordStatus, timestamp: this.now().toISOString() });
    return { entityType: 'order', eventType: 'Updated', entity: next };
  }
}

function created(entityType: string, entity: object): PropsEvent {
  return { entityType, eventType: 'Created', entity };
}

/** Commands and order versions share one id space (OrderVersion id = New/Modify command id, §6.5). */
function sharedCommandId(store: FakeEntityStore): number {
  return store.reserveSharedId('command', 'orderVersion');
}

function matchableQuote(quotes: FakeQuotes, contractId: number, action: 'Buy' | 'Sell'): boolean {
  const q = quotes.get(contractId);
  return (action === 'Buy' ? q?.ask : q?.bid) !== undefined;
}
