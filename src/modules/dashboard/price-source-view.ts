import type { MarketDataSourceStatus } from '../../core/market/market-data-source';
import type { PriceSource } from '../../core/market/price-source';

export interface PriceSourceView {
  label: string;
  /** short warning chip; null when the source is live */
  warning: string | null;
  /** the reason in full, for the chip's title */
  detail: string | null;
}

/**
 * How the dashboard names a recorder's price source, and what is wrong with it: a TradingView
 * source that is off, down, delayed or stale is said on the recorder's row (G-52), never hidden.
 */
export function priceSourceView(source: PriceSource, tradingView: MarketDataSourceStatus | null): PriceSourceView {
  if (source === 'alert') return { label: 'alerts', warning: null, detail: null };
  const label = 'TradingView';
  if (!tradingView?.enabled) {
    return { label, warning: 'off', detail: "TradingView quotes are off (JT_TV_QUOTES=off): this recorder's virtual book gets no price between alerts (no open P&L, no virtual take profit or stop)" };
  }
  if (!tradingView.connected) return { label, warning: 'disconnected', detail: tradingView.problem ?? 'TradingView quote socket not connected; reconnecting' };
  if (tradingView.stale) return { label, warning: 'stale', detail: tradingView.problem };
  if (tradingView.delayed) return { label, warning: 'delayed', detail: tradingView.problem };
  return { label, warning: null, detail: null };
}
