import { ContractSpec } from '../contracts';
import { averagePrice, divideDecimal, formatDecimal, multiplyDecimal, priceToTicks, subtractDecimal, ticksToUsd } from '../money';

/**
 * A position built from fills, and the round trips it completes. Pure: the broker book
 * (execution) and each recorder's virtual book use the same arithmetic.
 * P&L is summed in integer ticks (price ticks x quantity), so it never drifts.
 */
export type LedgerSide = 'LONG' | 'SHORT';

export interface LedgerLeg {
  price: string;
  quantity: number;
}

export interface OpenTrade {
  side: LedgerSide;
  openedAt: string;
  entries: LedgerLeg[];
  exits: LedgerLeg[];
}

export interface LedgerState {
  /** signed: long > 0, short < 0 */
  netPos: number;
  trade: OpenTrade | null;
}

export interface LedgerFill {
  action: 'Buy' | 'Sell';
  quantity: number;
  price: string;
  ts: string;
}

export interface ClosedTrade {
  side: LedgerSide;
  quantity: number;
  entryPrice: string;
  exitPrice: string;
  pnlTicks: number;
  pnlUsd: string;
  openedAt: string;
  closedAt: string;
}

export const FLAT_LEDGER: LedgerState = { netPos: 0, trade: null };

export function applyFill(state: LedgerState, fill: LedgerFill, spec: ContractSpec): { state: LedgerState; closed: ClosedTrade[] } {
  if (!Number.isInteger(fill.quantity) || fill.quantity <= 0) {
    throw new Error(`fill quantity must be a positive whole number, got ${fill.quantity}`);
  }
  priceToTicks(fill.price, spec); // a fill off the tick is a broker bug: fail loudly
  const signed = fill.action === 'Buy' ? fill.quantity : -fill.quantity;
  const closed: ClosedTrade[] = [];
  let trade = state.trade;
  let netPos = state.netPos;
  let remaining = fill.quantity;

  const reducesPosition = netPos !== 0 && Math.sign(netPos) !== Math.sign(signed);
  if (reducesPosition && trade) {
    const closing = Math.min(remaining, Math.abs(netPos));
    trade = { ...trade, exits: [...trade.exits, { price: fill.price, quantity: closing }] };
    netPos += Math.sign(signed) * closing;
    remaining -= closing;
    if (netPos === 0) {
      closed.push(closeTrade(trade, fill.ts, spec));
      trade = null;
    }
  }
  if (remaining > 0) {
    const side: LedgerSide = signed > 0 ? 'LONG' : 'SHORT';
    const leg = { price: fill.price, quantity: remaining };
    trade = trade ? { ...trade, entries: [...trade.entries, leg] } : { side, openedAt: fill.ts, entries: [leg], exits: [] };
    netPos += Math.sign(signed) * remaining;
  }
  return { state: { netPos, trade }, closed };
}

/** Average entry price of the open position (exact, may be between ticks); null when flat. */
export function ledgerAvgPrice(state: LedgerState, spec: ContractSpec): string | null {
  if (state.netPos === 0 || !state.trade) return null;
  return averagePrice(state.trade.entries, spec);
}

/**
 * P&L already realized by the partial exits of the still-open trade (a take-profit leg), in USD to
 * the cent: exits against the average entry. "0.00" when nothing was taken off yet.
 */
export function realizedOpenUsd(state: LedgerState, spec: ContractSpec): string {
  const trade = state.trade;
  if (!trade || trade.exits.length === 0) return '0.00';
  const entryQty = sumQty(trade.entries);
  const exitQty = sumQty(trade.exits);
  const exitTicks = sumTicks(trade.exits, spec);
  // entries' cost of the contracts taken off, in ticks: may fall between ticks (exact fraction)
  const costTicks = divideDecimal(multiplyDecimal(sumTicks(trade.entries, spec), exitQty), entryQty, 8, 'nearest');
  const pnlTicks = trade.side === 'LONG' ? subtractDecimal(exitTicks, costTicks) : subtractDecimal(costTicks, exitTicks);
  return formatDecimal(multiplyDecimal(pnlTicks, spec.tickValue), { minDecimals: 2, maxDecimals: 2 });
}

/** Open P&L in ticks at `mark` (integer when the entries are; rounded toward zero otherwise). */
export function openPnlTicks(state: LedgerState, mark: string, spec: ContractSpec): number {
  if (state.netPos === 0 || !state.trade) return 0;
  const markTicks = priceToTicks(mark, spec);
  const entryTicks = sumTicks(state.trade.entries, spec);
  const entryQty = sumQty(state.trade.entries);
  // average cost per contract times what is still open
  const perContractNumerator = markTicks * entryQty - entryTicks;
  const open = (perContractNumerator * Math.abs(state.netPos)) / entryQty;
  const signed = state.trade.side === 'LONG' ? open : -open;
  return Math.trunc(signed);
}

function closeTrade(trade: OpenTrade, closedAt: string, spec: ContractSpec): ClosedTrade {
  const entryTicks = sumTicks(trade.entries, spec);
  const exitTicks = sumTicks(trade.exits, spec);
  const pnlTicks = trade.side === 'LONG' ? exitTicks - entryTicks : entryTicks - exitTicks;
  return {
    side: trade.side,
    quantity: sumQty(trade.entries),
    entryPrice: averagePrice(trade.entries, spec),
    exitPrice: averagePrice(trade.exits, spec),
    pnlTicks,
    pnlUsd: ticksToUsd(pnlTicks, 1, spec),
    openedAt: trade.openedAt,
    closedAt,
  };
}

function sumTicks(legs: LedgerLeg[], spec: ContractSpec): number {
  return legs.reduce((sum, leg) => sum + priceToTicks(leg.price, spec) * leg.quantity, 0);
}

function sumQty(legs: LedgerLeg[]): number {
  return legs.reduce((sum, leg) => sum + leg.quantity, 0);
}
