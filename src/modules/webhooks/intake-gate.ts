import { Injectable } from '@nestjs/common';

/**
 * Whether the webhook still takes alerts. Closed once shutdown begins, so no alert is accepted
 * that this process could not finish; the receipts already past the gate are counted, so the
 * drain can wait for them to be stored and published.
 */
@Injectable()
export class IntakeGate {
  private closed = false;
  private inside = 0;
  private waiters: Array<() => void> = [];

  isOpen(): boolean {
    return !this.closed;
  }

  /** Runs the receipt when the gate is open; null (nothing run) when it is closed. */
  async admit<T>(receipt: () => Promise<T>): Promise<T | null> {
    if (this.closed) return null;
    this.inside++;
    try {
      return await receipt();
    } finally {
      this.inside--;
      if (this.inside === 0) this.waiters.splice(0).forEach((w) => w());
    }
  }

  close(): void {
    this.closed = true;
  }

  /** Resolves once every receipt admitted before the close has finished. */
  whenEmpty(): Promise<void> {
    if (this.inside === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
