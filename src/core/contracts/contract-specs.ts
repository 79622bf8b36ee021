/**
 * The contract table: the only place tick sizes, tick values, listed months and roll rules live.
 * Values are CME Group's published specs. Tick sizes are in their shortest form, and prices are
 * printed with that many decimals (GC '0.1' -> '2650.1').
 */
export type Exchange = 'CME' | 'CBOT' | 'NYMEX' | 'COMEX';

/** The last day we would hold a contract, from which the roll date is counted back. */
export type ContractDeadline =
  | { readonly kind: 'thirdFridayOfContractMonth' }
  | { readonly kind: 'businessDaysBeforeThirdWednesday'; readonly businessDays: number }
  | { readonly kind: 'businessDaysBefore25thOfPriorMonth'; readonly businessDays: number }
  | { readonly kind: 'businessDaysBeforeFirstOfContractMonth'; readonly businessDays: number }
  | { readonly kind: 'lastBusinessDayOfPriorMonth' };

export interface RollRule {
  readonly deadline: ContractDeadline;
  /** Calendar days before the deadline on which `1!` moves to the next listed contract. */
  readonly rollDaysBefore: number;
}

export interface ContractSpec {
  readonly root: string;
  readonly description: string;
  readonly exchange: Exchange;
  /** Minimum price increment, decimal string in shortest form. */
  readonly tickSize: string;
  /** USD per contract per tick, decimal string. */
  readonly tickValue: string;
  /** Listed (traded) month codes in calendar order. */
  readonly months: string;
  readonly roll: RollRule;
}

const QUARTERLY = 'HMUZ';
const MONTHLY = 'FGHJKMNQUVXZ';
const GOLD_MONTHS = 'GJMQVZ';
const SILVER_COPPER_MONTHS = 'HKNUZ';

// Equity indices expire the third Friday; roll on the Thursday eight days earlier (the volume roll).
const EQUITY_INDEX_ROLL: RollRule = { deadline: { kind: 'thirdFridayOfContractMonth' }, rollDaysBefore: 8 };
// 6E expires two business days before the third Wednesday (a Monday); roll one week earlier.
const EURO_FX_ROLL: RollRule = {
  deadline: { kind: 'businessDaysBeforeThirdWednesday', businessDays: 2 },
  rollDaysBefore: 7,
};
// Treasuries: first notice day is the last business day of the prior month; roll a week before it.
const TREASURY_ROLL: RollRule = { deadline: { kind: 'lastBusinessDayOfPriorMonth' }, rollDaysBefore: 7 };
// CL ends 3 business days before the 25th of the prior month; roll 5 days earlier.
const CRUDE_ROLL: RollRule = {
  deadline: { kind: 'businessDaysBefore25thOfPriorMonth', businessDays: 3 },
  rollDaysBefore: 5,
};
// MCL ends one business day before CL; roll 5 days earlier.
const MICRO_CRUDE_ROLL: RollRule = {
  deadline: { kind: 'businessDaysBefore25thOfPriorMonth', businessDays: 4 },
  rollDaysBefore: 5,
};
// NG ends 3 business days before the 1st of the contract month; roll 5 days earlier.
const NATURAL_GAS_ROLL: RollRule = {
  deadline: { kind: 'businessDaysBeforeFirstOfContractMonth', businessDays: 3 },
  rollDaysBefore: 5,
};
// Metals: first notice day is the last business day of the prior month; roll 3 days before it.
const METALS_ROLL: RollRule = { deadline: { kind: 'lastBusinessDayOfPriorMonth' }, rollDaysBefore: 3 };

const SPECS: readonly ContractSpec[] = [
  spec('ES', 'E-mini S&P 500', 'CME', '0.25', '12.50', QUARTERLY, EQUITY_INDEX_ROLL),
  spec('MES', 'Micro E-mini S&P 500', 'CME', '0.25', '1.25', QUARTERLY, EQUITY_INDEX_ROLL),
  spec('NQ', 'E-mini Nasdaq-100', 'CME', '0.25', '5.00', QUARTERLY, EQUITY_INDEX_ROLL),
  spec('MNQ', 'Micro E-mini Nasdaq-100', 'CME', '0.25', '0.50', QUARTERLY, EQUITY_INDEX_ROLL),
  spec('YM', 'E-mini Dow ($5)', 'CBOT', '1', '5.00', QUARTERLY, EQUITY_INDEX_ROLL),
  spec('MYM', 'Micro E-mini Dow', 'CBOT', '1', '0.50', QUARTERLY, EQUITY_INDEX_ROLL),
  spec('RTY', 'E-mini Russell 2000', 'CME', '0.1', '5.00', QUARTERLY, EQUITY_INDEX_ROLL),
  spec('M2K', 'Micro E-mini Russell 2000', 'CME', '0.1', '0.50', QUARTERLY, EQUITY_INDEX_ROLL),
  spec('6E', 'Euro FX', 'CME', '0.00005', '6.25', QUARTERLY, EURO_FX_ROLL),
  spec('ZB', 'U.S. Treasury Bond', 'CBOT', '0.03125', '31.25', QUARTERLY, TREASURY_ROLL),
  spec('ZN', '10-Year U.S. Treasury Note', 'CBOT', '0.015625', '15.625', QUARTERLY, TREASURY_ROLL),
  spec('CL', 'Crude Oil (WTI)', 'NYMEX', '0.01', '10.00', MONTHLY, CRUDE_ROLL),
  spec('MCL', 'Micro WTI Crude Oil', 'NYMEX', '0.01', '1.00', MONTHLY, MICRO_CRUDE_ROLL),
  spec('NG', 'Henry Hub Natural Gas', 'NYMEX', '0.001', '10.00', MONTHLY, NATURAL_GAS_ROLL),
  spec('GC', 'Gold', 'COMEX', '0.1', '10.00', GOLD_MONTHS, METALS_ROLL),
  spec('MGC', 'Micro Gold', 'COMEX', '0.1', '1.00', GOLD_MONTHS, METALS_ROLL),
  spec('SI', 'Silver', 'COMEX', '0.005', '25.00', SILVER_COPPER_MONTHS, METALS_ROLL),
  spec('SIL', 'Micro Silver (1,000 oz)', 'COMEX', '0.005', '5.00', SILVER_COPPER_MONTHS, METALS_ROLL),
  spec('HG', 'Copper', 'COMEX', '0.0005', '12.50', SILVER_COPPER_MONTHS, METALS_ROLL),
];

export const CONTRACT_SPECS: ReadonlyMap<string, ContractSpec> = new Map(SPECS.map((s) => [s.root, s]));

/** Roots longest first, so MGC is tried before GC and SIL before SI (G-17). */
export const CONTRACT_ROOTS: readonly string[] = [...CONTRACT_SPECS.keys()].sort(
  (a, b) => b.length - a.length || a.localeCompare(b),
);

export function findContractSpec(root: string): ContractSpec | undefined {
  return CONTRACT_SPECS.get(root.trim().toUpperCase());
}

function spec(
  root: string,
  description: string,
  exchange: Exchange,
  tickSize: string,
  tickValue: string,
  months: string,
  roll: RollRule,
): ContractSpec {
  return Object.freeze({ root, description, exchange, tickSize, tickValue, months, roll });
}
