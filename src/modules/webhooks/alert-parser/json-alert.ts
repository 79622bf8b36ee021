import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../../core/json-depth';
import { AlertParseError, ParsedAlert } from '../parsed-alert';
import { lookupVerb } from './action-resolution';
import { isCrossTradeJson, readCrossTradeAlert } from './crosstrade-alert';
import { readNativeAlert } from './native-alert';
import { readPickMyTradeAlert } from './pickmytrade-alert';
import { isThreeCommasAlert, readThreeCommasAlert } from './threecommas-alert';
import { readTradersPostAlert } from './traderspost-alert';
import { AlertFields, ParseOptions, describe, isPlaceholder, quoteStart, toFields } from './value-readers';

/**
 * JSON alert bodies: parse, pick the dialect (alert-formats.md section 10, step 2), read it.
 * A body that starts like JSON but does not parse is reported with the parser's position (G-3),
 * never treated as "no data".
 */

export type JsonDialect = 'native' | 'traderspost' | 'pickmytrade' | 'crosstrade' | 'threecommas';

const PICKMYTRADE_MARKERS = [
  'token', 'date', 'multiple_accounts', 'reverse_order_close', 'pyramid', 'duplicate_position_allow',
  'risk_percentage',
];
const TRADERSPOST_ONLY_KEYS = [
  'sentiment', 'signalprice', 'quantitytype', 'ordertype', 'limitprice', 'stopprice', 'takeprofit',
  'stoploss', 'timeinforce', 'trailamount', 'trailpercent', 'ignoretradingwindows', 'cancelordertype',
  'extras',
];
const TRADERSPOST_ONLY_VERBS = ['exit', 'cancel', 'add'];
const NATIVE_ONLY_KEYS = [
  'market_position', 'position', 'market_position_size', 'prev_market_position',
  'prev_market_position_size', 'prev_position_size', 'position_size', 'contracts', 'qty', 'size',
  'order_action', 'side', 'signal', 'direction', 'tp', 'sl', 'take_profit', 'stop_loss', 'tp_ticks',
  'sl_ticks', 'order_id', 'id', 'recorder', 'strategy', 'name', 'timenow',
];
const MARKET_POSITION_KEYS = ['market_position', 'position'];

export function parseJsonAlert(body: string, opts: ParseOptions): ParsedAlert {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw brokenJsonError(body, error);
  }
  if (nestsDeeperThan(parsed, MAX_JSON_DEPTH)) {
    throw new AlertParseError(`The alert nests arrays/objects more than ${MAX_JSON_DEPTH} levels deep; an alert is a flat object such as {"action": "buy", "ticker": "{{ticker}}"}.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AlertParseError(
      `The alert message is JSON but not an object (got ${Array.isArray(parsed) ? 'a list' : describe(parsed)}); ` +
        'send an object such as {"action": "buy", "ticker": "{{ticker}}"}.',
    );
  }
  const fields = toFields(parsed as Record<string, unknown>);
  const warnings: string[] = [];
  switch (detectJsonDialect(fields, warnings)) {
    case 'threecommas':
      return readThreeCommasAlert(fields, opts, warnings);
    case 'crosstrade':
      return readCrossTradeAlert(fields, opts, warnings);
    case 'pickmytrade':
      return readPickMyTradeAlert(fields, opts, warnings);
    case 'traderspost':
      return readTradersPostAlert(fields, opts, warnings);
    default:
      return readNativeAlert(fields, 'native', opts, warnings);
  }
}

export function detectJsonDialect(fields: AlertFields, warnings: string[]): JsonDialect {
  const hasAny = (keys: string[]): boolean => keys.some((key) => fields.has(key));
  if (isThreeCommasAlert(fields)) return 'threecommas';
  const data = fields.get('data');
  const dataLooksLikeVerb =
    typeof data === 'string' && (data.trim() === '' || isPlaceholder(data) || lookupVerb(data) !== null);
  if (dataLooksLikeVerb && !hasAny(['action', 'side', 'order_action']) && hasAny(PICKMYTRADE_MARKERS)) {
    return 'pickmytrade';
  }
  if (isCrossTradeJson(fields)) return 'crosstrade';
  if (!fields.has('action')) return 'native';
  if (TRADERSPOST_ONLY_KEYS.some((key) => isTradersPostMarker(key, fields.get(key)))) {
    if (hasAny(MARKET_POSITION_KEYS)) {
      warnings.push('Both sentiment-style TradersPost keys and market_position were sent; reading it as a Just Trades alert (market_position wins).');
      return 'native';
    }
    return 'traderspost';
  }
  const action = fields.get('action');
  const verb = typeof action === 'string' ? action.trim().toLowerCase() : '';
  if (TRADERSPOST_ONLY_VERBS.includes(verb) && !hasAny(NATIVE_ONLY_KEYS)) return 'traderspost';
  return 'native';
}

/** takeProfit/stopLoss are TradersPost objects; a plain number there is a native tick override. */
function isTradersPostMarker(key: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (key === 'takeprofit' || key === 'stoploss') return value !== null && typeof value === 'object';
  return true;
}

function brokenJsonError(body: string, error: unknown): AlertParseError {
  const reason = error instanceof Error ? error.message : String(error);
  const match = /position (\d+)/.exec(reason);
  const position = match ? Number(match[1]) : body.length;
  const before = body.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return new AlertParseError(
    `The alert message looks like JSON but is broken at position ${position} (line ${line}, column ${column}): ` +
      `${reason}. It starts with: ${quoteStart(body)}`,
    null,
    'A double quote inside a value (for example a strategy comment like Take Profit "TP1") breaks JSON; ' +
      'remove it from the comment or the message template.',
  );
}
