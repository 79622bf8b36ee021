import { divideDecimal, formatDecimal, multiplyDecimal, type TickSpec } from '../../../core/money';

export interface RiskAsk {
  riskDollars?: string | null;
  riskPercent?: string | null;
}

/** Contracts for a dollar risk, or why the entry is refused. */
export type RiskSize = { contracts: number } | { refused: string };

/**
 * Contracts whose loss at the stop stays within the risk: floor(risk / (stop ticks x tick value)).
 * risk_percent is of the account balance (null = unknown: refused). Under one contract is refused,
 * or traded as 1 when `atLeastOne` says so.
 */
export function riskSizedContracts(ask: RiskAsk, stopLossTicks: number | null, spec: TickSpec, balance: string | null, atLeastOne: boolean): RiskSize | null {
  if (!ask.riskDollars && !ask.riskPercent) return null;
  if (!stopLossTicks) return { refused: 'risk sizing needs a stop loss (the loss per contract at the stop): none is set on the alert, trader or recorder' };
  let risk: string;
  if (ask.riskDollars) risk = ask.riskDollars;
  else if (balance === null) return { refused: `risk_percent ${ask.riskPercent} needs the account balance, which this account does not have: set a starting balance or size by risk_dollars` };
  else risk = formatDecimal(divideDecimal(multiplyDecimal(balance, ask.riskPercent!), 100, 2, 'down'));
  const perContract = multiplyDecimal(stopLossTicks, spec.tickValue);
  const contracts = Number(formatDecimal(divideDecimal(risk, perContract, 0, 'down')));
  if (contracts >= 1) return { contracts };
  if (atLeastOne) return { contracts: 1 };
  return { refused: `risk ${risk} USD is less than one ${spec.root} contract's loss at the stop (${stopLossTicks} ticks = ${formatDecimal(perContract)} USD): not traded` };
}
