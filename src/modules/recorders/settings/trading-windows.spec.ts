import { insideTradingWindows, localMinutes } from './trading-windows';
import { sessionDay } from './session-day';

const at = (iso: string) => new Date(iso);

describe('trading windows in the owner\'s time zone', () => {
  it.each([
    // zone, window, UTC instant, local time, inside?
    ['America/New_York', '09:30-16:00', '2026-07-15T13:29:00Z', '09:29 EDT', false],
    ['America/New_York', '09:30-16:00', '2026-07-15T13:30:00Z', '09:30 EDT', true],
    ['America/New_York', '09:30-16:00', '2026-07-15T19:59:00Z', '15:59 EDT', true],
    ['America/New_York', '09:30-16:00', '2026-07-15T20:00:00Z', '16:00 EDT (end excluded)', false],
    ['America/New_York', '09:30-16:00', '2026-01-15T14:30:00Z', '09:30 EST (winter: UTC-5)', true],
    ['America/New_York', '09:30-16:00', '2026-01-15T13:30:00Z', '08:30 EST', false],
    // overnight window across midnight
    ['America/New_York', '18:00-02:00', '2026-07-15T23:00:00Z', '19:00 EDT', true],
    ['America/New_York', '18:00-02:00', '2026-07-16T05:59:00Z', '01:59 EDT next day', true],
    ['America/New_York', '18:00-02:00', '2026-07-16T06:00:00Z', '02:00 EDT', false],
    ['America/New_York', '18:00-02:00', '2026-07-15T21:00:00Z', '17:00 EDT', false],
    // DST change days: 2026-03-08 (spring forward) and 2026-11-01 (fall back)
    ['America/New_York', '09:30-16:00', '2026-03-06T14:30:00Z', 'Fri 09:30 EST', true],
    ['America/New_York', '09:30-16:00', '2026-03-09T13:30:00Z', 'Mon 09:30 EDT', true],
    ['America/New_York', '09:30-16:00', '2026-03-09T14:30:00Z', 'Mon 10:30 EDT (not 09:30)', true],
    ['America/New_York', '09:30-10:00', '2026-03-09T14:30:00Z', 'Mon 10:30 EDT', false],
    ['America/New_York', '09:30-10:00', '2026-11-02T14:30:00Z', 'Mon 09:30 EST after fall back', true],
    ['America/Chicago', '08:30-15:00', '2026-07-15T13:30:00Z', '08:30 CDT', true],
    ['America/Chicago', '08:30-15:00', '2026-12-15T13:30:00Z', '07:30 CST', false],
    ['America/Chicago', '08:30-15:00', '2026-12-15T14:30:00Z', '08:30 CST', true],
    ['America/Chicago', '17:00-08:00', '2026-03-08T07:30:00Z', 'Sun 01:30 CST, the DST night', true],
    ['America/Chicago', '17:00-08:00', '2026-03-08T13:59:00Z', 'Sun 08:59 CDT', false],
    ['America/Chicago', '17:00-08:00', '2026-03-08T12:59:00Z', 'Sun 07:59 CDT', true],
  ] as const)('%s %s at %s (%s): %s', (zone, window, iso, _local, inside) => {
    const [start, end] = window.split('-');
    expect(insideTradingWindows(at(iso), zone, [{ start, end }])).toBe(inside);
  });

  it('two windows: inside either; none = 24/7', () => {
    const windows = [{ start: '09:30', end: '11:30' }, { start: '14:00', end: '16:00' }];
    expect(insideTradingWindows(at('2026-07-15T14:00:00Z'), 'America/New_York', windows)).toBe(true); // 10:00
    expect(insideTradingWindows(at('2026-07-15T16:00:00Z'), 'America/New_York', windows)).toBe(false); // 12:00
    expect(insideTradingWindows(at('2026-07-15T18:30:00Z'), 'America/New_York', windows)).toBe(true); // 14:30
    expect(insideTradingWindows(at('2026-07-15T08:00:00Z'), 'America/New_York', [])).toBe(true);
  });

  it('local minutes follow the zone, not the server', () => {
    expect(localMinutes(at('2026-07-15T04:05:00Z'), 'America/New_York')).toBe(5);
    expect(localMinutes(at('2026-07-15T04:05:00Z'), 'America/Chicago')).toBe(23 * 60 + 5);
  });
});

describe('the exchange session day (daily counters reset at 17:00 Chicago)', () => {
  it.each([
    ['2026-07-15T21:59:00Z', '16:59 CDT', '2026-07-15'],
    ['2026-07-15T22:00:00Z', '17:00 CDT', '2026-07-16'],
    ['2026-12-15T22:30:00Z', '16:30 CST', '2026-12-15'],
    ['2026-12-15T23:00:00Z', '17:00 CST', '2026-12-16'],
    ['2026-12-31T23:30:00Z', '17:30 CST on New Year\'s Eve', '2027-01-01'],
  ])('%s (%s) -> %s', (iso, _local, day) => {
    expect(sessionDay(at(iso))).toBe(day);
  });
});
