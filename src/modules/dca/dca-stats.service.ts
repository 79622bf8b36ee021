import { Injectable } from '@nestjs/common';

export interface DcaCounts {
  /** levels the price reached (each counts once: an add or a skip) */
  triggered: number;
  /** adds filled (broker) or booked (virtual) */
  added: number;
  /** levels passed over at the cap, or whose add failed and is not retried */
  skipped: number;
  /** adds the broker rejected or the risk step blocked */
  rejected: number;
}

const zero = (): DcaCounts => ({ triggered: 0, added: 0, skipped: 0, rejected: 0 });

/** Counts of DCA activity since start, per book (broker accounts, recorders' virtual books), for GET /api/status. */
@Injectable()
export class DcaStats {
  private readonly counts = { account: zero(), recorder: zero() };
  private lastTriggerAt: string | null = null;

  count(book: 'account' | 'recorder', what: keyof DcaCounts, at?: string): void {
    this.counts[book][what] += 1;
    if (what === 'triggered' && at) this.lastTriggerAt = at;
  }

  snapshot() {
    return { accounts: { ...this.counts.account }, recorders: { ...this.counts.recorder }, lastTriggerAt: this.lastTriggerAt };
  }
}
