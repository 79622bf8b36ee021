import { DataSource } from 'typeorm';
import { EventBus } from '../../src/core/bus/event-bus';
import { priceToTicks, ticksToUsd } from '../../src/core/money';
import { specForContract } from '../../src/core/positions/spec-for-contract';
import { Fill } from '../../src/modules/execution/entities/fill.entity';
import { OrderRow } from './builders';
import { TestApp } from './test-app';

/**
 * The trader's checks after any mix of alerts, quotes, exits, kill switches, faults and restarts,
 * for one account and contract: what the broker says against what we recorded. Each check returns
 * violations as sentences (empty: all good), so a failing property prints what went wrong where.
 */

/** A fill as the broker lists it, in the broker's own order (time order). */
export interface BrokerFillView {
  brokerFillId: string;
  brokerOrderId: string;
  action: 'Buy' | 'Sell';
  quantity: number;
  price: string | number;
}

/** An order as the broker holds it. */
export interface BrokerOrderView {
  brokerOrderId: string;
  clOrdId: string | null;
  action: 'Buy' | 'Sell';
  quantity: number;
  orderType: string;
}

/** What the broker says about one account and contract. */
export interface BrokerTruth {
  netPos: number;
  fills: BrokerFillView[];
  orders: BrokerOrderView[];
}

/** An order row of ours as GET /api/orders shows it. */
export type SentOrder = OrderRow & { clOrdId: string };

type TradeRow = { contract: string; pnlTicks: number; pnlUsd: string };
type MachineRow = { accountId: string; contract: string; state: string; reason: string | null; lastResult: string | null };

const REDUCING = new Set(['close', 'reduce', 'flatten']);
const signedQty = (action: 'Buy' | 'Sell', quantity: number) => (action === 'Buy' ? quantity : -quantity);

/** Every order we wrote for the account, with the API's view of it. */
export async function ourOrders(t: TestApp, accountId: string): Promise<SentOrder[]> {
  return (await t.api.get(`/api/orders?accountId=${accountId}&limit=1000`).expect(200)).body as SentOrder[];
}

/**
 * Replays the broker's fills in the broker's order against the orders we sent:
 * - a close / reduce / flatten fill always has something to close, goes against it and never crosses zero;
 * - the first fill of an `open` order starts from flat (a reversal enters only after the close is done);
 * - an `add` fill adds to an open position on its side;
 * - every fill belongs to an order we sent; the replay ends at the broker's position.
 */
export function checkNoFlip(label: string, orders: SentOrder[], broker: BrokerTruth): string[] {
  const out: string[] = [];
  const byBrokerId = new Map(orders.filter((o) => o.brokerOrderId).map((o) => [o.brokerOrderId as string, o]));
  const byClOrdId = new Map(orders.map((o) => [o.clOrdId, o]));
  const brokerOrders = new Map(broker.orders.map((o) => [o.brokerOrderId, o]));
  const started = new Set<string>();
  let pos = 0;
  for (const fill of broker.fills) {
    const clOrdId = brokerOrders.get(fill.brokerOrderId)?.clOrdId ?? null;
    const order = byBrokerId.get(fill.brokerOrderId) ?? (clOrdId ? byClOrdId.get(clOrdId) : undefined);
    const delta = signedQty(fill.action, fill.quantity);
    const after = pos + delta;
    const what = `${label}: fill ${fill.brokerFillId} ${fill.action} ${fill.quantity} of broker order ${fill.brokerOrderId} (${order?.purpose ?? 'no order of ours'}) at position ${pos}`;
    if (!order) out.push(`${what}: the broker filled an order we never sent`);
    else if (REDUCING.has(order.purpose)) {
      if (pos === 0) out.push(`${what}: a ${order.purpose} filled while flat, it opened a position`);
      else if (Math.sign(delta) === Math.sign(pos)) out.push(`${what}: a ${order.purpose} added to the position`);
      else if (Math.sign(after) === -Math.sign(pos)) out.push(`${what}: a ${order.purpose} FLIPPED the position to ${after}`);
    } else if (order.purpose === 'open' && !started.has(order.id) && pos !== 0) {
      out.push(`${what}: an open started from a non-flat position (to ${after})`);
    } else if (order.purpose === 'add' && !started.has(order.id) && (pos === 0 || Math.sign(delta) !== Math.sign(pos))) {
      out.push(`${what}: an add that did not add to an open position`);
    }
    if (order) started.add(order.id);
    pos = after;
  }
  if (pos !== broker.netPos) out.push(`${label}: the broker's fills add up to ${pos} but the broker shows ${broker.netPos}`);
  return out;
}

/** Exits are market orders, in our rows and at the broker; the broker holds each of our orders at most once. */
export function checkExitsAreMarket(label: string, orders: SentOrder[], broker: BrokerTruth): string[] {
  const out: string[] = [];
  const brokerByClOrdId = new Map<string, BrokerOrderView[]>();
  for (const o of broker.orders) if (o.clOrdId) brokerByClOrdId.set(o.clOrdId, [...(brokerByClOrdId.get(o.clOrdId) ?? []), o]);
  for (const o of orders) {
    const clOrdId = o.clOrdId;
    const atBroker = brokerByClOrdId.get(clOrdId) ?? [];
    if (atBroker.length > 1) out.push(`${label}: our ${o.purpose} order ${clOrdId} was placed ${atBroker.length} times at the broker`);
    if (!REDUCING.has(o.purpose)) continue;
    if (o.orderType !== 'Market') out.push(`${label}: our ${o.purpose} order ${clOrdId} is a ${o.orderType} order`);
    for (const b of atBroker) if (b.orderType !== 'Market') out.push(`${label}: the broker holds our ${o.purpose} order ${clOrdId} as ${b.orderType}`);
  }
  const ours = new Set(orders.map((o) => o.clOrdId));
  for (const b of broker.orders) {
    if (!b.clOrdId || !ours.has(b.clOrdId)) out.push(`${label}: broker order ${b.brokerOrderId} (${b.action} ${b.quantity} ${b.orderType}, clOrdId ${b.clOrdId}) is not one we wrote`);
  }
  return out;
}

/**
 * Our recorded fills are the broker's fills (same ids, sides, sizes, prices); our book's position is the
 * broker's; each order row's filled quantity is what the broker filled for it; no row is left
 * pending or working.
 */
export async function checkBookEqualsBroker(t: TestApp, label: string, accountId: string, contract: string, orders: SentOrder[], broker: BrokerTruth): Promise<string[]> {
  const out: string[] = [];
  const ours = await t.app.get(DataSource).getRepository(Fill).findBy({ accountId, contract });
  const key = (f: { brokerFillId: string; action: string; quantity: number; price: string | number }) => `${f.brokerFillId} ${f.action} ${f.quantity} @ ${Number(f.price)}`;
  const recorded = ours.map(key).sort();
  const atBroker = broker.fills.map(key).sort();
  const missing = atBroker.filter((k) => !recorded.includes(k));
  const extra = recorded.filter((k) => !atBroker.includes(k));
  if (missing.length) out.push(`${label}: broker fills never recorded: ${missing.join(', ')}`);
  if (extra.length) out.push(`${label}: recorded fills the broker does not have: ${extra.join(', ')}`);

  const book = ((await t.api.get(`/api/positions?accountId=${accountId}`).expect(200)).body as Array<{ contract: string; netPos: number }>).find((p) => p.contract === contract)?.netPos ?? 0;
  if (book !== broker.netPos) out.push(`${label}: our book shows ${book}, the broker ${broker.netPos}`);

  const filledAtBroker = new Map<string, number>();
  for (const f of broker.fills) filledAtBroker.set(f.brokerOrderId, (filledAtBroker.get(f.brokerOrderId) ?? 0) + f.quantity);
  for (const o of orders) {
    const clOrdId = o.clOrdId;
    const filled = o.brokerOrderId ? (filledAtBroker.get(o.brokerOrderId) ?? 0) : 0;
    if (o.status === 'pending' || o.status === 'working') out.push(`${label}: our ${o.purpose} order ${clOrdId} is still ${o.status}`);
    if (filled > o.quantity) out.push(`${label}: our ${o.purpose} order ${clOrdId} for ${o.quantity} was filled ${filled} at the broker`);
    if (o.status === 'filled' && filled !== o.filledQuantity) out.push(`${label}: our ${o.purpose} order ${clOrdId} says filled ${o.filledQuantity}, the broker filled ${filled}`);
    if (o.status !== 'filled' && filled > 0 && filled !== o.filledQuantity)
      out.push(`${label}: our ${o.status} ${o.purpose} order ${clOrdId} says filled ${o.filledQuantity}, the broker filled ${filled}`);
  }
  return out;
}

/** When the broker is flat, the recorded trades sum to the realized P&L of the broker's fills. */
export async function checkTradesMatchFills(t: TestApp, label: string, accountId: string, contract: string, broker: BrokerTruth): Promise<string[]> {
  if (broker.netPos !== 0) return [];
  const spec = specForContract(contract);
  const ticks = broker.fills.reduce((sum, f) => sum + (f.action === 'Sell' ? 1 : -1) * f.quantity * priceToTicks(String(f.price), spec), 0);
  const trades = ((await t.api.get(`/api/trades?accountId=${accountId}&limit=1000`).expect(200)).body as TradeRow[]).filter((tr) => tr.contract === contract);
  const tradeTicks = trades.reduce((sum, tr) => sum + tr.pnlTicks, 0);
  const tradeUsd = trades.reduce((sum, tr) => sum + Math.round(Number(tr.pnlUsd) * 100), 0);
  const out: string[] = [];
  if (tradeTicks !== ticks) out.push(`${label}: trades sum to ${tradeTicks} ticks, the broker's fills to ${ticks}`);
  if (tradeUsd !== Math.round(Number(ticksToUsd(ticks, 1, spec)) * 100)) out.push(`${label}: trades sum to ${tradeUsd / 100} USD, the broker's fills to ${ticksToUsd(ticks, 1, spec)}`);
  return out;
}

export async function exitMachines(t: TestApp): Promise<MachineRow[]> {
  return (await t.api.get('/api/status').expect(200)).body.exitMachines as MachineRow[];
}

/** Settles, then waits (bounded) until no exit machine is outside IDLE; returns the machines still busy. */
export async function settleUntilIdle(t: TestApp, timeoutMs = 15_000): Promise<MachineRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await t.settle();
    const busy = (await exitMachines(t)).filter((m) => m.state !== 'IDLE');
    if (busy.length === 0 || Date.now() > deadline) return busy;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** All the checks for one account and contract. */
export async function accountViolations(t: TestApp, label: string, accountId: string, contract: string, broker: BrokerTruth): Promise<string[]> {
  const orders = await ourOrders(t, accountId);
  return [
    ...checkNoFlip(label, orders, broker),
    ...checkExitsAreMarket(label, orders, broker),
    ...(await checkBookEqualsBroker(t, label, accountId, contract, orders, broker)),
    ...(await checkTradesMatchFills(t, label, accountId, contract, broker)),
  ];
}

/**
 * What started an exit, from its reason: the TP/SL monitor's kinds (take_profit, stop_loss,
 * trailing_stop, break_even), a kill switch tripped by an op (not the end-of-run one), or the first word.
 */
export function exitKind(reason: string): string {
  if (reason.startsWith('kill switch')) return reason.includes('end of run') ? 'final kill switch' : 'kill switch';
  return reason.split(/[ :]/)[0];
}

/**
 * Witnesses, on the app's bus, that every take profit / stop / trailing / break-even exit of a broker
 * account was hit by a price its venue published, never by an alert's or a paper quote's price.
 */
export class VenuePriceWitness {
  private readonly venuePrices = new Set<string>();
  private readonly found: string[] = [];

  constructor(private readonly venue: 'tradovate') {}

  /** Watches one app (call again after a restart). */
  watch(t: TestApp): void {
    const bus = t.app.get(EventBus);
    bus.ofType('QuoteReceived').subscribe((q) => {
      if (q.venue === this.venue) this.venuePrices.add(`${q.contract} ${Number(q.price)}`);
    });
    bus.ofType('ExitPosition').subscribe((e) => {
      // the TP/SL monitor's requests: "<kind> at <price> (level <level>)"
      const hit = /^(?:tp\d+|stop):/.test(e.idempotencyKey) ? / at (\S+) \(level /.exec(e.reason) : null;
      if (hit && !this.venuePrices.has(`${e.contract} ${Number(hit[1])}`)) {
        this.found.push(`account ${e.accountId} ${e.contract}: "${e.reason}" was hit by ${hit[1]}, a price ${this.venue} never quoted`);
      }
    });
  }

  violations(): string[] {
    return this.found.splice(0);
  }
}

/** The run's op log, one line per op, for a failing property's report. */
export function describeOps(ops: readonly object[]): string {
  return ops.map((op, i) => `${i}: ${JSON.stringify(op)}`).join('\n');
}

/**
 * What a property's runs really exercised (orders by purpose and status, exits by reason), printed
 * when JT_PROPERTY_STATS is set: a property whose ops never reach an exit proves nothing.
 */
export class ExerciseTally {
  private readonly counts = new Map<string, number>();

  add(what: string, n = 1): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }

  /** Counts every exit the app starts (by its kind, see exitKind) until the app closes. */
  watchExits(t: TestApp): void {
    t.app.get(EventBus).ofType('ExitStateChanged').subscribe((e) => {
      if (e.to === 'PREPARE_EXIT') this.add(`exit: ${exitKind(e.reason)}`);
      if (e.reason.startsWith('exit order rejected') || e.reason.includes('EXIT NOT CONFIRMED')) this.add('exit: rejected or failed');
    });
    // an entry over the account's position limit is refused at the order door now, before any broker sees it
    t.app.get(EventBus).ofType('IntentBlocked').subscribe((e) => {
      if (e.reason.includes('maxPosition')) this.add('entries refused');
    });
  }

  addOrders(orders: SentOrder[]): void {
    for (const o of orders) this.add(`order: ${o.purpose} ${o.status}`);
    const rejected = orders.filter((o) => o.status === 'rejected').length;
    this.add('orders rejected', rejected);
    this.add('entries refused', rejected);
  }

  count(what: string): number {
    return this.counts.get(what) ?? 0;
  }

  /** What the runs exercised less often than `minimums` asks, as sentences (empty: enough of everything). */
  shortOf(minimums: Record<string, number>): string[] {
    return Object.entries(minimums)
      .filter(([what, min]) => this.count(what) < min)
      .map(([what, min]) => `${what}: ${this.count(what)} time(s) across the runs, wanted at least ${min}`);
  }

  /** Orders the broker filled in more than one part. */
  addFills(broker: BrokerTruth): void {
    const parts = new Map<string, number>();
    for (const f of broker.fills) parts.set(f.brokerOrderId, (parts.get(f.brokerOrderId) ?? 0) + 1);
    this.add('orders filled in parts', [...parts.values()].filter((n) => n > 1).length);
  }

  print(title: string): void {
    if (!process.env.JT_PROPERTY_STATS) return;
    const lines = [...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `  ${k}: ${v}`);
    console.log(`${title}\n${lines.join('\n')}`);
  }
}
