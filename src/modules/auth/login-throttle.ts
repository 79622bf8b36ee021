import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../core/clock';

/** failures before any wait */
const FREE_FAILURES = 3;
/** the wait after failure n (n > FREE_FAILURES) doubles from 1 s up to this */
const MAX_DELAY_MS = 60_000;
/** this many failures in a row lock the address out for LOCKOUT_MS */
const LOCKOUT_AFTER = 10;
const LOCKOUT_MS = 15 * 60_000;
/** an address that stays quiet this long starts afresh */
const FORGET_AFTER_MS = 60 * 60_000;
const MAX_TRACKED = 10_000;

interface Attempts {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSec: number; message: string };

/**
 * Admin log-in throttle per client address: a growing wait after a few wrong passwords, then a
 * lockout during which even the right password is refused. One log line per attempt, never the password.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('Security');
  private readonly byAddress = new Map<string, Attempts>();

  constructor(private readonly clock: Clock) {}

  check(address: string): ThrottleVerdict {
    const now = this.clock.now().getTime();
    const entry = this.current(address, now);
    if (!entry || entry.blockedUntil <= now) return { allowed: true };
    const retryAfterSec = Math.ceil((entry.blockedUntil - now) / 1000);
    const lockedOut = entry.failures >= LOCKOUT_AFTER;
    this.logger.warn(`Log-in from ${address} refused unchecked: ${lockedOut ? 'locked out' : 'waiting'} ${retryAfterSec} s more after ${entry.failures} wrong passwords`);
    return {
      allowed: false,
      retryAfterSec,
      message: lockedOut
        ? `Locked out after ${entry.failures} wrong passwords from your address: try again in ${Math.ceil(retryAfterSec / 60)} minute(s).`
        : `Too many wrong passwords from your address: wait ${retryAfterSec} second(s) and try again.`,
    };
  }

  failed(address: string): void {
    const now = this.clock.now().getTime();
    const entry = this.current(address, now) ?? { failures: 0, lastFailureAt: now, blockedUntil: 0 };
    entry.failures += 1;
    entry.lastFailureAt = now;
    entry.blockedUntil = now + waitAfter(entry.failures);
    this.byAddress.delete(address);
    this.byAddress.set(address, entry);
    if (this.byAddress.size > MAX_TRACKED) this.byAddress.delete(this.byAddress.keys().next().value as string);
    this.logger.warn(`Log-in from ${address} failed: wrong password (${entry.failures} in a row)`);
  }

  succeeded(address: string): void {
    this.byAddress.delete(address);
    this.logger.log(`Log-in from ${address} succeeded`);
  }

  private current(address: string, now: number): Attempts | undefined {
    const entry = this.byAddress.get(address);
    if (entry && entry.blockedUntil <= now && now - entry.lastFailureAt >= FORGET_AFTER_MS) {
      this.byAddress.delete(address);
      return undefined;
    }
    return entry;
  }
}

function waitAfter(failures: number): number {
  if (failures >= LOCKOUT_AFTER) return LOCKOUT_MS;
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_FAILURES - 1), MAX_DELAY_MS);
}
