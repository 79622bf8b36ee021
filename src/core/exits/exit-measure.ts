import type { ExitMeasure } from '../alerts/parsed-alert';
import { compareDecimal, divideDecimal, formatDecimal, multiplyDecimal, subtractDecimal, toDecimal, type TickSpec } from '../money';

/** An exit distance that cannot be placed: the entry is refused with this reason. */
export class ExitMeasureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExitMeasureError';
  }
}

export interface MeasureContext {
  spec: TickSpec;
  side: 'LONG' | 'SHORT';
  /** the price the distance is measured from (alert price or last quote); needed for percent and price */
  entryPrice: string | null;
}

/**
 * Whole ticks from the entry for an exit written in ticks, points (price units), dollars per
 * contract, percent of the entry price, or an absolute price. Always rounded toward the entry, so
 * a stop never risks more and a target never asks for more than was written; under one tick is refused.
 * `role` says on which side of the entry an absolute price must sit.
 */
export function measureToTicks(measure: ExitMeasure, role: 'profit' | 'loss', ctx: MeasureContext, label: string): number {
  const value = positive(measure.value, label, measure.unit);
  const ticks = (distance: string) => Number(formatDecimal(divideDecimal(distance, ctx.spec.tickSize, 0, 'down')));
  let result: number;
  switch (measure.unit) {
    case 'ticks':
      result = Number(formatDecimal(divideDecimal(value, 1, 0, 'down')));
      break;
    case 'points':
      result = ticks(value);
      break;
    case 'dollars':
      result = Number(formatDecimal(divideDecimal(value, ctx.spec.tickValue, 0, 'down')));
      break;
    case 'percent':
      result = ticks(formatDecimal(divideDecimal(multiplyDecimal(needEntry(ctx, label), value), 100, 12, 'down')));
      break;
    case 'price': {
      const entry = needEntry(ctx, label);
      const above = compareDecimal(value, entry) > 0;
      const wantAbove = (ctx.side === 'LONG') === (role === 'profit');
      if (!above && compareDecimal(value, entry) !== 0 && wantAbove) throw wrongSide(label, value, entry, 'above');
      if (above && !wantAbove) throw wrongSide(label, value, entry, 'below');
      const distance = subtractDecimal(value, entry);
      result = ticks(formatDecimal(distance.units < 0n ? subtractDecimal(0, distance) : distance));
      break;
    }
  }
  if (result < 1) throw new ExitMeasureError(`${label} ${measure.value} ${measure.unit} is less than one tick (${ctx.spec.tickSize}) of ${ctx.spec.root} from the entry: it cannot be placed`);
  return result;
}

function positive(value: string, label: string, unit: string): string {
  let parsed;
  try {
    parsed = toDecimal(value);
  } catch {
    throw new ExitMeasureError(`${label} "${value}" is not a number of ${unit}`);
  }
  if (parsed.units <= 0n && unit !== 'price') throw new ExitMeasureError(`${label} must be more than 0 ${unit}, got ${value}`);
  return formatDecimal(parsed);
}

function needEntry(ctx: MeasureContext, label: string): string {
  if (!ctx.entryPrice) throw new ExitMeasureError(`${label} is measured from the entry price, and there is no alert price nor quote yet`);
  return ctx.entryPrice;
}

function wrongSide(label: string, price: string, entry: string, where: string): ExitMeasureError {
  return new ExitMeasureError(`${label} at ${price} must be ${where} the entry price ${entry} for this side`);
}
