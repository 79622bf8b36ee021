import { formatDecimal, roundPriceToTick } from '../../../core/money';
import { trySpecForContract } from '../../../core/positions/spec-for-contract';

/** A Tradovate price (a JSON number) as our decimal string, on the contract's tick grid when it is a traded price. */
export function tradedPrice(value: number, contract: string): string {
  const spec = trySpecForContract(contract);
  return spec ? roundPriceToTick(value, spec, 'nearest') : formatDecimal(value);
}

/** An average (netPrice, avgPx) may sit between ticks: exact text, no rounding. */
export function averagePrice(value: number | null | undefined): string | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : formatDecimal(value);
}
