import { BrokerRegistry } from '../../src/modules/broker/broker-registry';
import { TEST_MNQ, TestApp } from './test-app';

let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter}`;

export async function anAccount(t: TestApp, body: Record<string, unknown> = {}) {
  const res = await t.api.post('/api/accounts', { name: unique('Paper'), broker: 'paper', ...body }).expect(201);
  return res.body as { id: string; name: string };
}

export async function aRecorder(t: TestApp, body: Record<string, unknown> = {}) {
  const res = await t.api.post('/api/recorders', { name: unique('Recorder'), symbol: 'MNQ1!', quantity: 1, ...body }).expect(201);
  return res.body as { id: string; webhookToken: string; webhookUrl: string };
}

export async function aTrader(t: TestApp, recorderId: string, accountId: string, body: Record<string, unknown> = {}) {
  const res = await t.api.post('/api/traders', { recorderId, accountId, ...body }).expect(201);
  return res.body as { id: string };
}

/** One recorder traded on one paper account: the smallest copy-trading setup. */
export async function aTradedRecorder(t: TestApp, recorder: Record<string, unknown> = {}, trader: Record<string, unknown> = {}, account: Record<string, unknown> = {}) {
  const acc = await anAccount(t, account);
  const rec = await aRecorder(t, recorder);
  const trd = await aTrader(t, rec.id, acc.id, trader);
  return { account: acc, recorder: rec, trader: trd };
}

/** Sends an alert body (object -> JSON, string -> as typed) to a recorder's webhook. */
export function sendAlert(t: TestApp, token: string, body: object | string) {
  const req = t.http.post(`/webhook/${token}`);
  return typeof body === 'string' ? req.set('Content-Type', 'text/plain').send(body) : req.set('Content-Type', 'application/json').send(JSON.stringify(body));
}

export async function quote(t: TestApp, symbol: string, price: string) {
  await t.api.post('/api/paper/quotes', { symbol, price }).expect(200);
}

export async function positionsOf(t: TestApp, accountId: string) {
  await t.settle();
  const res = await t.api.get(`/api/positions?accountId=${accountId}`).expect(200);
  return res.body as Array<{ contract: string; netPos: number; side: string; avgPrice: string; quantity: number }>;
}

export async function ordersOf(t: TestApp, accountId: string) {
  await t.settle();
  return (await t.api.get(`/api/orders?accountId=${accountId}`).expect(200)).body as Array<{ action: string; quantity: number; status: string; orderType: string; purpose: string; rejectReason: string | null }>;
}

export async function tradesOf(t: TestApp, accountId: string) {
  await t.settle();
  return (await t.api.get(`/api/trades?accountId=${accountId}`).expect(200)).body as Array<{ side: string; quantity: number; entryPrice: string; exitPrice: string; pnlTicks: number; pnlUsd: string }>;
}

export type OrderRow = {
  id: string;
  accountId: string;
  contract: string;
  action: 'Buy' | 'Sell';
  quantity: number;
  status: string;
  orderType: string;
  purpose: string;
  brokerOrderId: string | null;
  filledQuantity: number;
  avgFillPrice: string | null;
  rejectReason: string | null;
  signalId: string | null;
};

export type TimelineStep = { ts: string; step: string; accountId: string | null; detail: string | null };
export type SignalView = {
  id: string;
  status: string;
  reason: string | null;
  dialect: string | null;
  action: string | null;
  quantity: number | null;
  contract: string | null;
  duplicateOf: string | null;
  rawBody?: string;
  alert: { directive: { kind: string; side?: string }; quantity: number | null; warnings: string[] } | null;
  timeline: TimelineStep[];
};

/** Orders of an account in the order they reached the broker (the paper broker numbers them). */
export async function ordersInSequence(t: TestApp, accountId: string): Promise<OrderRow[]> {
  await t.settle();
  const rows = (await t.api.get(`/api/orders?accountId=${accountId}&limit=1000`).expect(200)).body as OrderRow[];
  return rows.sort((a, b) => Number(a.brokerOrderId ?? Infinity) - Number(b.brokerOrderId ?? Infinity));
}

/** Net position (0 when flat) of one account and contract, from our book. */
export async function netPosOf(t: TestApp, accountId: string, contract = TEST_MNQ): Promise<number> {
  return (await positionsOf(t, accountId)).find((p) => p.contract === contract)?.netPos ?? 0;
}

/** Net position as the broker itself reports it (the paper exchange behind the Broker port). */
export async function brokerNetPos(t: TestApp, accountId: string, contract = TEST_MNQ): Promise<number> {
  await t.settle();
  const { broker, accountRef } = t.app.get(BrokerRegistry).forAccount(accountId);
  return (await broker.getPosition(accountRef, contract)).netPos;
}

/** One signal with its timeline (GET /api/signals/:id). */
export async function signalOf(t: TestApp, signalId: string): Promise<SignalView> {
  await t.settle();
  return (await t.api.get(`/api/signals/${signalId}`).expect(200)).body as SignalView;
}

export async function signalsOf(t: TestApp, recorderId?: string): Promise<SignalView[]> {
  await t.settle();
  return (await t.api.get(`/api/signals${recorderId ? `?recorderId=${recorderId}` : ''}`).expect(200)).body as SignalView[];
}

/** The steps of a signal's timeline for one account (null: the signal-wide steps). */
export function stepsFor(signal: SignalView, accountId: string | null): string[] {
  return signal.timeline.filter((s) => s.accountId === accountId).map((s) => s.step);
}

/** A strategy alert as TradingView renders {{strategy.*}} placeholders: every value a string. */
export function aStrategyAlert(fields: {
  action: 'buy' | 'sell';
  contracts: number | string;
  marketPosition: 'long' | 'short' | 'flat';
  positionSize?: number;
  prevPositionSize?: number;
  price?: string;
  [key: string]: unknown;
}): Record<string, string> {
  const { action, contracts, marketPosition, positionSize, prevPositionSize, price, ...rest } = fields;
  return {
    ticker: 'MNQ1!',
    action,
    contracts: String(contracts),
    market_position: marketPosition,
    ...(positionSize === undefined ? {} : { position_size: String(positionSize) }),
    ...(prevPositionSize === undefined ? {} : { prev_position_size: String(prevPositionSize) }),
    price: price ?? '21000.00',
    ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v)])),
  };
}
