/** One daily bar; prices are decimal strings. */
export interface DailyClose {
  date: string;
  close: string;
}

/** A source of daily closes (Yahoo's chart endpoint by default); swap it without touching the rest. */
export interface PriceProvider {
  readonly name: string;
  /** closes from `from` to today, oldest first; null when the source cannot answer for this symbol */
  dailyCloses(symbol: string, from: string): Promise<DailyClose[] | null>;
}

export const PRICE_PROVIDER = Symbol('PRICE_PROVIDER');

/** Used when no price source is configured (and in tests unless one is given). */
export class NoPriceProvider implements PriceProvider {
  readonly name = 'none';

  async dailyCloses(): Promise<null> {
    return null;
  }
}
