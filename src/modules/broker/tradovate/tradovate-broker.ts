import { Logger } from '@nestjs/common';
import { Observable } from 'rxjs';
import {
  BracketOrderRequest,
  BracketOrderResult,
  Broker,
  BrokerEvent,
  BrokerOrder,
  BrokerPosition,
  BrokerReadError,
  CommandResult,
  ModifyOrderRequest,
  PlaceOrderRequest,
  PlaceOrderResult,
} from '../broker.port';
import { TradovateConnection } from './tradovate-connection';
import { TradovateTimeoutError, TradovateUnavailableError, describeError } from './tradovate-errors';
import { averagePrice } from './tradovate-prices';
import { CommandResponse, PlaceOrderResponse, TvCommand, TvOrder, TvOrderVersion, TvPosition } from './tradovate-wire';

const ACTIVE = ['PendingNew', 'Working', 'PendingReplace', 'PendingCancel', 'Suspended'];

/**
 * The Broker port over one Tradovate connection (one user on one environment). accountRef is the
 * Tradovate account id. Orders always carry isAutomated and our clOrdId; an order whose placement
 * got no answer is looked up by clOrdId, never sent again blindly.
 */
export class TradovateBroker implements Broker {
  readonly events$: Observable<BrokerEvent>;
  private readonly logger = new Logger('Tradovate');
  /** set while this connection may only read (LIVE -> DEMO fallback): orders are refused, never re-routed */
  readOnlyReason: string | null = null;

  constructor(
    readonly kind: string,
    private readonly conn: TradovateConnection,
  ) {
    this.events$ = conn.events$.asObservable();
  }

  async placeOrder(req: PlaceOrderRequest): Promise<PlaceOrderResult> {
    const refused = this.refusal();
    if (refused) return refused;
    const body = { ...this.orderBase(req), ...priceFields(req) };
    return (await this.place('order/placeorder', req, body)).result;
  }

  async placeBracketOrder(req: BracketOrderRequest): Promise<BracketOrderResult> {
    const refused = this.refusal();
    if (refused) return refused;
    const exit = req.action === 'Buy' ? 'Sell' : 'Buy';
    const body: Record<string, unknown> = { ...this.orderBase(req), ...priceFields(req) };
    const brackets = [
      req.takeProfit ? { action: exit, orderType: 'Limit', price: Number(req.takeProfit.price) } : null,
      req.stopLoss ? { action: exit, orderType: 'Stop', stopPrice: Number(req.stopLoss.stopPrice) } : null,
    ].filter(Boolean);
    if (brackets[0]) body.bracket1 = brackets[0];
    if (brackets[1]) body.bracket2 = brackets[1];
    const { result, raw } = await this.place('order/placeoso', req, body);
    if (!result.accepted) return result;
    return { ...result, takeProfitOrderId: idOrNull(raw?.oso1Id ?? raw?.osoId1), stopLossOrderId: idOrNull(raw?.oso2Id ?? raw?.osoId2) };
  }

  async modifyOrder(_accountRef: string, brokerOrderId: string, changes: ModifyOrderRequest): Promise<CommandResult> {
    const body = { orderId: Number(brokerOrderId), orderQty: changes.quantity, orderType: changes.orderType, ...priceFields(changes), isAutomated: true };
    return this.command('order/modifyorder', body);
  }

  async cancelOrder(_accountRef: string, brokerOrderId: string): Promise<CommandResult> {
    return this.command('order/cancelorder', { orderId: Number(brokerOrderId), isAutomated: true });
  }

  async liquidatePosition(accountRef: string, contract: string, clOrdId: string): Promise<PlaceOrderResult> {
    const refused = this.refusal();
    if (refused) return refused;
    try {
      const contractId = await this.conn.contracts.idOf(contract);
      const res = await this.conn.api<PlaceOrderResponse>('order/liquidateposition', {
        body: { accountId: Number(accountRef), contractId, admin: false, customTag50: clOrdId },
      });
      if (!res?.orderId) return { accepted: false, reason: res?.failureReason ?? 'UnknownReason', text: res?.failureText ?? res?.errorText ?? 'Tradovate did not liquidate' };
      await this.adopt(res.orderId, clOrdId);
      return { accepted: true, brokerOrderId: String(res.orderId) };
    } catch (error) {
      return { accepted: false, reason: 'BrokerError', text: describeError(error) };
    }
  }

  async getPosition(accountRef: string, contract: string): Promise<BrokerPosition> {
    const positions = await this.readPositions(accountRef);
    const contractId = await this.read(() => this.conn.contracts.idOf(contract), accountRef);
    const row = positions.find((p) => p.contractId === contractId);
    return { accountRef, contract, netPos: row?.netPos ?? 0, avgPrice: row && row.netPos !== 0 ? averagePrice(row.netPrice) : null };
  }

  async listPositions(accountRef: string): Promise<BrokerPosition[]> {
    const positions = (await this.readPositions(accountRef)).filter((p) => p.netPos !== 0);
    const out: BrokerPosition[] = [];
    for (const p of positions) {
      const contract = await this.read(() => this.conn.contracts.nameOf(p.contractId), accountRef);
      out.push({ accountRef, contract, netPos: p.netPos, avgPrice: averagePrice(p.netPrice) });
    }
    return out;
  }

  /** Working orders of the account (final ones are history, not needed by the engine). */
  async listOrders(accountRef: string): Promise<BrokerOrder[]> {
    const orders = (await this.read(() => this.conn.api<TvOrder[]>('order/deps', { query: { masterid: Number(accountRef) } }), accountRef)) ?? [];
    const active = orders.filter((o) => ACTIVE.includes(o.ordStatus));
    if (active.length === 0) return [];
    const ids = active.map((o) => o.id).join(',');
    const [versions, commands] = await Promise.all([
      this.read(() => this.conn.api<TvOrderVersion[]>('orderVersion/ldeps', { query: { masterids: ids } }), accountRef),
      this.read(() => this.conn.api<TvCommand[]>('command/ldeps', { query: { masterids: ids } }), accountRef),
    ]);
    const store = this.conn.store;
    for (const o of active) store.apply({ entityType: 'order', eventType: 'Updated', entity: o as unknown as Record<string, unknown> });
    for (const v of versions ?? []) store.apply({ entityType: 'orderVersion', eventType: 'Updated', entity: v as unknown as Record<string, unknown> });
    for (const c of commands ?? []) store.apply({ entityType: 'command', eventType: 'Updated', entity: c as unknown as Record<string, unknown> });
    const out: BrokerOrder[] = [];
    for (const o of active) {
      const contract = o.contractId !== undefined ? await this.read(() => this.conn.contracts.nameOf(o.contractId!), accountRef) : '';
      const order = store.toBrokerOrder(o.id, contract);
      if (order) out.push(order);
    }
    return out;
  }

  private async place(endpoint: string, req: PlaceOrderRequest, body: Record<string, unknown>): Promise<{ result: PlaceOrderResult; raw: PlaceOrderResponse | null }> {
    // Tradovate places a repeated clOrdId again (§8.6): an id it already carries is that order, not a new one
    const placed = this.conn.store.orderIdByClOrdId(req.clOrdId);
    if (placed !== null) {
      this.logger.warn(`order ${req.clOrdId} is already at Tradovate as ${placed}; not sent again`);
      return { result: { accepted: true, brokerOrderId: String(placed) }, raw: null };
    }
    let res: PlaceOrderResponse;
    try {
      res = await this.conn.api<PlaceOrderResponse>(endpoint, { body });
    } catch (error) {
      if (error instanceof TradovateTimeoutError || error instanceof TradovateUnavailableError) return { result: await this.afterLostAnswer(req, error), raw: null };
      // refused before processing (auth, rate limit, penalty, captcha, validation): nothing was placed
      return { result: { accepted: false, reason: 'BrokerError', text: describeError(error) }, raw: null };
    }
    if (!res?.orderId) {
      return { result: { accepted: false, reason: res?.failureReason ?? 'UnknownReason', text: res?.failureText ?? res?.errorText ?? 'Tradovate did not accept the order' }, raw: res ?? null };
    }
    await this.adopt(res.orderId, req.clOrdId);
    return { result: { accepted: true, brokerOrderId: String(res.orderId) }, raw: res };
  }

  /** G-35 / §8.6: no answer is not "not placed". Look the order up by clOrdId before saying anything. */
  private async afterLostAnswer(req: PlaceOrderRequest, error: Error): Promise<PlaceOrderResult> {
    this.logger.warn(`placing ${req.clOrdId} got no answer (${error.message}); looking it up instead of re-sending`);
    for (const waitMs of [0, 1_000, 3_000]) {
      if (waitMs) await new Promise((r) => setTimeout(r, waitMs));
      const found = await this.findByClOrdId(req.accountRef, req.clOrdId).catch(() => undefined);
      if (found) return { accepted: true, brokerOrderId: String(found) };
    }
    return {
      accepted: false,
      reason: 'PlacementUnconfirmed',
      text: `Tradovate did not answer the order (${error.message}) and no order with our id ${req.clOrdId} was found; it was NOT re-sent. Check the account at Tradovate.`,
    };
  }

  private async findByClOrdId(accountRef: string, clOrdId: string): Promise<number | null> {
    const known = this.conn.store.orderIdByClOrdId(clOrdId);
    if (known !== null) return known;
    const orders = (await this.conn.api<TvOrder[]>('order/deps', { query: { masterid: Number(accountRef) } })) ?? [];
    const recent = orders.sort((a, b) => b.id - a.id).slice(0, 50);
    if (recent.length === 0) return null;
    const commands = (await this.conn.api<TvCommand[]>('command/ldeps', { query: { masterids: recent.map((o) => o.id).join(',') } })) ?? [];
    return commands.find((c) => c.clOrdId === clOrdId)?.orderId ?? null;
  }

  /** Ties a Tradovate order to our clOrdId; events already emitted without it go out again with it. */
  private async adopt(orderId: number, clOrdId: string): Promise<void> {
    const store = this.conn.store;
    const before = store.clOrdIdOf(orderId);
    store.setClOrdId(orderId, clOrdId);
    if (before !== clOrdId && store.orders.has(orderId)) await this.conn.translator.reemitOrder(orderId);
  }

  private async command(endpoint: string, body: Record<string, unknown>): Promise<CommandResult> {
    try {
      const res = await this.conn.api<CommandResponse>(endpoint, { body });
      if (res?.failureReason && res.failureReason !== 'Success') return { ok: false, reason: res.failureReason, text: res.failureText ?? '' };
      if (res?.errorText) return { ok: false, reason: 'UnknownReason', text: res.errorText };
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: 'BrokerError', text: describeError(error) };
    }
  }

  private orderBase(req: PlaceOrderRequest): Record<string, unknown> {
    const accountId = Number(req.accountRef);
    const account = this.conn.accounts.find((a) => a.id === accountId);
    return {
      ...(account ? { accountSpec: account.name } : {}),
      accountId,
      clOrdId: req.clOrdId,
      action: req.action,
      symbol: req.contract,
      orderQty: req.quantity,
      orderType: req.orderType,
      isAutomated: true,
    };
  }

  private refusal(): { accepted: false; reason: string; text: string } | null {
    return this.readOnlyReason ? { accepted: false, reason: 'ReadOnlySession', text: this.readOnlyReason } : null;
  }

  private async readPositions(accountRef: string): Promise<TvPosition[]> {
    const rows = await this.read(() => this.conn.api<TvPosition[]>('position/deps', { query: { masterid: Number(accountRef) } }), accountRef);
    if (!Array.isArray(rows)) throw new BrokerReadError(`Tradovate answered the position list of account ${accountRef} with something that is not a list`);
    return rows.filter((p) => p.accountId === undefined || String(p.accountId) === accountRef);
  }

  /** G-31: a read that fails is an error, never an empty (flat) answer. */
  private async read<T>(work: () => Promise<T>, accountRef: string): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new BrokerReadError(`cannot read Tradovate account ${accountRef} (${this.conn.env}): ${describeError(error)}`);
    }
  }
}

function priceFields(req: { price?: string; stopPrice?: string }): Record<string, number> {
  return {
    ...(req.price !== undefined ? { price: Number(req.price) } : {}),
    ...(req.stopPrice !== undefined ? { stopPrice: Number(req.stopPrice) } : {}),
  };
}

/** SWG names the bracket ids oso1Id/oso2Id; a third-party client reads osoId1/osoId2: accept both. */
function idOrNull(id: number | undefined): string | null {
  return id === undefined || id === null ? null : String(id);
}
