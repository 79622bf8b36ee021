import type { AlertBrackets, AlertSizing, ExitMeasure } from '../../../core/alerts/parsed-alert';
import { AlertParseError, ParsedAlert } from '../parsed-alert';
import { AlertFields, isZeroLike, readPrice } from './value-readers';

type Unit = ExitMeasure['unit'];

/** Native per-alert exits in units other than ticks (the tick keys stay tp/sl): key -> unit. */
const TAKE_PROFIT_KEYS: Record<string, Unit> = {
  tp_points: 'points', tp_point: 'points',
  tp_dollars: 'dollars', tp_dollar: 'dollars', dollar_tp: 'dollars',
  tp_percent: 'percent', tp_percentage: 'percent', percentage_tp: 'percent',
  tp_price: 'price',
};
const STOP_LOSS_KEYS: Record<string, Unit> = {
  sl_points: 'points', sl_point: 'points',
  sl_dollars: 'dollars', sl_dollar: 'dollars', dollar_sl: 'dollars',
  sl_percent: 'percent', sl_percentage: 'percent', percentage_sl: 'percent',
  sl_price: 'price',
};
const RISK_DOLLAR_KEYS = ['risk_dollars', 'risk_dollar', 'risk_amount'];
const RISK_PERCENT_KEYS = ['risk_percent', 'risk_percentage'];

/** The alert's exits in points, dollars, percent or price, and its risk sizing; absent when none is set (0 = off). */
export function readNativeBrackets(fields: AlertFields): Pick<ParsedAlert, 'brackets' | 'sizing'> {
  const brackets: AlertBrackets = {};
  const tp = readOneMeasure(fields, TAKE_PROFIT_KEYS, 'take profit');
  if (tp) brackets.takeProfit = [{ at: tp }];
  const sl = readOneMeasure(fields, STOP_LOSS_KEYS, 'stop loss');
  if (sl) brackets.stopLoss = sl;
  const riskDollars = readOneAmount(fields, RISK_DOLLAR_KEYS);
  const riskPercent = readOneAmount(fields, RISK_PERCENT_KEYS);
  if (riskDollars && riskPercent) throw new AlertParseError(`${riskDollars.key} and ${riskPercent.key} both size the entry: send one`, riskPercent.key);
  const sizing: AlertSizing | null = riskDollars ? { riskDollars: riskDollars.value } : riskPercent ? { riskPercent: riskPercent.value } : null;
  return { ...(tp || sl ? { brackets } : {}), ...(sizing ? { sizing } : {}) };
}

function readOneMeasure(fields: AlertFields, keys: Record<string, Unit>, what: string): ExitMeasure | null {
  const found = Object.keys(keys).flatMap((key) => {
    const amount = readAmount(fields, key);
    return amount ? [{ key, value: amount }] : [];
  });
  if (found.length > 1) throw new AlertParseError(`${found.map((f) => f.key).join(' and ')} all set the ${what}: send one`, found[1].key);
  return found.length ? { unit: keys[found[0].key], value: found[0].value } : null;
}

function readOneAmount(fields: AlertFields, keys: string[]): { key: string; value: string } | null {
  for (const key of keys) {
    const value = readAmount(fields, key);
    if (value) return { key, value };
  }
  return null;
}

function readAmount(fields: AlertFields, key: string): string | null {
  const raw = fields.get(key);
  if (raw === undefined || raw === null || isZeroLike(raw)) return null;
  const value = readPrice(key, raw);
  if (value === null) return null;
  if (value.startsWith('-')) throw new AlertParseError(`${key} must be more than 0, got ${value}.`, key);
  return value;
}
