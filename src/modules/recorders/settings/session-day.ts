/**
 * The CME trading day a moment belongs to: the session ends at 17:00 Chicago, so 17:00 onwards
 * counts for the next date. Daily counters (max signals, every Nth) start again at each session end.
 */
export function sessionDay(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const day = new Date(Date.UTC(get('year'), get('month') - 1, get('day') + (get('hour') >= 17 ? 1 : 0)));
  return day.toISOString().slice(0, 10);
}
