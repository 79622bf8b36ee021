/** The score of one filing and the factors behind it, as stored and shown. */
export interface ScoreFactor {
  name: string;
  points: number;
  detail: string;
}

export interface SignalScore {
  /** buy: open-market purchase (0-100); sale: caution score (0-60); stake: Schedule 13D/G (0-100) */
  kind: 'buy' | 'sale' | 'stake' | 'none';
  score: number;
  factors: ScoreFactor[];
  multipliers: { name: string; factor: string; detail: string }[];
  /** why a filing scored 0 (noise-code, form-5, offering-purchase ...) */
  reason: string | null;
  /** dollar value of the scored rows (shares x price), exact */
  valueUsd: string | null;
  shares: string | null;
  tradeDate: string | null;
}

/** What the scorer needs to know beyond the filing itself; unknowns get the table's "unknown" points. */
export interface ScoreContext {
  /** the owner's earlier Form 4 trades in this issuer: first date and the YYYY-MM months traded */
  ownerHistory: { firstTradeDate: string | null; monthsTraded: string[] } | null;
  /** distinct owner groups (this one included) with eligible buys in the issuer within the window */
  clusterBuyers: number;
  clusterSellers: number;
  /** stock return in percent over the 20 trading days before the trade; null = unavailable */
  priceReturnPct: string | null;
  marketCapUsd: string | null;
  /** for 13D/A: the percent of the previous filing when we have it */
  previousPercent?: string | null;
}

export const NO_CONTEXT: ScoreContext = { ownerHistory: null, clusterBuyers: 1, clusterSellers: 1, priceReturnPct: null, marketCapUsd: null };
