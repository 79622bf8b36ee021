/**
 * At most one message per key per interval, always the latest: a quote storm moves P&L hundreds of
 * times a second, a browser card needs a few updates a second. The first of a burst goes at once.
 */
export class LatestPerKeyThrottle<T> {
  private readonly waiting = new Map<string, { latest: T | null; timer: NodeJS.Timeout }>();

  constructor(
    private readonly intervalMs: number,
    private readonly send: (value: T) => void,
  ) {}

  push(key: string, value: T): void {
    const slot = this.waiting.get(key);
    if (slot) {
      slot.latest = value;
      return;
    }
    this.send(value);
    this.open(key);
  }

  stop(): void {
    for (const slot of this.waiting.values()) clearTimeout(slot.timer);
    this.waiting.clear();
  }

  private open(key: string): void {
    const timer = setTimeout(() => {
      const slot = this.waiting.get(key);
      this.waiting.delete(key);
      if (slot?.latest != null) {
        this.send(slot.latest);
        this.open(key);
      }
    }, this.intervalMs);
    timer.unref();
    this.waiting.set(key, { latest: null, timer });
  }
}
