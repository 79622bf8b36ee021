import { CONTRACT_ROOTS, CONTRACT_SPECS, type ContractSpec } from './contract-specs';
import { frontMonth, MONTH_CODES, monthNumber } from './roll-calendar';

/** A symbol resolved to one listed contract, named the way Tradovate names it. */
export interface ResolvedContract {
  readonly root: string;
  readonly spec: ContractSpec;
  readonly monthCode: string;
  /** 4-digit year. */
  readonly year: number;
  /** Tradovate contract name: root + month code + last digit of the year, e.g. 'MNQZ6'. */
  readonly name: string;
}

/** A symbol we cannot turn into a contract. */
export class ContractSymbolError extends Error {
  constructor(
    readonly symbol: string,
    message: string,
  ) {
    super(message);
    this.name = 'ContractSymbolError';
  }
}

/** The symbol's root is not in the contract table. */
export class UnknownContractError extends ContractSymbolError {
  constructor(symbol: string) {
    super(
      symbol,
      `Unknown contract "${symbol}": its root is not in the contract table ` +
        `(known roots: ${[...CONTRACT_SPECS.keys()].join(', ')}). ` +
        'Fix the alert symbol, or add the product to src/core/contracts/contract-specs.ts.',
    );
    this.name = 'UnknownContractError';
  }
}

type SymbolSuffix =
  | { readonly kind: 'continuous'; readonly position: number }
  | { readonly kind: 'dated'; readonly monthCode: string; readonly yearDigits: string };

interface ParsedSymbol {
  readonly spec: ContractSpec;
  readonly suffix: SymbolSuffix;
}

const EXCHANGE_PREFIX = /^[A-Z0-9_]+$/;
const VALID_SUFFIX = new RegExp(`^(?:|([12])!|([${MONTH_CODES}])(\\d|\\d{2}|\\d{4}))$`);
/** Shaped like a contract suffix, so an unmatched one is a bad suffix rather than an unknown root. */
const SUFFIX_SHAPE = /^(?:\d+!|[A-Z]\d+)$/;
const TRADOVATE_NAME_SUFFIX = new RegExp(`^([${MONTH_CODES}])(\\d)$`);
const MONTHS_IN_PAST_ALLOWED = 12;

/**
 * Accepts TradingView and Tradovate spellings, case-insensitive, surrounding spaces ignored:
 * `MNQ1!`, `MNQ2!`, `CME_MINI:MNQ1!`, `MNQZ2026`, `MNQZ26`, `MNQZ6`, and a bare root `MNQ` (front month).
 * A 1- or 2-digit year is the nearest matching year at most 12 months in the past.
 */
export function resolveContract(raw: string, now: Date): ResolvedContract {
  const parsed = parseSymbol(raw);
  const { spec, suffix } = parsed;
  if (suffix.kind === 'continuous') {
    const { monthCode, year } = frontMonth(spec, now, suffix.position);
    return resolved(spec, monthCode, year);
  }
  return resolved(spec, suffix.monthCode, expandYear(suffix.yearDigits, monthNumber(suffix.monthCode), now));
}

/** Like resolveContract, but null when the symbol is not a contract we know. */
export function tryResolveContract(raw: string, now: Date): ResolvedContract | null {
  try {
    return resolveContract(raw, now);
  } catch (error) {
    if (error instanceof ContractSymbolError) return null;
    throw error;
  }
}

/** The product root of any accepted spelling, e.g. 'COMEX:MGCG6' -> 'MGC'. No clock needed. */
export function contractRoot(raw: string): string {
  return parseSymbol(raw).spec.root;
}

/** Parses a Tradovate contract name (root + month code + one year digit, e.g. 'GCG7') from a position. */
export function resolveContractName(name: string, now: Date): ResolvedContract {
  const { spec, monthCode, yearDigit } = parseContractName(name);
  return resolved(spec, monthCode, expandYear(yearDigit, monthNumber(monthCode), now));
}

/** The tick size and value of a Tradovate contract name (MNQZ6); the year does not matter, so no clock. */
export function specOfContractName(name: string): ContractSpec {
  return parseContractName(name).spec;
}

function parseContractName(name: string): { spec: ContractSpec; monthCode: string; yearDigit: string } {
  const text = String(name ?? '').trim().toUpperCase();
  const root = CONTRACT_ROOTS.find((r) => text.startsWith(r) && TRADOVATE_NAME_SUFFIX.test(text.slice(r.length)));
  if (!root) {
    if (CONTRACT_ROOTS.some((r) => text.startsWith(r) && SUFFIX_SHAPE.test(text.slice(r.length)))) {
      throw new ContractSymbolError(
        String(name),
        `"${name}" is not a Tradovate contract name: expected root + month code + one year digit, e.g. MNQZ6`,
      );
    }
    throw new UnknownContractError(String(name));
  }
  const [, monthCode, yearDigit] = TRADOVATE_NAME_SUFFIX.exec(text.slice(root.length)) as RegExpExecArray;
  const spec = CONTRACT_SPECS.get(root) as ContractSpec;
  assertListedMonth(String(name), spec, monthCode);
  return { spec, monthCode, yearDigit };
}

function parseSymbol(raw: string): ParsedSymbol {
  const symbol = String(raw ?? '').trim();
  const upper = symbol.toUpperCase();
  if (upper === '') throw new ContractSymbolError(symbol, 'Contract symbol is empty');

  const colon = upper.lastIndexOf(':');
  const prefix = colon >= 0 ? upper.slice(0, colon) : '';
  const body = upper.slice(colon + 1);
  if (colon >= 0 && !EXCHANGE_PREFIX.test(prefix)) {
    throw new ContractSymbolError(symbol, `Contract symbol "${symbol}" has an unreadable exchange prefix "${prefix}"`);
  }

  // G-17: try every root longest first and keep the first that leaves a valid suffix,
  // so MGCG6 is Micro Gold and never GC with a stray 'M'.
  for (const root of CONTRACT_ROOTS) {
    if (!body.startsWith(root)) continue;
    const match = VALID_SUFFIX.exec(body.slice(root.length));
    if (!match) continue;
    const spec = CONTRACT_SPECS.get(root) as ContractSpec;
    const [, position, monthCode, yearDigits] = match;
    if (monthCode === undefined) {
      return { spec, suffix: { kind: 'continuous', position: position ? Number(position) : 1 } };
    }
    assertListedMonth(symbol, spec, monthCode);
    return { spec, suffix: { kind: 'dated', monthCode, yearDigits } };
  }

  const nearRoot = CONTRACT_ROOTS.find((r) => body.startsWith(r) && SUFFIX_SHAPE.test(body.slice(r.length)));
  if (nearRoot) {
    throw new ContractSymbolError(
      symbol,
      `Contract symbol "${symbol}" has an unsupported suffix "${body.slice(nearRoot.length)}" after ${nearRoot}: ` +
        `use ${nearRoot}1!, ${nearRoot}2!, or a month code and year such as ${nearRoot}${monthExample(nearRoot)}`,
    );
  }
  throw new UnknownContractError(symbol);
}

function assertListedMonth(symbol: string, spec: ContractSpec, monthCode: string): void {
  if (!spec.months.includes(monthCode)) {
    throw new ContractSymbolError(
      symbol,
      `Contract "${symbol}": month code ${monthCode} is not listed for ${spec.root} ` +
        `(listed months: ${spec.months.split('').join(', ')})`,
    );
  }
}

/** The nearest year ending in `digits` whose contract month is at most 12 months before `now`. */
function expandYear(digits: string, month: number, now: Date): number {
  if (digits.length === 4) return Number(digits);
  const period = 10 ** digits.length;
  const value = Number(digits);
  const earliestMonthIndex = now.getUTCFullYear() * 12 + now.getUTCMonth() - MONTHS_IN_PAST_ALLOWED;
  const startYear = now.getUTCFullYear() - period;
  let year = startYear - (((startYear - value) % period) + period) % period;
  while (year * 12 + (month - 1) < earliestMonthIndex) year += period;
  return year;
}

function resolved(spec: ContractSpec, monthCode: string, year: number): ResolvedContract {
  return Object.freeze({
    root: spec.root,
    spec,
    monthCode,
    year,
    name: `${spec.root}${monthCode}${year % 10}`,
  });
}

function monthExample(root: string): string {
  const spec = CONTRACT_SPECS.get(root) as ContractSpec;
  return `${spec.months[spec.months.length - 1]}6`;
}
