/**
 * What the paper exchange needs to know about contracts. Kept this small so the exchange does
 * not depend on the shared contract table; the wiring passes an adapter over it.
 */
export interface PaperContractBook {
  /** Tick size as a decimal string ("0.25"); null when the contract is unknown. */
  tickSize(contract: string): string | null;
}
