/**
 * One request budget per Tradovate user (G-33: limits are per token and per IP, shared by every
 * account and socket of that user). A token bucket: `burst` requests at once, refilled at
 * `perMinute`; a 429 pauses the whole budget with a doubling cool-down.
 */
export class RateBudget {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private cooldownMs: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    // elapsed time only (refill, cool-down): a monotonic clock, not the calendar
    private readonly now: () => number = () => performance.now(),
    private readonly baseCooldownMs = 5_000,
  ) {
    this.tokens = burst;
    this.last = now();
    this.cooldownMs = baseCooldownMs;
  }

  /** Waits for a request slot; requests leave in the order they asked. */
  take(): Promise<void> {
    const next = this.queue.then(() => this.waitForToken());
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** How long a caller would wait right now (ms); 0 when a slot is free. */
  waitMs(): number {
    this.refill();
    const paused = Math.max(0, this.pausedUntil - this.now());
    return Math.max(paused, this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 60_000) / this.perMinute));
  }

  /** After a 429: stop everyone for a while; repeated 429s double the pause (capped at 10 min). */
  pause(): number {
    const ms = this.cooldownMs;
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    this.cooldownMs = Math.min(this.cooldownMs * 2, 600_000);
    return ms;
  }

  isPaused(): boolean {
    return this.now() < this.pausedUntil;
  }

  /** A request went through: the cool-down starts small again. */
  succeeded(): void {
    this.cooldownMs = this.baseCooldownMs;
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      const wait = this.waitMs();
      if (wait === 0) {
        this.tokens -= 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 1_000)));
    }
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perMinute) / 60_000);
    this.last = now;
  }
}

/** The budgets of every Tradovate user this process talks to, by user name. */
export class RateBudgets {
  private readonly budgets = new Map<string, RateBudget>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
  ) {}

  for(user: string): RateBudget {
    const key = user.trim().toLowerCase();
    let budget = this.budgets.get(key);
    if (!budget) this.budgets.set(key, (budget = new RateBudget(this.perMinute, this.burst)));
    return budget;
  }
}
