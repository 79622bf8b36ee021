import type { BrokerPosition } from '../broker.port';
import { formatDecimal, Fraction, weightedAverage } from './paper-decimal';

/** One (account, contract) position; the average is kept as an exact fraction so adds never drift. */
export interface PaperPosition {
  accountRef: string;
  contract: string;
  /** long > 0, short < 0 */
  netPos: number;
  /** null exactly when flat */
  avgPrice: Fraction | null;
}

/**
 * Average-cost position keeping: adds re-average, reductions keep the average, closing to 0
 * clears it, and a flip opens the remainder at the fill price.
 */
export function applyFill(position: PaperPosition, signedQuantity: number, price: Fraction): void {
  const before = position.netPos;
  const after = before + signedQuantity;
  if (after === 0) {
    position.avgPrice = null;
  } else if (before === 0 || Math.sign(after) !== Math.sign(before)) {
    position.avgPrice = price;
  } else if (Math.abs(after) > Math.abs(before)) {
    position.avgPrice = weightedAverage(position.avgPrice ?? price, Math.abs(before), price, Math.abs(signedQuantity));
  }
  position.netPos = after;
}

export function toBrokerPosition(position: PaperPosition): BrokerPosition {
  return {
    accountRef: position.accountRef,
    contract: position.contract,
    netPos: position.netPos,
    avgPrice: position.avgPrice ? formatDecimal(position.avgPrice) : null,
  };
}
