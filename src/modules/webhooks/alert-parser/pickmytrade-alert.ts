import { AlertParseError, ParsedAlert } from '../parsed-alert';
import { parseVerb, resolveIntent } from './action-resolution';
import { readFirstFiredAt, readSymbol, warnUnsupportedOverrides } from './native-alert';
import { readPickMyTradeBrackets, readPickMyTradeSameDirection, refuseNettingEntry } from './pickmytrade-brackets';
import { presentRiskFields, refuseUnappliedRiskFields } from './unapplied-risk-fields';
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
 * Its `tp`/`sl` are absolute price levels, never tick overrides.
 */

/** Exits and sizing PickMyTrade alerts can set that the engine cannot apply yet: an entry with one is refused. */
const UNAPPLIED_RISK_FIELDS: Record<string, string> = {
  trail: 'a trailing stop', trail_stop: 'a trailing stop distance', trail_trigger: 'a trailing stop trigger',
  breakeven: 'a break-even stop', breakeven_offset: 'a break-even offset',
  advance_tp_sl: 'take-profit and stop-loss legs',
};
/** the trailing stop follows every tick, never less often than asked: only a warning */
const TRAIL_FREQUENCY_KEYS = ['trail_freq'];

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
  refuseUnappliedRiskFields(intent.directive, presentRiskFields(fields, UNAPPLIED_RISK_FIELDS), warnings);
  warnUnsupportedOverrides(fields, warnings, TRAIL_FREQUENCY_KEYS);
  const entry = intent.directive.kind === 'ENTER';
  if (entry) refuseNettingEntry(fields);
  const { brackets, sizing } = entry ? readPickMyTradeBrackets(fields) : { brackets: null, sizing: null };
  const sameDirection = entry ? readPickMyTradeSameDirection(fields) : null;
  return {
    ...(brackets ? { brackets } : {}),
    ...(sizing ? { sizing } : {}),
    ...(sameDirection ? { sameDirection } : {}),
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
