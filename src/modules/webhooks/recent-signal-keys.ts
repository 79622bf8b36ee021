import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../core/clock';
import { SignalsService } from '../signals/signals.service';

/** the longest dedupe window (an explicit id is honoured for a day) */
const LONGEST_WINDOW_MS = 86_400_000;

interface Seen {
  signalId: string;
  receivedAtMs: number;
}

/**
 * The duplicate check's memory: per recorder and key, the signals stored with that key in the
 * longest window, oldest first. Filled from the database at start; the webhook adds a signal here
 * in the same synchronous step that decides it is not a duplicate, so two copies arriving together
 * cannot both pass (no read-after-write race on the database).
 */
@Injectable()
export class RecentSignalKeys implements OnModuleInit {
  private readonly byRecorder = new Map<string, Map<string, Seen[]>>();
  private added = 0;

  constructor(
    private readonly signals: SignalsService,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    const since = new Date(this.clock.now().getTime() - LONGEST_WINDOW_MS).toISOString();
    for (const s of await this.signals.listKeyedSince(since)) this.add(s.recorderId, s.dedupeKey!, s.id, Date.parse(s.receivedAt));
  }

  /** The first signal of the recorder with this key received at or after `sinceMs`, or null. */
  firstSince(recorderId: string, key: string, sinceMs: number): string | null {
    const seen = this.byRecorder.get(recorderId)?.get(key);
    return seen?.find((s) => s.receivedAtMs >= sinceMs)?.signalId ?? null;
  }

  add(recorderId: string, key: string, signalId: string, receivedAtMs: number): void {
    let keys = this.byRecorder.get(recorderId);
    if (!keys) this.byRecorder.set(recorderId, (keys = new Map()));
    const seen = keys.get(key) ?? [];
    seen.push({ signalId, receivedAtMs });
    keys.set(key, seen);
    if (++this.added % 1000 === 0) this.forgetOld();
  }

  /** A signal whose store failed was never kept: its resend must not be taken for a duplicate. */
  remove(recorderId: string, key: string, signalId: string): void {
    const keys = this.byRecorder.get(recorderId);
    const left = keys?.get(key)?.filter((s) => s.signalId !== signalId);
    if (!keys || !left) return;
    if (left.length) keys.set(key, left);
    else keys.delete(key);
  }

  private forgetOld(): void {
    const oldest = this.clock.now().getTime() - LONGEST_WINDOW_MS;
    for (const keys of this.byRecorder.values()) {
      for (const [key, seen] of keys) {
        const kept = seen.filter((s) => s.receivedAtMs >= oldest);
        if (kept.length) keys.set(key, kept);
        else keys.delete(key);
      }
    }
  }
}
