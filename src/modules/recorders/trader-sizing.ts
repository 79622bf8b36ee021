import { formatDecimal, multiplyDecimal, roundDecimal } from '../../core/money';

/**
 * Contracts a trader sends for an alert: the alert's (or recorder's) quantity times the trader's
 * multiplier, rounded to the nearest whole contract (ties up). 0 is a real multiplier and gives 0.
 */
export function traderQuantity(base: number, multiplier: string): number {
  const exact = multiplyDecimal(base, multiplier);
  return Number(formatDecimal(roundDecimal(exact, 0, 'nearest'), { maxDecimals: 0 }));
}
