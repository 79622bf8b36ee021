import type { OrderAction, OrderType } from '../broker.port';
import { compareDecimals, parseDecimal } from './paper-decimal';

/** The top of the book for one contract, as canonical decimal strings; null = not known. */
export interface PaperQuote {
  contract: string;
  price: string | null;
  bid: string | null;
  ask: string | null;
}

export interface MatchableOrder {
  action: OrderAction;
  orderType: OrderType;
  price: string | null;
  stopPrice: string | null;
}

/** Where a buyer or seller can trade right now: the ask for a Buy, the bid for a Sell, else last. */
export function executablePrice(quote: PaperQuote | undefined, action: OrderAction): string | null {
  if (!quote) return null;
  const side = action === 'Buy' ? quote.ask : quote.bid;
  return side ?? quote.price;
}

/**
 * The fill price of a Limit or Stop order against a quote, or null when the quote does not cross.
 * A limit that was already resting fills at its own price (the market traded through it); one that
 * is marketable when placed fills at the quote, which is the same or better. A stop fills at the
 * quote once triggered.
 */
export function crossingFillPrice(
  order: MatchableOrder,
  quote: PaperQuote | undefined,
  resting: boolean,
): string | null {
  const market = executablePrice(quote, order.action);
  const level = order.orderType === 'Limit' ? order.price : order.orderType === 'Stop' ? order.stopPrice : null;
  if (market === null || level === null) return null;
  const marketVsLevel = compareDecimals(parseDecimal(market)!, parseDecimal(level)!);
  const buying = order.action === 'Buy';
  if (order.orderType === 'Limit') {
    const crossed = buying ? marketVsLevel <= 0 : marketVsLevel >= 0;
    if (!crossed) return null;
    return resting ? level : market;
  }
  const triggered = buying ? marketVsLevel >= 0 : marketVsLevel <= 0;
  return triggered ? market : null;
}
