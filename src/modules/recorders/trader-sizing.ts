import { formatDecimal, multiplyDecimal, roundDecimal } from '../../core/money';

/**
 * Contracts a trader sends for an alert: the alert's (or recorder's) quantity times the trader's
 * multiplier, rounded to the nearest whole contract (ties up). 0 is a real multiplier and gives 0.
 */
export function traderQuantity(base: number, multiplier: string): number {
  const exact = multiplyDecimal(base, multiplier);
  return Number(formatDecimal(roundDecimal(exact, 0, 'nearest'), { maxDecimals: 0 }));
}

/**
 * An entry bigger than the trader's maxQuantity is refused for that trader unless its recorder
 * says to trade the cap (`oversizedQuantity: "cap"`): never traded as sent. Answers why, or null.
 */
export function refusedOverTraderMax(quantity: number, maxQuantity: number | null, oversized: 'refuse' | 'cap'): string | null {
  if (maxQuantity === null || quantity <= maxQuantity || oversized === 'cap') return null;
  return `quantity ${quantity} is over the trader's maxQuantity ${maxQuantity}: not traded on this account (recorder oversizedQuantity "refuse")`;
}
