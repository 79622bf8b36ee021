import { TokenBuckets } from './token-buckets';

describe('TokenBuckets', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = Date.parse('2026-12-01T14:30:00Z')));

  it('grants the burst at once, then one per refill interval, with the wait in whole seconds', () => {
    const buckets = new TokenBuckets(60, 3, clock);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(1);
    now += 999;
    expect(buckets.take('a')).toBe(1);
    now += 1;
    expect(buckets.take('a')).toBe(0);
  });

  it('keeps keys apart and never refills past the burst', () => {
    const buckets = new TokenBuckets(6, 2, clock);
    buckets.take('a');
    buckets.take('a');
    expect(buckets.take('a')).toBe(10);
    expect(buckets.take('b')).toBe(0);
    now += 3_600_000;
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 10]);
  });

  it('forgets full buckets when there are many keys, but keeps the empty ones', () => {
    const buckets = new TokenBuckets(60, 1, clock, 3);
    buckets.take('drained');
    buckets.take('x');
    buckets.take('y');
    now += 500;
    expect(buckets.take('z')).toBe(0); // sweep: nothing was full yet
    now += 1_000;
    buckets.take('w'); // sweep drops the refilled ones
    expect(buckets.take('w')).toBe(1);
  });

  it('never holds more keys than its limit, even when no bucket refills', () => {
    const buckets = new TokenBuckets(1, 5, clock, 100);
    for (let i = 0; i < 1_000; i++) buckets.take(`address-${i}`);
    expect(buckets.size).toBeLessThanOrEqual(100);
  });
});
