import { Injectable } from '@nestjs/common';

/** A module's reason to keep a recorder from entering (its daily loss limit); null lets it through. */
export interface RecorderEntryGuard {
  blockReason(recorderId: string): Promise<string | null>;
}

/**
 * Refusals other modules add to a recorder's entries without recorders knowing them. Asked at
 * routing for entry alerts only: a close always goes through, virtually and to every trader.
 */
@Injectable()
export class RecorderEntryGuards {
  private readonly guards: RecorderEntryGuard[] = [];

  add(guard: RecorderEntryGuard): void {
    this.guards.push(guard);
  }

  async blockReason(recorderId: string): Promise<string | null> {
    for (const guard of this.guards) {
      const reason = await guard.blockReason(recorderId);
      if (reason) return reason;
    }
    return null;
  }
}
