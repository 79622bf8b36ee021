import type { ContractSpec } from '../contracts/contract-specs';
import {
  addDecimal,
  compareDecimal,
  type Decimal,
  type DecimalInput,
  divideDecimal,
  divideToInteger,
  formatDecimal,
  multiplyDecimal,
  type RoundingMode,
  significantDecimals,
  subtractDecimal,
  sumDecimal,
  toDecimal,
} from './decimal';

/**
 * Tick and dollar math for one contract spec. Prices come in as decimal strings or numbers and go
 * out as strings; nothing here does float arithmetic.
 *
 * Price text: exactly as many decimals as the tick size has (MNQ '21000.25', ES '21000.00',
 * YM '42000', CL '71.23', 6E '1.08525', ZN '110.015625').
 * USD text: at least 2 decimals, more only when the exact value needs them (ZN one tick '15.625').
 */
export type Side = 'LONG' | 'SHORT';

export type TickSpec = Pick<ContractSpec, 'root' | 'tickSize' | 'tickValue'>;

export interface Fill {
  readonly price: DecimalInput;
  readonly quantity: number;
}

export class OffTickPriceError extends Error {
  constructor(
    readonly price: string,
    readonly spec: TickSpec,
  ) {
    super(
      `Price ${price} is not a whole number of ${spec.root} ticks (tick size ${spec.tickSize}); ` +
        'round it with roundPriceToTick before using it as an order price',
    );
    this.name = 'OffTickPriceError';
  }
}

const AVERAGE_PRICE_DECIMALS = 8;
const USD_MIN_DECIMALS = 2;

/** How many decimals a price of this contract is printed with. */
export function priceDecimals(spec: TickSpec): number {
  return significantDecimals(spec.tickSize);
}

export function isOnTick(price: DecimalInput, spec: TickSpec): boolean {
  return divideToInteger(price, spec.tickSize) !== null;
}

/** Exact tick count of a price; throws OffTickPriceError when the price is between ticks. */
export function priceToTicks(price: DecimalInput, spec: TickSpec): number {
  const ticks = divideToInteger(price, spec.tickSize);
  if (ticks === null) throw new OffTickPriceError(formatDecimal(price), spec);
  return toSafeInteger(ticks, `${formatDecimal(price)} in ${spec.root} ticks`);
}

export function ticksToPrice(ticks: number, spec: TickSpec): string {
  assertSafeInteger(ticks, 'ticks');
  return formatPrice(multiplyDecimal(spec.tickSize, BigInt(ticks).toString()), spec);
}

/**
 * G-16: every TP, SL and limit price goes through here. 'up' and 'down' are toward +/- infinity
 * (round a long's stop down, a long's target up); 'nearest' breaks an exact half-tick away from zero.
 */
export function roundPriceToTick(price: DecimalInput, spec: TickSpec, mode: RoundingMode = 'nearest'): string {
  const ticks = divideDecimal(price, spec.tickSize, 0, mode).units;
  return ticksToPrice(toSafeInteger(ticks, `${formatDecimal(price)} in ${spec.root} ticks`), spec);
}

/** An on-tick price moved by a signed number of ticks; an off-tick price (a DCA average) must be rounded first. */
export function addTicks(price: DecimalInput, ticks: number, spec: TickSpec): string {
  assertSafeInteger(ticks, 'ticks');
  return ticksToPrice(priceToTicks(price, spec) + ticks, spec);
}

/** Signed ticks gained per contract; a short gains when the price falls. Both prices must be on tick. */
export function pnlTicks(side: Side, entryPrice: DecimalInput, exitPrice: DecimalInput, spec: TickSpec): number {
  const moved = priceToTicks(exitPrice, spec) - priceToTicks(entryPrice, spec);
  return side === 'LONG' ? moved : side === 'SHORT' ? -moved : invalidSide(side);
}

/** Exact signed USD for `quantity` contracts; the entry may be an off-tick average price. */
export function pnlUsd(
  side: Side,
  entryPrice: DecimalInput,
  exitPrice: DecimalInput,
  quantity: number,
  spec: TickSpec,
): string {
  assertSafeInteger(quantity, 'quantity');
  const moved =
    side === 'LONG'
      ? subtractDecimal(exitPrice, entryPrice)
      : side === 'SHORT'
        ? subtractDecimal(entryPrice, exitPrice)
        : invalidSide(side);
  return formatUsd(multiplyDecimal(multiplyDecimal(moved, pointValue(spec)), String(quantity)));
}

export function ticksToUsd(ticks: number, quantity: number, spec: TickSpec): string {
  assertSafeInteger(ticks, 'ticks');
  assertSafeInteger(quantity, 'quantity');
  return formatUsd(multiplyDecimal(spec.tickValue, (BigInt(ticks) * BigInt(quantity)).toString()));
}

export function sumUsd(values: readonly DecimalInput[]): string {
  return formatUsd(sumDecimal(values));
}

/** USD per contract per full point (MNQ '2.00', ES '50.00', MYM '0.50'). */
export function pointValueUsd(spec: TickSpec): string {
  return formatUsd(pointValue(spec));
}

/**
 * Quantity-weighted average fill price, exact and rounded to 8 decimals (nearest). It is usually
 * off-tick: round it with roundPriceToTick before placing an order at it. Trailing zeros are trimmed
 * down to the contract's price decimals.
 */
export function averagePrice(fills: readonly Fill[], spec: TickSpec): string {
  if (fills.length === 0) throw new RangeError(`Cannot average ${spec.root} fills: no fills given`);
  let notional: Decimal = { units: 0n, scale: 0 };
  let contracts = 0n;
  for (const fill of fills) {
    if (!Number.isSafeInteger(fill.quantity) || fill.quantity <= 0) {
      throw new RangeError(`Fill quantity must be a positive whole number of contracts, got ${fill.quantity}`);
    }
    notional = addDecimal(notional, multiplyDecimal(fill.price, String(fill.quantity)));
    contracts += BigInt(fill.quantity);
  }
  const average = divideDecimal(notional, contracts.toString(), AVERAGE_PRICE_DECIMALS, 'nearest');
  return formatDecimal(average, { minDecimals: Math.min(priceDecimals(spec), AVERAGE_PRICE_DECIMALS) });
}

function pointValue(spec: TickSpec): Decimal {
  // Generous scale; the check below proves the quotient exact for every spec in the table.
  const scale = significantDecimals(spec.tickValue) + 2 * priceDecimals(spec) + 2;
  const value = divideDecimal(spec.tickValue, spec.tickSize, scale, 'nearest');
  if (compareDecimal(multiplyDecimal(value, spec.tickSize), spec.tickValue) !== 0) {
    throw new RangeError(`${spec.root} tick value ${spec.tickValue} / tick size ${spec.tickSize} is not exact`);
  }
  return value;
}

function formatPrice(price: Decimal, spec: TickSpec): string {
  const decimals = priceDecimals(spec);
  return formatDecimal(price, { minDecimals: decimals, maxDecimals: decimals });
}

function formatUsd(value: DecimalInput): string {
  return formatDecimal(toDecimal(value), { minDecimals: USD_MIN_DECIMALS });
}

function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number, got ${value}`);
}

function toSafeInteger(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} is out of range`);
  }
  return Number(value);
}

function invalidSide(side: never): never {
  throw new RangeError(`Side must be LONG or SHORT, got ${String(side)}`);
}
