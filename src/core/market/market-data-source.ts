import type { Venue } from './venue';

/** What a market-data source says about itself: the dashboard shows it, never hides a delay or a silence. */
export interface MarketDataSourceStatus {
  venue: Venue;
  /** switched on by configuration */
  enabled: boolean;
  connected: boolean;
  /** quotes are delayed (anonymous TradingView session): P&L lags the chart */
  delayed: boolean;
  /** no quote for any subscribed symbol for STALE_QUOTE_SEC in market hours */
  stale: boolean;
  lastQuoteAt: string | null;
  symbols: string[];
  /** why it is not live, in a trader's words; null when all is well */
  problem: string | null;
}

/**
 * The port of a quote stream (DESIGN.md): it publishes QuoteReceived with its own venue on the bus
 * and reports its state. The engine depends on this interface and the bus, never on an adapter.
 */
export interface MarketDataSource {
  readonly venue: Venue;
  status(): MarketDataSourceStatus;
}

/** Nest token of the list of MarketDataSource adapters running in this process. */
export const MARKET_DATA_SOURCES = Symbol('MARKET_DATA_SOURCES');
