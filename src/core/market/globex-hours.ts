/**
 * CME Globex hours for the equity-index futures we trade: Sunday 17:00 to Friday 16:00 Chicago
 * time, with a daily break 16:00-17:00. Exchange holidays are not listed: on one, quotes may stop
 * while this says open (a staleness warning then is a false alarm, never a missed one).
 */
const CHICAGO = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function isGlobexOpen(at: Date): boolean {
  const parts = Object.fromEntries(CHICAGO.formatToParts(at).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour);
  switch (parts.weekday) {
    case 'Sat':
      return false;
    case 'Sun':
      return hour >= 17;
    case 'Fri':
      return hour < 16;
    default:
      return hour !== 16;
  }
}
