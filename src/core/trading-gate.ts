/**
 * The question the edge asks before it takes an entry: is trading halted, and why? Execution owns
 * the answer (its TradingStateService); the webhook asks through this port, never the service.
 */
export abstract class TradingGate {
  /** null while trading is active; the reason while it is halted */
  abstract haltedReason(): string | null;
}
