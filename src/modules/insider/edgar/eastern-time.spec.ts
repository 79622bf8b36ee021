import { edgarTimeToIso } from './eastern-time';

describe('EDGAR times to UTC', () => {
  it('keeps the offset of feed times', () => expect(edgarTimeToIso('2026-11-24T17:05:10-05:00')).toBe('2026-11-24T22:05:10.000Z'));
  it('reads the submissions JSON "Z" as New York wall-clock time (winter and summer)', () => {
    expect(edgarTimeToIso('2026-11-24T17:05:10.000Z'.replace(/\.000Z$/, ''))).toBe('2026-11-24T22:05:10.000Z');
    expect(edgarTimeToIso('2019-10-30T18:12:36')).toBe('2019-10-30T22:12:36.000Z');
  });
  it('a bare date is midnight in New York', () => expect(edgarTimeToIso('2026-07-01')).toBe('2026-07-01T04:00:00.000Z'));
});
