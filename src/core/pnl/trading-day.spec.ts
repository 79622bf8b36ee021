import { tradingDayOf } from './trading-day';

describe('tradingDayOf (CME session roll at 17:00 Chicago)', () => {
  it('16:59 Chicago is still the day, 17:00 starts the next session (winter, CST = UTC-6)', () => {
    expect(tradingDayOf(new Date('2026-12-01T22:59:00Z'))).toBe('2026-12-01');
    expect(tradingDayOf(new Date('2026-12-01T23:00:00Z'))).toBe('2026-12-02');
  });

  it('summer time (CDT = UTC-5) rolls an hour earlier in UTC', () => {
    expect(tradingDayOf(new Date('2026-07-14T21:59:59Z'))).toBe('2026-07-14');
    expect(tradingDayOf(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
  });

  it('the March DST change (Sunday 8 March 2026) moves the roll from 23:00 to 22:00 UTC', () => {
    // Friday 6 March, still CST
    expect(tradingDayOf(new Date('2026-03-06T22:59:00Z'))).toBe('2026-03-06');
    // Monday 9 March, now CDT: 16:59 Chicago = 21:59 UTC, 17:00 = 22:00 UTC
    expect(tradingDayOf(new Date('2026-03-09T21:59:00Z'))).toBe('2026-03-09');
    expect(tradingDayOf(new Date('2026-03-09T22:00:00Z'))).toBe('2026-03-10');
    // Sunday 8 March 17:00 CDT opens Monday's session
    expect(tradingDayOf(new Date('2026-03-08T21:59:00Z'))).toBe('2026-03-09');
    expect(tradingDayOf(new Date('2026-03-08T22:00:00Z'))).toBe('2026-03-09');
  });

  it('the November DST change (Sunday 1 November 2026) moves the roll from 22:00 to 23:00 UTC', () => {
    expect(tradingDayOf(new Date('2026-10-30T21:59:00Z'))).toBe('2026-10-30');
    expect(tradingDayOf(new Date('2026-11-02T22:00:00Z'))).toBe('2026-11-02');
    expect(tradingDayOf(new Date('2026-11-02T22:59:00Z'))).toBe('2026-11-02');
    expect(tradingDayOf(new Date('2026-11-02T23:00:00Z'))).toBe('2026-11-03');
  });

  it('Friday after the close and the weekend belong to Monday', () => {
    expect(tradingDayOf(new Date('2026-12-04T23:30:00Z'))).toBe('2026-12-07');
    expect(tradingDayOf(new Date('2026-12-05T12:00:00Z'))).toBe('2026-12-07');
    expect(tradingDayOf(new Date('2026-12-06T23:05:00Z'))).toBe('2026-12-07');
  });
});
