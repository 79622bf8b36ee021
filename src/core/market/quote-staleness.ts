import { isGlobexOpen } from './globex-hours';

/** G-52: a price feed that says nothing for this long while CME Globex trades has gone quiet. */
export const STALE_QUOTE_SEC = 60;

/** Whether a feed last heard at `lastQuoteAt` (since `since` at the earliest) is stale at `now`. */
export function isQuoteStale(lastQuoteAt: string | null, since: Date, now: Date, limitSec = STALE_QUOTE_SEC): boolean {
  if (!isGlobexOpen(now)) return false;
  const heard = Math.max(since.getTime(), lastQuoteAt ? Date.parse(lastQuoteAt) : 0);
  return now.getTime() - heard > limitSec * 1000;
}
