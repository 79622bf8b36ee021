/**
 * Token buckets by key, in memory: `burst` at once, refilled continuously at `perMinute`.
 * Time comes from `nowMs` (the injected Clock). Buckets that refilled to full are forgotten
 * once there are many keys, then the oldest, so a flood of distinct keys cannot grow memory without bound.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perMinute: number,
    readonly burst: number,
    private readonly nowMs: () => number,
    private readonly sweepAbove = 10_000,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  /** Takes one token: 0 when granted, else the whole seconds until one is free (for Retry-After). */
  take(key: string): number {
    const now = this.nowMs();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - bucket.tokens) * 60_000) / this.perMinute / 1000));
  }

  private refilled(key: string, now: number): { tokens: number; at: number } {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.sweepAbove) this.sweep(now);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(this.burst, bucket.tokens + (elapsed * this.perMinute) / 60_000);
    bucket.at = now;
    return bucket;
  }

  /** Drops full buckets; if still crowded, the oldest keys (they start over with a full burst). */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000 >= this.burst) this.buckets.delete(key);
    }
    const keep = Math.floor(this.sweepAbove * 0.9);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= keep) break;
      this.buckets.delete(key);
    }
  }
}
