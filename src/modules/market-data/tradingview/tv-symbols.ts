import { contractRoot, resolveContract } from '../../../core/contracts';

/** TradingView's exchange prefix where it differs from the contract table's exchange. */
const TV_PREFIX: Record<string, string> = {
  ES: 'CME_MINI',
  MES: 'CME_MINI',
  NQ: 'CME_MINI',
  MNQ: 'CME_MINI',
  RTY: 'CME_MINI',
  M2K: 'CME_MINI',
  YM: 'CBOT_MINI',
  MYM: 'CBOT_MINI',
};

export interface TvSubscription {
  /** as TradingView's quote session names it, e.g. CME_MINI:MNQ1! */
  tvSymbol: string;
  /** the broker contract its quotes price, e.g. MNQZ6 */
  contract: string;
}

/**
 * A recorder's symbol as TradingView's quote session wants it: `MNQ1!` -> `CME_MINI:MNQ1!` (the
 * chart the trader looks at), a dated `MNQZ6` -> `CME_MINI:MNQZ2026`; an explicit prefix is kept.
 */
export function tvSubscriptionFor(symbol: string, now: Date): TvSubscription {
  const text = symbol.trim().toUpperCase();
  const resolved = resolveContract(text, now);
  const root = contractRoot(text);
  const bare = text.includes(':') ? text.slice(text.indexOf(':') + 1) : text;
  const ticker = /^[A-Z0-9]+[12]!$/.test(bare) ? bare : `${root}${resolved.monthCode}${resolved.year}`;
  const prefix = text.includes(':') ? text.slice(0, text.indexOf(':')) : (TV_PREFIX[root] ?? resolved.spec.exchange);
  return { tvSymbol: `${prefix}:${ticker}`, contract: resolved.name };
}
