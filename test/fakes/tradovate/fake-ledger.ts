import type { FakeCatalog } from './fake-catalog';
import type { FakeEntityStore } from './fake-entity-store';
import type { Quote } from './fake-quotes';
import type { CashBalanceEntity, FillEntity, PositionEntity, PropsEvent, TradeDate } from './fake-wire-types';

interface OpenLot {
  fillId: number;
  action: 'Buy' | 'Sell';
  qty: number;
  ticks: number;
}

/**
 * Positions, fill pairs and cash balances (reference §6.5): FIFO pairing of fills, prices kept in
 * whole ticks so averages and P&L are exact, money rounded to cents.
 */
export class FakeLedger {
  private readonly lots = new Map<number, OpenLot[]>();

  constructor(
    private readonly store: FakeEntityStore,
    private readonly catalog: FakeCatalog,
    private readonly now: () => Date,
  ) {}

  positionFor(accountId: number, contractId: number): PositionEntity | undefined {
    return this.store.all('position').find((p) => p.accountId === accountId && p.contractId === contractId);
  }

  cashBalanceFor(accountId: number): CashBalanceEntity | undefined {
    return this.store.all('cashBalance').find((c) => c.accountId === accountId);
  }

  /** Books one fill; returns the props events in wire order: position, fillPair(s), cashBalance. */
  applyFill(accountId: number, fill: FillEntity): PropsEvent[] {
    const info = this.catalog.info(fill.contractId);
    if (!info) throw new Error(`fake ledger: unknown contract ${fill.contractId}`);
    const tick = info.product.tickSize;
    const ticks = Math.round(fill.price / tick);
    const events: PropsEvent[] = [];
    const ts = this.now().toISOString();

    const existing = this.positionFor(accountId, fill.contractId);
    const position: PositionEntity = existing ?? {
      id: this.store.newId('position'),
      accountId,
      contractId: fill.contractId,
      timestamp: ts,
      tradeDate: tradeDateOf(this.now()),
      netPos: 0,
      bought: 0,
      boughtValue: 0,
      sold: 0,
      soldValue: 0,
      prevPos: 0,
    };
    const lots = this.lots.get(position.id) ?? [];
    this.lots.set(position.id, lots);

    const pairs: { lot: OpenLot; qty: number }[] = [];
    let remaining = fill.qty;
    while (remaining > 0 && lots.length > 0 && lots[0].action !== fill.action) {
      const lot = lots[0];
      const qty = Math.min(lot.qty, remaining);
      pairs.push({ lot, qty });
      lot.qty -= qty;
      remaining -= qty;
      if (lot.qty === 0) lots.shift();
    }
    if (remaining > 0) lots.push({ fillId: fill.id, action: fill.action, qty: remaining, ticks });

    const value = round(fill.qty * ticks * tick, 8);
    const updated: PositionEntity = {
      ...position,
      timestamp: ts,
      netPos: position.netPos + (fill.action === 'Buy' ? fill.qty : -fill.qty),
      bought: position.bought + (fill.action === 'Buy' ? fill.qty : 0),
      boughtValue: round(position.boughtValue + (fill.action === 'Buy' ? value : 0), 8),
      sold: position.sold + (fill.action === 'Sell' ? fill.qty : 0),
      soldValue: round(position.soldValue + (fill.action === 'Sell' ? value : 0), 8),
    };
    const openQty = lots.reduce((sum, l) => sum + l.qty, 0);
    if (openQty > 0) updated.netPrice = round((lots.reduce((sum, l) => sum + l.qty * l.ticks, 0) / openQty) * tick, 8);
    else delete updated.netPrice;
    events.push({ entityType: 'position', eventType: existing ? 'Updated' : 'Created', entity: this.store.put('position', updated) });

    let realized = 0;
    for (const { lot, qty } of pairs) {
      const buy = lot.action === 'Buy' ? { id: lot.fillId, ticks: lot.ticks } : { id: fill.id, ticks };
      const sell = lot.action === 'Sell' ? { id: lot.fillId, ticks: lot.ticks } : { id: fill.id, ticks };
      const pair = this.store.put('fillPair', {
        id: this.store.newId('fillPair'),
        positionId: position.id,
        buyFillId: buy.id,
        sellFillId: sell.id,
        qty,
        buyPrice: round(buy.ticks * tick, 8),
        sellPrice: round(sell.ticks * tick, 8),
        active: true,
      });
      this.markPaired(lot.fillId, qty);
      this.markPaired(fill.id, qty);
      events.push({ entityType: 'fillPair', eventType: 'Created', entity: pair });
      realized += (sell.ticks - buy.ticks) * qty * tick * info.product.valuePerPoint;
    }

    if (pairs.length > 0) {
      const cash = this.cashBalanceFor(accountId);
      if (cash) {
        const pnl = round(realized, 2);
        const next = this.store.put('cashBalance', {
          ...cash,
          timestamp: ts,
          amount: round(cash.amount + pnl, 2),
          realizedPnL: round(cash.realizedPnL + pnl, 2),
          weekRealizedPnL: round(cash.weekRealizedPnL + pnl, 2),
        });
        events.push({ entityType: 'cashBalance', eventType: 'Updated', entity: next });
      }
    }
    return events;
  }

  /** Open P&L at the quote's last (or mid) price: (price - netPrice) * valuePerPoint * netPos. */
  openPnL(accountId: number, quoteOf: (contractId: number) => Quote | undefined): number {
    let total = 0;
    for (const p of this.store.all('position')) {
      if (p.accountId !== accountId || p.netPos === 0 || p.netPrice === undefined) continue;
      const q = quoteOf(p.contractId);
      const mark = q?.last ?? (q?.bid !== undefined && q?.ask !== undefined ? (q.bid + q.ask) / 2 : undefined);
      const info = this.catalog.info(p.contractId);
      if (mark === undefined || !info) continue;
      total += (mark - p.netPrice) * info.product.valuePerPoint * p.netPos;
    }
    return round(total, 2);
  }

  private markPaired(fillId: number, qty: number): void {
    const fill = this.store.get('fill', fillId);
    if (fill) this.store.put('fill', { ...fill, finallyPaired: fill.finallyPaired + qty });
  }
}

export function tradeDateOf(date: Date): TradeDate {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function round(value: number, places: number): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}
