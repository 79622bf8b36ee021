/**
 * The question the edge asks before it takes an entry: is trading halted, and why? Execution owns
 * the answer (its TradingStateService); the webhook asks through this port, never the service.
 */
export abstract class TradingGate {
  /** null while trading is active; the reason while it is halted */
  abstract haltedReason(): string | null;
}

/**
 * What the shutdown drain tells execution when its time is up: no entry leaves any more (each one
 * still waiting marks its signal stale with `reason`); exits still go. Execution implements it.
 */
export abstract class EntryStop {
  abstract stopEntries(reason: string): void;
}
