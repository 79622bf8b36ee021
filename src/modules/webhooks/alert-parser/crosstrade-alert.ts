import { AlertBrackets, AlertParseError, ExitMeasure, ParsedAlert, PositionSide } from '../parsed-alert';
import { parseVerb } from './action-resolution';
import { readNativeAlert } from './native-alert';
import { UnappliedRiskField, refuseUnappliedRiskFields } from './unapplied-risk-fields';
import { AlertFields, ParseOptions, describe, isBlank, quoteStart, readBoolean, readQuantity, readText } from './value-readers';

/**
 * CrossTrade commands (alert-formats.md section 5): `key=value;` pairs (or the same keys as JSON).
 * PLACE with flatten_first enters (with `sync_strategy`/`market_position` it follows the strategy's
 * state like a native alert; a plain PLACE nets at CrossTrade and is refused), CLOSEPOSITION and FLATTEN close. Commands whose CrossTrade behaviour needs the
 * broker position before the alert is read (REVERSE, require_market_position) or that manage
 * NinjaTrader orders (CANCEL, CHANGE, ATM templates) are refused with the reason. Brackets in
 * ticks, points, percent, dollars or price become the entry's exits.
 */

const CROSSTRADE_PAIR = /(?:^|[;\r\n])\s*(?:command|key)\s*=/i;
const MONTHS = ['F', 'G', 'H', 'J', 'K', 'M', 'N', 'Q', 'U', 'V', 'X', 'Z'];

export function looksLikeCrossTrade(text: string): boolean {
  return text.includes(';') && CROSSTRADE_PAIR.test(text);
}

export function isCrossTradeJson(fields: AlertFields): boolean {
  return fields.has('command') || (fields.has('key') && fields.has('instrument'));
}

/** `key=value;` pairs, newlines allowed; keys case-insensitive, the first of a repeated key wins. */
export function crossTradeFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const segment of text.split(/[;\r\n]+/)) {
    const pair = segment.trim();
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      throw new AlertParseError(
        `"${pair.slice(0, 60)}" is not a key=value pair; CrossTrade messages end every pair with ";". The message starts with: ${quoteStart(text)}`,
      );
    }
    const key = pair.slice(0, equals).trim().toLowerCase();
    if (!fields.has(key)) fields.set(key, pair.slice(equals + 1).trim());
  }
  return fields;
}

const ACCEPTED_COMMANDS_HINT =
  'Accepted: command=PLACE (action, qty, optional flatten_first, sync_strategy, take_profit/stop_loss), CLOSEPOSITION (optional qty) and FLATTEN.';

const REFUSED_COMMANDS: Record<string, string> = {
  reverse:
    'REVERSE flips whatever position the account holds and does nothing when flat; Just Trades reads an alert before it looks at the broker. ' +
    'Send command=PLACE with action (the new side), qty and flatten_first=true instead.',
  reverseposition:
    'REVERSEPOSITION enters only when a position already exists, which an alert cannot know. ' +
    'Send command=PLACE with action, qty and flatten_first=true, or add sync_strategy=true with market_position.',
  cancel: 'CANCEL works on NinjaTrader orders; Just Trades cancels the exits it placed itself when the position closes.',
  cancelorders: 'CANCELORDERS works on NinjaTrader orders; Just Trades cancels the exits it placed itself when the position closes.',
  change: 'CHANGE edits a NinjaTrader working order by order_id; Just Trades sends market orders only.',
  cancelandbracket: 'CANCELANDBRACKET replaces NinjaTrader brackets; set the exits on the recorder or with take_profit/stop_loss in ticks on a PLACE.',
  flatteneverything: 'FLATTENEVERYTHING would flatten every account; use the kill switch on the dashboard, or FLATTEN for this recorder.',
};

export function readCrossTradeAlert(fields: AlertFields, opts: ParseOptions, warnings: string[] = []): ParsedAlert {
  const commandValue = fields.get('command');
  if (isBlank(commandValue)) {
    throw new AlertParseError('command is missing: CrossTrade messages say what to do with command=.', 'command', ACCEPTED_COMMANDS_HINT);
  }
  const command = String(commandValue).trim().toLowerCase();
  if (REFUSED_COMMANDS[command]) {
    throw new AlertParseError(`command ${String(commandValue).trim()} is not supported: ${REFUSED_COMMANDS[command]}`, 'command', ACCEPTED_COMMANDS_HINT);
  }
  if (!isBlank(fields.get('kill_switch'))) {
    throw new AlertParseError('kill_switch cannot be operated from an alert; use the kill switch on the dashboard.', 'kill_switch');
  }
  warnIgnored(fields, warnings);
  const symbol = readInstrument(fields, opts);
  let alert: ParsedAlert;
  if (command === 'place') alert = readPlace(fields, opts, warnings);
  else if (command === 'closeposition' || command === 'flatten') alert = readClose(command, fields, opts, warnings);
  else {
    throw new AlertParseError(`command is ${describe(commandValue)}, which Just Trades does not know.`, 'command', ACCEPTED_COMMANDS_HINT);
  }
  return { ...alert, dialect: 'crosstrade', symbol, price: null, firedAt: null };
}

function readPlace(fields: AlertFields, opts: ParseOptions, warnings: string[]): ParsedAlert {
  const verb = parseVerb('action', fields.get('action'));
  if (verb.kind !== 'SIDE') {
    throw new AlertParseError(`action is ${describe(fields.get('action'))}: PLACE takes BUY or SELL; close with command=CLOSEPOSITION or FLATTEN.`, 'action');
  }
  if (isBlank(fields.get('qty'))) throw new AlertParseError('qty is missing: PLACE needs a whole number of contracts.', 'qty');
  if (!isBlank(fields.get('require_market_position'))) {
    throw new AlertParseError(
      'require_market_position blocks on the account\'s position, which an alert cannot see when it is read. ' +
        'Use sync_strategy=true with market_position and prev_market_position: Just Trades then follows the strategy\'s position.',
      'require_market_position',
    );
  }
  const native = new Map<string, unknown>([['action', fields.get('action')], ['qty', fields.get('qty')]]);
  const sync = readBoolean('sync_strategy', fields.get('sync_strategy'));
  if (sync || !isBlank(fields.get('market_position'))) {
    for (const key of ['market_position', 'prev_market_position']) if (fields.has(key)) native.set(key, fields.get(key));
    if (fields.has('target_quantity')) native.set('market_position_size', fields.get('target_quantity'));
    if (sync && isBlank(fields.get('market_position'))) {
      throw new AlertParseError('sync_strategy=true needs market_position={{strategy.market_position}} to know the strategy\'s position.', 'market_position');
    }
  } else if (!readBoolean('flatten_first', fields.get('flatten_first'))) {
    // a plain PLACE sells 1 against long 2 to leave long 1; reversing instead would put the account on the wrong side
    throw new AlertParseError(
      'A plain PLACE nets against the open position at CrossTrade (SELL 1 against long 2 leaves long 1); Just Trades closes or reverses and never nets, so the order is refused rather than traded on a guess.',
      'flatten_first',
      'Add flatten_first=true (close, then enter), or sync_strategy=true with market_position={{strategy.market_position}} and prev_market_position={{strategy.prev_market_position}}.',
    );
  }
  const side = verb.side;
  const found: UnappliedRiskField[] = [];
  const takeProfit = readBracket('take_profit', fields.get('take_profit'), side, 'TP');
  const stopLoss = readBracket('stop_loss', fields.get('stop_loss'), side, 'SL');
  const unapplied: Record<string, string> = {
    stop_loss_limit: 'a stop-limit stop loss', stop_loss_stop: 'a stop-limit stop loss', trail_offset: 'a trailing stop order',
    peg_difference: 'a trailing stop order', strategy: 'a NinjaTrader ATM strategy managing the exits', append_atm: 'a NinjaTrader ATM strategy',
    max_positions: 'a limit on open positions in the account', limit_price: 'a limit order', stop_price: 'a stop order',
  };
  for (const [key, asks] of Object.entries(unapplied)) if (!isBlank(fields.get(key))) found.push({ field: key, asks });
  const orderType = fields.get('order_type');
  if (!isBlank(orderType) && String(orderType).trim().toLowerCase() !== 'market') {
    found.push({ field: 'order_type', asks: `a ${String(orderType).trim()} order (only market orders are sent)` });
  }
  const alert = readNativeAlert(native, 'native', opts, warnings);
  refuseUnappliedRiskFields(alert.directive, found, warnings);
  if (alert.directive.kind !== 'ENTER' || (!takeProfit && !stopLoss)) return alert;
  const ticks = (measure: ExitMeasure | null): number | null => (measure?.unit === 'ticks' ? Number(measure.value) : null);
  const brackets: AlertBrackets = {
    ...(takeProfit && takeProfit.unit !== 'ticks' ? { takeProfit: [{ at: takeProfit }] } : {}),
    ...(stopLoss && stopLoss.unit !== 'ticks' ? { stopLoss } : {}),
  };
  return {
    ...alert,
    takeProfitTicks: ticks(takeProfit),
    stopLossTicks: ticks(stopLoss),
    ...(Object.keys(brackets).length ? { brackets } : {}),
  };
}

function readClose(command: string, fields: AlertFields, opts: ParseOptions, warnings: string[]): ParsedAlert {
  const qtyValue = fields.get('qty');
  let quantity: number | null = null;
  if (command === 'closeposition' && !isBlank(qtyValue)) {
    if (/%\s*$/.test(String(qtyValue))) {
      throw new AlertParseError(
        `qty is ${describe(qtyValue)}: closing a percent of the position is not supported yet; send a number of contracts, or omit qty to close it all.`,
        'qty',
      );
    }
    quantity = readQuantity('qty', qtyValue, warnings);
  } else if (!isBlank(qtyValue)) {
    warnings.push('qty is ignored by FLATTEN: the whole position is closed.');
  }
  const alert = readNativeAlert(new Map([['action', 'close']]), 'native', opts, warnings);
  return { ...alert, orderAction: command.toUpperCase(), quantity };
}

/**
 * A bracket leg as CrossTrade writes it, relative to the entry: `+20 ticks`, `-10 ticks`,
 * `15 points`, `250 dollars` (per contract), `0.5%`, or a plain price `21050.25`. A sign that puts
 * the leg on the wrong side of the entry is refused, never flipped.
 */
function readBracket(field: string, value: unknown, side: PositionSide, leg: 'TP' | 'SL'): ExitMeasure | null {
  if (isBlank(value)) return null;
  const text = String(value).trim();
  const relative = /^([+-]?)\s*(\d+(?:\.\d+)?)\s*(ticks?|points?|dollars?|%)$/i.exec(text);
  if (!relative) {
    const price = /^\d+(?:\.\d+)?$/.test(text) ? text : null;
    if (!price) {
      throw new AlertParseError(
        `${field} is "${text}"; CrossTrade writes a price (21050.25) or a distance such as "20 ticks", "15 points", "250 dollars" or "0.5%".`,
        field,
      );
    }
    return { unit: 'price', value: price };
  }
  const [, sign, amount, unitWord] = relative;
  const profitSign = (side === 'LONG') === (leg === 'TP') ? '+' : '-';
  if (sign !== '' && sign !== profitSign) {
    throw new AlertParseError(
      `${field} is "${text}", which puts the ${leg === 'TP' ? 'take profit' : 'stop loss'} on the wrong side of a ${side.toLowerCase()} entry; use ${profitSign}${amount} ${unitWord}.`,
      field,
    );
  }
  if (Number(amount) === 0) return null;
  const unit = unitWord === '%' ? 'percent' : (unitWord.toLowerCase().replace(/s$/, '') + 's') as 'ticks' | 'points' | 'dollars';
  return { unit, value: amount };
}

/** `MNQ 03-27` (NinjaTrader month-year) becomes MNQH27; TradingView spellings pass through. */
function readInstrument(fields: AlertFields, opts: ParseOptions): string | null {
  const text = readText('instrument', fields.get('instrument'));
  if (text === null) return opts.defaultSymbol ?? null;
  const dated = /^([A-Za-z0-9]+)\s+(\d{1,2})-(\d{2})$/.exec(text);
  if (!dated) return text;
  const month = Number(dated[2]);
  if (month < 1 || month > 12) throw new AlertParseError(`instrument "${text}" has no month ${dated[2]}; NinjaTrader writes MNQ 03-27 for March 2027.`, 'instrument');
  return `${dated[1].toUpperCase()}${MONTHS[month - 1]}${dated[3]}`;
}

function warnIgnored(fields: AlertFields, warnings: string[]): void {
  if (!isBlank(fields.get('account'))) warnings.push('account is not used: the recorder\'s traders choose the accounts.');
  for (const key of ['destination', 'strategy_tag']) if (!isBlank(fields.get(key))) warnings.push(`${key} is not used here.`);
}
