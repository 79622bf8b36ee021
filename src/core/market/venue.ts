/**
 * Where a price comes from, and so which positions it may move:
 * - `paper`: TradingView alert prices and POST /api/paper/quotes; they drive the paper exchange
 *   and the virtual books of recorders priced from alerts (priceSource 'alert');
 * - `tradovate`: Tradovate's market-data stream; it drives Tradovate accounts;
 * - `tradingview`: TradingView's own quote socket (JT_TV_QUOTES=on); it prices only the virtual
 *   books of recorders with priceSource 'tradingview', never a broker account.
 * An account's venue is its broker: only its venue's prices exit, trail or mark its positions.
 */
export type BrokerVenue = 'paper' | 'tradovate';
export type Venue = BrokerVenue | 'tradingview';

export const VENUES: readonly Venue[] = ['paper', 'tradovate', 'tradingview'];
