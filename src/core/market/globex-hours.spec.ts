import { isGlobexOpen } from './globex-hours';

describe('CME Globex hours (Chicago time)', () => {
  it.each([
    ['2026-11-30T15:00:00Z', 'Monday 09:00 CST', true],
    ['2026-11-30T22:30:00Z', 'Monday 16:30 CST, the daily break', false],
    ['2026-11-30T23:00:00Z', 'Monday 17:00 CST, after the break', true],
    ['2026-12-04T21:59:00Z', 'Friday 15:59 CST', true],
    ['2026-12-04T22:00:00Z', 'Friday 16:00 CST, the weekend close', false],
    ['2026-12-05T12:00:00Z', 'Saturday', false],
    ['2026-12-06T22:59:00Z', 'Sunday 16:59 CST', false],
    ['2026-12-06T23:00:00Z', 'Sunday 17:00 CST, the week opens', true],
    ['2026-07-05T22:00:00Z', 'Sunday 17:00 CDT (summer time)', true],
    ['2026-07-06T21:30:00Z', 'Monday 16:30 CDT, the daily break', false],
  ])('%s (%s): open %s', (iso, _what, open) => {
    expect(isGlobexOpen(new Date(iso))).toBe(open);
  });
});
