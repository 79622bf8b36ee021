/**
 * The CME trading day a moment belongs to: a session opens at 17:00 Chicago time and carries the
 * date of the day it closes (Thursday 17:00 Chicago starts Friday's session). Friday evening and the
 * weekend belong to Monday's session. DST is Chicago's own (Intl), never a fixed UTC offset.
 */
const CHICAGO = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });

export const SESSION_ROLL_HOUR_CHICAGO = 17;

/** 'YYYY-MM-DD' of the session `at` trades in. */
export function tradingDayOf(at: Date): string {
  const parts = Object.fromEntries(CHICAGO.formatToParts(at).map((p) => [p.type, p.value]));
  const local = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)));
  if (Number(parts.hour) >= SESSION_ROLL_HOUR_CHICAGO) local.setUTCDate(local.getUTCDate() + 1);
  const weekday = local.getUTCDay();
  if (weekday === 6) local.setUTCDate(local.getUTCDate() + 2);
  if (weekday === 0) local.setUTCDate(local.getUTCDate() + 1);
  return local.toISOString().slice(0, 10);
}
