/** A trading window in wall-clock time of a time zone: "HH:MM" to "HH:MM"; an end before the start crosses midnight. */
export interface TradingWindow {
  start: string;
  end: string;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isClockTime(value: unknown): value is string {
  return typeof value === 'string' && HH_MM.test(value);
}

export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Minutes since local midnight in the zone (Intl knows the zone's DST rules). */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  const minute = Number(parts.find((p) => p.type === 'minute')!.value);
  return hour * 60 + minute;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Start included, end excluded; an overnight window (22:00-02:00) holds both sides of midnight. */
export function insideWindow(minutes: number, window: TradingWindow): boolean {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** No window = always open (24/7); otherwise open inside any of them. */
export function insideTradingWindows(at: Date, timeZone: string, windows: readonly TradingWindow[]): boolean {
  if (windows.length === 0) return true;
  const minutes = localMinutes(at, timeZone);
  return windows.some((w) => insideWindow(minutes, w));
}

/** A window closed between two checks: trading was open at `before` and is not at `now`. */
export function tradingWindowClosed(before: Date, now: Date, timeZone: string, windows: readonly TradingWindow[]): boolean {
  return windows.length > 0 && insideTradingWindows(before, timeZone, windows) && !insideTradingWindows(now, timeZone, windows);
}
