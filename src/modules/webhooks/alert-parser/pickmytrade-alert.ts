import { AlertParseError, ParsedAlert } from '../parsed-alert';
import { parseVerb, resolveIntent } from './action-resolution';
import { readFirstFiredAt, readSymbol, warnUnsupportedOverrides } from './native-alert';
import {
  AlertFields,
  ParseOptions,
  emptyStrategyValueError,
  isBlank,
  isZeroLike,
  readBoolean,
  readInteger,
  readPrice,
} from './value-readers';

/**
 * PickMyTrade JSON (alert-formats.md section 4). Its templates carry many zero-valued keys:
 * 0 / "0" / false / "false" mean "feature off", never zero contracts or zero ticks.
 * Its `tp`/`sl` are absolute price levels, so they are never read as tick overrides.
 */

const PRICE_LEVEL_KEYS = ['tp', 'sl'];
const UNSUPPORTED_PMT_KEYS = [
  'dollar_tp', 'dollar_sl', 'percentage_tp', 'percentage_sl', 'risk_percentage',
  'trail', 'trail_stop', 'trail_trigger', 'trail_freq', 'breakeven', 'breakeven_offset',
];

export function readPickMyTradeAlert(fields: AlertFields, opts: ParseOptions, warnings: string[] = []): ParsedAlert {
  const data = fields.get('data');
  if (isBlank(data)) throw emptyStrategyValueError('data');
  const verb = parseVerb('data', data);
  for (const key of ['update_tp', 'update_sl']) {
    if (readBoolean(key, fields.get(key))) {
      // entering here would open a position when the trader only meant to move a bracket
      throw new AlertParseError(
        `${key} is true: alerts that only move a take-profit or stop are not supported, and ` +
          'treating it as an entry would open a trade.',
        key,
      );
    }
  }
  const quantityValue = fields.get('quantity');
  const quantity = isZeroLike(quantityValue) ? null : readInteger('quantity', quantityValue);
  const priceValue = fields.get('price');
  const price = isZeroLike(priceValue) ? null : readPrice('price', priceValue);
  const intent = resolveIntent({ verb, target: null, previous: null, contracts: quantity }, warnings);
  for (const key of PRICE_LEVEL_KEYS) {
    if (!isZeroLike(fields.get(key))) {
      warnings.push(`${key} is an absolute price in PickMyTrade alerts, not ticks: ignored; the recorder's settings apply.`);
    }
  }
  warnUnsupportedOverrides(fields, warnings, UNSUPPORTED_PMT_KEYS);
  return {
    dialect: 'pickmytrade',
    directive: intent.directive,
    orderAction: verb.word,
    symbol: readSymbol(fields, ['symbol', 'ticker', 'instrument'], opts),
    price,
    quantity: intent.quantity,
    target: null,
    previous: null,
    takeProfitTicks: null,
    stopLossTicks: null,
    firedAt: readFirstFiredAt(fields, ['date', 'time'], warnings),
    explicitId: null,
    strategyOrderId: null,
    warnings,
  };
}
