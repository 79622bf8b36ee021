import { AlertParseError, ParsedAlert } from '../parsed-alert';
import { Verb, lookupVerb, parseVerb, resolveIntent } from './action-resolution';
import { readPrevious, readTarget } from './strategy-state';
import { readNativeBrackets } from './native-brackets';
import { presentRiskFields, refuseUnappliedRiskFields } from './unapplied-risk-fields';
import {
  AlertFields,
  ParseOptions,
  emptyStrategyValueError,
  firstPresentKey,
  isBlank,
  isZeroLike,
  pick,
  readFiredAt,
  readOptionalText,
  readPrice,
  readQuantity,
  readText,
  readTicks,
  rejectPlaceholder,
} from './value-readers';

/**
 * The native Just Trades format (alert-formats.md section 2), as JSON or as `key=value` text.
 * Aliases are listed in priority order; the first present, non-blank one wins.
 */

export const TICKER_KEYS = ['ticker', 'symbol', 'instrument'];
export const PRICE_KEYS = ['price', 'close', 'last'];
export const QUANTITY_KEYS = ['quantity', 'qty', 'contracts', 'size'];
export const FIRED_AT_KEYS = ['time', 'timenow'];
const ACTION_KEYS = ['action', 'order_action', 'side', 'signal', 'direction'];
/** old alerts put the verb in `order_type`/`type`; only a verb there counts, never "market" */
const LEGACY_ACTION_KEYS = ['order_type', 'type'];
const TAKE_PROFIT_TICK_KEYS = ['takeprofit', 'tp', 'take_profit', 'tp_ticks'];
const STOP_LOSS_TICK_KEYS = ['stoploss', 'sl', 'stop_loss', 'sl_ticks'];
const TRAIL_DISTANCE_KEYS = ['trail', 'trailing_stop'];
const TRAIL_TRIGGER_KEYS = ['trail_trigger', 'trail_start'];
const BREAK_EVEN_KEYS = ['breakeven', 'break_even'];
const BREAK_EVEN_OFFSET_KEYS = ['breakeven_offset', 'be_offset', 'break_even_offset'];

/** an ambiguous risk key (dollars or percent?): an entry with it is refused */
const UNAPPLIED_RISK_FIELDS: Record<string, string> = {
  risk: 'a size from a risk, without saying dollars (risk_dollars) or percent (risk_percent)',
};
/** the trailing stop follows every tick, never less often than asked: only a warning */
const TRAIL_FREQUENCY_KEYS = ['trail_freq', 'trail_frequency', 'trail_interval'];

export function readNativeAlert(
  fields: AlertFields,
  dialect: 'native' | 'kv',
  opts: ParseOptions,
  warnings: string[] = [],
): ParsedAlert {
  rejectForeignDialects(fields);
  const verb = readVerb(fields);
  // G-4: an explicit close must reach the broker; a bad side field cannot stop it, only warn
  const optional = <T>(read: () => T, fallback: T): T =>
    verb?.kind === 'CLOSE' ? readOrWarn(read, fallback, warnings) : read();
  const target = optional(() => readTarget(fields, warnings), null);
  const previous = optional(() => readPrevious(fields, target, verb, warnings), null);
  const quantityPick = pick(fields, QUANTITY_KEYS);
  const contracts = quantityPick
    ? optional(() => readQuantity(quantityPick.key, quantityPick.value, warnings), null)
    : null;
  const intent = resolveIntent({ verb, target, previous, contracts }, warnings);
  refuseUnappliedRiskFields(intent.directive, presentRiskFields(fields, UNAPPLIED_RISK_FIELDS), warnings);
  warnUnsupportedOverrides(fields, warnings, TRAIL_FREQUENCY_KEYS);
  const ids = readIds(fields, warnings);
  return {
    dialect,
    directive: intent.directive,
    orderAction: verb?.word ?? null,
    symbol: readSymbol(fields, TICKER_KEYS, opts),
    price: optional(() => readFirstPrice(fields, PRICE_KEYS), null),
    quantity: intent.quantity,
    target,
    previous,
    takeProfitTicks: optional(() => readFirstTicks(fields, TAKE_PROFIT_TICK_KEYS), null),
    stopLossTicks: optional(() => readFirstTicks(fields, STOP_LOSS_TICK_KEYS), null),
    ...optional(() => readExitOverrides(fields), {}),
    ...optional(() => readNativeBrackets(fields), {}),
    firedAt: readFirstFiredAt(fields, FIRED_AT_KEYS, warnings),
    explicitId: ids.explicitId,
    strategyOrderId: ids.strategyOrderId,
    warnings,
  };
}

function readOrWarn<T>(read: () => T, fallback: T, warnings: string[]): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof AlertParseError)) throw error;
    warnings.push(`${error.message} Ignored because the alert is a close.`);
    return fallback;
  }
}

/** Formats that look like ours but mean something else: guessing them could trade the wrong side. */
export function rejectForeignDialects(fields: AlertFields): void {
  if (fields.has('secret') && fields.has('bot_uuid')) {
    throw new AlertParseError(
      'This is a 3Commas signal-bot message, which Just Trades does not accept. Use the Just Trades alert template.',
      'bot_uuid',
    );
  }
  if (fields.has('command') || (fields.has('key') && fields.has('instrument'))) {
    throw new AlertParseError(
      'This is a CrossTrade command message, which Just Trades does not accept. Use the Just Trades alert template.',
      fields.has('command') ? 'command' : 'key',
    );
  }
}

function readVerb(fields: AlertFields): Verb | null {
  const picked = pick(fields, ACTION_KEYS);
  if (picked) return parseVerb(picked.key, picked.value);
  const blankKey = firstPresentKey(fields, ACTION_KEYS);
  if (blankKey) throw emptyStrategyValueError(blankKey);
  for (const key of LEGACY_ACTION_KEYS) {
    const value = fields.get(key);
    if (isBlank(value)) continue;
    rejectPlaceholder(key, value);
    const verb = lookupVerb(value);
    if (verb) return verb;
  }
  return null;
}

export function readSymbol(fields: AlertFields, keys: string[], opts: ParseOptions): string | null {
  const picked = pick(fields, keys);
  const symbol = picked ? readText(picked.key, picked.value) : null;
  return symbol ?? opts.defaultSymbol ?? null;
}

export function readFirstPrice(fields: AlertFields, keys: string[]): string | null {
  const picked = pick(fields, keys);
  return picked ? readPrice(picked.key, picked.value) : null;
}

/** First tick override that is set: 0 means "no override" and never shadows the next alias. */
function readFirstTicks(fields: AlertFields, keys: string[]): number | null {
  for (const key of keys) {
    const ticks = readTicks(key, fields.get(key));
    if (ticks !== null) return ticks;
  }
  return null;
}

/** Trailing stop and break-even ticks; only present when the alert set one (0 = no override). */
function readExitOverrides(fields: AlertFields): Pick<ParsedAlert, 'exitOverrides'> {
  const overrides = {
    trailDistanceTicks: readFirstTicks(fields, TRAIL_DISTANCE_KEYS),
    trailTriggerTicks: readFirstTicks(fields, TRAIL_TRIGGER_KEYS),
    breakEvenTicks: readFirstTicks(fields, BREAK_EVEN_KEYS),
    breakEvenOffsetTicks: readFirstTicks(fields, BREAK_EVEN_OFFSET_KEYS),
  };
  return Object.values(overrides).some((v) => v !== null) ? { exitOverrides: overrides } : {};
}

export function readFirstFiredAt(fields: AlertFields, keys: string[], warnings: string[]): string | null {
  const picked = pick(fields, keys);
  return picked ? readFiredAt(picked.key, picked.value, warnings) : null;
}

function readIds(fields: AlertFields, warnings: string[]): { explicitId: string | null; strategyOrderId: string | null } {
  const id = readOptionalText('id', fields.get('id'), warnings);
  const strategyOrderId = readOptionalText('order_id', fields.get('order_id'), warnings);
  // {{strategy.order.id}} names the kind of order ("Long", "TP1"), the same on every such fill:
  // it is part of the dedupe key, never the key itself, or the next "Long" entry would be dropped
  return { explicitId: id, strategyOrderId };
}

export function warnUnsupportedOverrides(fields: AlertFields, warnings: string[], keys: readonly string[]): void {
  for (const key of keys) {
    const value = fields.get(key);
    if (value !== undefined && !isZeroLike(value)) {
      warnings.push(`${key} is not supported yet and was ignored; the recorder's settings apply.`);
    }
  }
}
