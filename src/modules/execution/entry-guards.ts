import { Injectable } from '@nestjs/common';

/** A module's reason to keep new exposure off one account; null lets the entry through. */
export interface EntryGuard {
  blockReason(accountId: string): Promise<string | null>;
}

/**
 * Refusals other modules add to the order door without execution knowing them (e.g. accounts'
 * TradingView-routing rule for live Tradovate). Asked for entries only: closing is always allowed.
 */
@Injectable()
export class EntryGuards {
  private readonly guards: EntryGuard[] = [];

  add(guard: EntryGuard): void {
    this.guards.push(guard);
  }

  async blockReason(accountId: string): Promise<string | null> {
    for (const guard of this.guards) {
      const reason = await guard.blockReason(accountId);
      if (reason) return reason;
    }
    return null;
  }
}
