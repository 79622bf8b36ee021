import { ContractSpec, ContractSymbolError, specOfContractName } from '../contracts';

/** Tick size and value of a broker contract name (MNQZ6); null when it is not in the table. */
export function trySpecForContract(contract: string): ContractSpec | null {
  try {
    return specOfContractName(contract);
  } catch (error) {
    if (error instanceof ContractSymbolError) return null;
    throw error;
  }
}

export function specForContract(contract: string): ContractSpec {
  const spec = trySpecForContract(contract);
  if (!spec) throw new Error(`contract ${contract} is not in the contract table`);
  return spec;
}
