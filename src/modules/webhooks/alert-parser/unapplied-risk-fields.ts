import { AlertDirective, AlertParseError } from '../parsed-alert';
import { AlertFields, isBlank, isZeroLike } from './value-readers';

/** A field the alert sets that would change the trade's risk (an exit, a size) and the engine cannot apply. */
export interface UnappliedRiskField {
  field: string;
  /** what the field asks for, in the trader's words */
  asks: string;
}

const HINT =
  'Remove it from the alert and set the exits on the recorder in ticks (takeProfitTicks, stopLossTicks, ' +
  'trailDistanceTicks, breakEvenTicks), or send them as ticks in the alert (tp, sl, trail, breakeven).';

/**
 * An entry is never traded without the exits or the size its alert asked for: an entry carrying
 * such a field is refused whole (the webhook answers 400, the signal is stored rejected). On a
 * close or reduce nothing opens, so the field changes nothing and is only a warning.
 */
export function refuseUnappliedRiskFields(directive: AlertDirective, found: UnappliedRiskField[], warnings: string[]): void {
  if (found.length === 0) return;
  if (directive.kind === 'ENTER') {
    const [first, ...rest] = found;
    const others = rest.length ? ` (also ${rest.map((f) => f.field).join(', ')})` : '';
    throw new AlertParseError(
      `${first.field} asks for ${first.asks}, which Just Trades cannot apply yet${others}: the entry is refused rather than opened without it.`,
      first.field,
      HINT,
    );
  }
  for (const f of found) warnings.push(`${f.field} (${f.asks}) cannot be applied and was ignored: this alert opens nothing.`);
}

/** The listed keys the alert sets to something other than "off" (0, false, blank). */
export function presentRiskFields(fields: AlertFields, asks: Record<string, string>): UnappliedRiskField[] {
  return Object.entries(asks)
    .filter(([key]) => isSet(fields.get(key)))
    .map(([field, what]) => ({ field, asks: what }));
}

function isSet(value: unknown): boolean {
  if (value === undefined || value === null || isBlank(value) || isZeroLike(value)) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).some(isSet);
  return true;
}
