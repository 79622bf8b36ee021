import { AlertBrackets, AlertParseError, AlertSizing, ExitMeasure } from '../parsed-alert';
import { AlertFields, isZeroLike, readBoolean, readPrice } from './value-readers';

/**
 * PickMyTrade exits and sizing (alert-formats.md section 4.1): `tp`/`sl` are absolute prices,
 * `dollar_*` dollars per contract, `percentage_*` percent of the entry; 0 / "0" / false mean "off"
 * and never shadow another key (section 12 row 18). Two keys for one leg are refused.
 */

const TAKE_PROFIT: Record<string, ExitMeasure['unit']> = { tp: 'price', dollar_tp: 'dollars', percentage_tp: 'percent' };
const STOP_LOSS: Record<string, ExitMeasure['unit']> = { sl: 'price', dollar_sl: 'dollars', percentage_sl: 'percent' };

export function readPickMyTradeBrackets(fields: AlertFields): { brackets: AlertBrackets | null; sizing: AlertSizing | null } {
  const brackets: AlertBrackets = {};
  const tp = oneMeasure(fields, TAKE_PROFIT, 'take profit');
  if (tp) brackets.takeProfit = [{ at: tp }];
  const sl = oneMeasure(fields, STOP_LOSS, 'stop loss');
  if (sl) brackets.stopLoss = sl;
  const risk = positive(fields, 'risk_percentage');
  if (risk && !sl) {
    throw new AlertParseError(
      `risk_percentage is ${risk}: sizing by risk needs a stop loss (sl, dollar_sl or percentage_sl) to measure the risk against.`,
      'risk_percentage',
    );
  }
  return { brackets: Object.keys(brackets).length ? brackets : null, sizing: risk ? { riskPercent: risk } : null };
}

/** duplicate_position_allow / pyramid add to a same-side position; same_direction_ignore ignores it. */
export function readPickMyTradeSameDirection(fields: AlertFields): 'add' | 'ignore' | null {
  const add = ['pyramid', 'duplicate_position_allow'].some((key) => readBoolean(key, fields.get(key)));
  const ignore = readBoolean('same_direction_ignore', fields.get('same_direction_ignore'));
  if (add && ignore) {
    throw new AlertParseError('same_direction_ignore and pyramid/duplicate_position_allow are both true: send one.', 'same_direction_ignore');
  }
  return add ? 'add' : ignore ? 'ignore' : null;
}

function oneMeasure(fields: AlertFields, units: Record<string, ExitMeasure['unit']>, what: string): ExitMeasure | null {
  const set = Object.keys(units).flatMap((key) => {
    const value = positive(fields, key);
    return value ? [{ key, value }] : [];
  });
  if (set.length > 1) throw new AlertParseError(`${set.map((s) => s.key).join(' and ')} all set the ${what}: keep one and set the others to 0.`, set[1].key);
  return set.length ? { unit: units[set[0].key], value: set[0].value } : null;
}

function positive(fields: AlertFields, key: string): string | null {
  const raw = fields.get(key);
  if (isZeroLike(raw)) return null;
  const value = readPrice(key, raw);
  if (value?.startsWith('-')) throw new AlertParseError(`${key} must be more than 0, got ${value}.`, key);
  return value;
}

/**
 * reverse_order_close false: at PickMyTrade an opposite signal nets against the open position
 * (a sell of 1 against long 2 leaves long 1). Just Trades reverses or blocks an opposite entry and
 * never nets, so guessing could put the account on the wrong side: such an entry is refused.
 */
export function refuseNettingEntry(fields: AlertFields): void {
  const value = fields.get('reverse_order_close');
  if (value === undefined || readBoolean('reverse_order_close', value)) return;
  throw new AlertParseError(
    'reverse_order_close is false: PickMyTrade then nets an opposite signal against the open position, which Just Trades does not do (it closes or reverses); the entry is refused rather than traded on a guess.',
    'reverse_order_close',
    'Set "reverse_order_close": true (an opposite signal closes the position, then enters), or send the strategy position with the Just Trades template ("market_position": "{{strategy.market_position}}").',
  );
}
