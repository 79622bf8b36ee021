import type { Venue } from './venue';

/**
 * Which prices feed a recorder's virtual book: 'alert' (alert prices and POST /api/paper/quotes,
 * the paper venue) or 'tradingview' (TradingView's own quote socket, so the P&L matches the chart).
 */
export type PriceSource = 'alert' | 'tradingview';

export const PRICE_SOURCES: readonly PriceSource[] = ['alert', 'tradingview'];

export function venueOfPriceSource(source: PriceSource): Venue {
  return source === 'tradingview' ? 'tradingview' : 'paper';
}
