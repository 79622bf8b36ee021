/** A fire time this far ahead of arrival is a skewed sender clock, not a real time. */
const CLOCK_SKEW_MS = 5_000;

export interface SignalTimes {
  /** the alert's own fire time ({{timenow}}), when it carried one */
  firedAt: string | null;
  receivedAt: string;
}

export interface SignalAge {
  ageMs: number;
  stale: boolean;
  /** what the age counts from, in the trader's words */
  basis: 'counted from its fire time' | 'counted from its arrival';
}

/**
 * How old a signal is now, and whether that is past the limit (JT_SIGNAL_MAX_AGE_SEC). Age counts
 * from the alert's fire time when it has one, so an alert TradingView delivered late is as old as
 * it really is; from its arrival otherwise, or when the fire time lies in the future.
 */
export function signalAge(times: SignalTimes, now: Date, maxAgeSec: number): SignalAge {
  const fired = times.firedAt ? Date.parse(times.firedAt) : NaN;
  const received = Date.parse(times.receivedAt);
  const useFired = Number.isFinite(fired) && fired <= received + CLOCK_SKEW_MS;
  const ageMs = now.getTime() - (useFired ? fired : received);
  return { ageMs, stale: ageMs > maxAgeSec * 1000, basis: useFired ? 'counted from its fire time' : 'counted from its arrival' };
}

/** The reason stored on a stale signal: how old, from when, at which moment, and the limit. */
export function staleReason(age: SignalAge, moment: string, maxAgeSec: number): string {
  return `stale: ${Math.round(age.ageMs / 1000)} s old (${age.basis}) ${moment} (limit ${maxAgeSec} s); not traded`;
}
