import type { ContractSpec } from '../contracts';
import { addDecimal, compareDecimal, formatDecimal, multiplyDecimal, priceToTicks, subtractDecimal, sumDecimal, type DecimalInput } from '../money';
import { applyFill, FLAT_LEDGER, LedgerState, realizedOpenUsd } from '../positions/position-ledger';
import { tradingDayOf } from './trading-day';

/**
 * P&L of a book replayed from its fills: realized (attributed to the trading day of the fill that
 * realized it), commissions (per contract per side, on the fill's day) and open P&L at a mark.
 * Realized comes from the same ledger the book uses, so a closed round trip is its exact tick result.
 */
export interface PnlFill {
  contract: string;
  action: 'Buy' | 'Sell';
  quantity: number;
  price: string;
  ts: string;
}

export interface DayPnl {
  day: string;
  realizedUsd: string;
  commissionsUsd: string;
  contracts: number;
}

export interface FillReplay {
  days: DayPnl[];
  /** the open position of each contract after the last fill */
  ledgers: Map<string, LedgerState>;
  /** fills the ledger cannot hold (an off-tick price the book also refused): left out, counted, never guessed */
  unbooked: PnlFill[];
}

export function replayFills(fills: readonly PnlFill[], commissionPerContract: DecimalInput, specOf: (contract: string) => ContractSpec): FillReplay {
  const ledgers = new Map<string, LedgerState>();
  const days = new Map<string, { realized: DecimalInput; commissions: DecimalInput; contracts: number }>();
  const unbooked: PnlFill[] = [];
  const ordered = [...fills].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  for (const fill of ordered) {
    const spec = specOf(fill.contract);
    const before = ledgers.get(fill.contract) ?? FLAT_LEDGER;
    let applied: ReturnType<typeof applyFill>;
    try {
      applied = applyFill(before, fill, spec);
    } catch {
      unbooked.push(fill);
      continue;
    }
    const { state, closed } = applied;
    ledgers.set(fill.contract, state);
    // telescopes: over a round trip the deltas add up to the closed trade's exact result
    const realizedNow = sumDecimal([...closed.map((t) => t.pnlUsd), realizedOpenUsd(state, spec)]);
    const delta = subtractDecimal(realizedNow, realizedOpenUsd(before, spec));
    const day = tradingDayOf(new Date(fill.ts));
    const row = days.get(day) ?? { realized: '0', commissions: '0', contracts: 0 };
    row.realized = addDecimal(row.realized, delta);
    row.commissions = addDecimal(row.commissions, multiplyDecimal(commissionPerContract, String(fill.quantity)));
    row.contracts += fill.quantity;
    days.set(day, row);
  }
  return {
    ledgers,
    unbooked,
    days: [...days.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([day, r]) => ({ day, realizedUsd: usd(r.realized), commissionsUsd: usd(r.commissions), contracts: r.contracts })),
  };
}

/**
 * Open P&L of the position at `mark` (an on-tick price), exact: what the open trade is worth at the
 * mark minus what its partial exits already realized, so realized + open is the trade's whole value.
 */
export function openUsd(state: LedgerState, mark: string, spec: ContractSpec): string {
  const trade = state.trade;
  if (state.netPos === 0 || !trade) return '0.00';
  const ticks = (legs: { price: string; quantity: number }[]) => legs.reduce((s, l) => s + priceToTicks(l.price, spec) * l.quantity, 0);
  const gained = ticks(trade.exits) + priceToTicks(mark, spec) * Math.abs(state.netPos) - ticks(trade.entries);
  const wholeTicks = trade.side === 'LONG' ? gained : -gained;
  return usd(subtractDecimal(multiplyDecimal(spec.tickValue, String(wholeTicks)), realizedOpenUsd(state, spec)));
}

/** USD text with at least two decimals (ZN ticks keep their third). */
export function usd(value: DecimalInput): string {
  return formatDecimal(value, { minDecimals: 2 });
}

export function totalUsd(values: readonly DecimalInput[]): string {
  return usd(sumDecimal(values.length ? values : ['0']));
}

/** True when `pnl` is a loss of at least `limit` dollars (limit given as a positive amount). */
export function lossReached(pnl: DecimalInput, limit: DecimalInput): boolean {
  return compareDecimal(addDecimal(pnl, limit), '0') <= 0;
}
