const PARTS = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * EDGAR times as UTC ISO strings. Feed times carry their offset; the submissions JSON writes
 * Eastern wall-clock time with a misleading "Z", and a bare date means midnight Eastern.
 */
export function edgarTimeToIso(text: string): string {
  const t = text.trim();
  if (/[+-]\d{2}:\d{2}$/.test(t)) return new Date(t).toISOString();
  const wall = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2}))?/.exec(t);
  if (!wall) return new Date(t).toISOString();
  const asUtc = Date.parse(`${wall[1]}T${wall[2] ?? '00:00:00'}Z`);
  // New York's offset at that moment: format the UTC instant there and compare
  const p = Object.fromEntries(PARTS.formatToParts(new Date(asUtc)).map((x) => [x.type, x.value]));
  const shown = Date.parse(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}Z`);
  return new Date(asUtc + (asUtc - shown)).toISOString();
}
