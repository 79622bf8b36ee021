import { AlertBrackets, AlertParseError, ExitMeasure } from '../parsed-alert';
import { AlertFields, describe, isBlank, isZeroLike, readPrice, toFields } from './value-readers';

/**
 * TradersPost `takeProfit` / `stopLoss` objects (alert-formats.md section 3.1) as the entry's exits.
 * For futures `amount` is a price offset in points (never dollars, section 12 row 14) and `percent`
 * a percent of the entry price; `limitPrice` / `stopPrice` (older pages: `price`) are absolute.
 * A stop of type trailing_stop trails by `trailAmount` points or `trailPercent` percent.
 */
export function readTradersPostBrackets(fields: AlertFields): AlertBrackets | null {
  const brackets: AlertBrackets = {};
  const tp = objectField(fields, 'takeprofit', 'takeProfit');
  if (tp) {
    const at = oneMeasure('takeProfit', tp, { limitprice: 'price', price: 'price', percent: 'percent', amount: 'points' });
    if (at) brackets.takeProfit = [{ at }];
  }
  const sl = objectField(fields, 'stoploss', 'stopLoss');
  if (sl) {
    const type = isBlank(sl.get('type')) ? 'stop' : String(sl.get('type')).trim().toLowerCase();
    if (type === 'trailing_stop') {
      const distance = oneMeasure('stopLoss', sl, { trailamount: 'points', trailprice: 'points', trailpercent: 'percent' });
      if (distance) brackets.trailing = { distance };
    } else if (type === 'stop') {
      const at = oneMeasure('stopLoss', sl, { stopprice: 'price', percent: 'percent', amount: 'points' });
      if (at) brackets.stopLoss = at;
    } else {
      throw new AlertParseError(
        `stopLoss.type is ${describe(sl.get('type'))}: only stop and trailing_stop can be applied (exits are sent as market orders when hit).`,
        'stopLoss.type',
        'Use "type": "stop" (sent at market when the stop price trades) or "trailing_stop" with trailAmount/trailPercent.',
      );
    }
  }
  return Object.keys(brackets).length ? brackets : null;
}

function objectField(fields: AlertFields, key: string, name: string): AlertFields | null {
  const value = fields.get(key);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new AlertParseError(`${name} must be an object such as {"amount": 20} (points), {"percent": 1} or {"limitPrice": 21050.25}; got ${describe(value)}.`, name);
  }
  return toFields(value as Record<string, unknown>);
}

function oneMeasure(name: string, object: AlertFields, units: Record<string, ExitMeasure['unit']>): ExitMeasure | null {
  // 0 is "no bracket", as in every template that leaves a field at its default
  const set = Object.keys(units).filter((key) => !isZeroLike(object.get(key)));
  if (set.length > 1) throw new AlertParseError(`${name} sets ${set.join(' and ')}: send one of them.`, `${name}.${set[1]}`);
  if (set.length === 0) return null;
  const key = set[0];
  const value = readPrice(`${name}.${key}`, object.get(key)) as string;
  if (value.startsWith('-')) throw new AlertParseError(`${name}.${key} must be more than 0, got ${value}.`, `${name}.${key}`);
  return { unit: units[key], value };
}
