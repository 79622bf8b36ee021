/**
 * Where a price comes from, and so which positions it may move:
 * - `paper`: TradingView prices (alert prices, POST /api/paper/quotes); they drive the paper exchange
 *   and the recorders' virtual books;
 * - `tradovate`: Tradovate's market-data stream; it drives Tradovate accounts.
 * An account's venue is its broker: only its venue's prices exit, trail or mark its positions.
 */
export type Venue = 'paper' | 'tradovate';

export const VENUES: readonly Venue[] = ['paper', 'tradovate'];
