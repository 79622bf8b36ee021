import { AlertParseError, ParsedAlert } from '../parsed-alert';
import { parseVerb, resolveIntent } from './action-resolution';
import { combineTarget } from './strategy-state';
import { UnappliedRiskField, refuseUnappliedRiskFields } from './unapplied-risk-fields';
import {
  ParseOptions,
  emptyStrategyValueError,
  isBlank,
  quoteStart,
  readInteger,
  readPositionWord,
  readPrice,
  readText,
} from './value-readers';

/**
 * TradeManager's plain-text messages (alert-formats.md section 6), pasted with or without the
 * outer quotes its UI shows:
 *   "MyStrat: {{strategy.order.action}}, Price = {{close}}, Ticker = {{ticker}}, Period = {{interval}},
 *    Action = {{strategy.market_position}}, Amount = {{strategy.position_size}}"
 * `Action` is the position after the fill; `Amount` the signed position size after the fill.
 */

const TRADEMANAGER_START = /^"?\s*[^:,="]+:\s*[A-Za-z{]/;
const TRADEMANAGER_KEY = /(?:^|,)\s*(?:price|ticker)\s*=/i;
const KNOWN_KEYS = ['price', 'ticker', 'period', 'action', 'amount'];
/** keys a trader may add by hand that would set an exit TradeManager's format does not carry */
const RISK_KEY = /^(tp|sl|take ?profit|stop ?loss|stop|target|trail(ing)?( ?stop)?|break ?even)$/;

export function looksLikeTradeManager(text: string): boolean {
  return TRADEMANAGER_START.test(text) && TRADEMANAGER_KEY.test(text);
}

export function parseTradeManagerAlert(text: string, opts: ParseOptions): ParsedAlert {
  const warnings: string[] = [];
  const body = text.replace(/^"\s*/, '').replace(/\s*"$/, '');
  const colon = body.indexOf(':');
  const [verbText, ...pairTexts] = body.slice(colon + 1).split(',');
  const pairs = new Map<string, string>();
  const riskKeys: UnappliedRiskField[] = [];
  for (const pairText of pairTexts) {
    if (pairText.trim() === '') continue;
    const equals = pairText.indexOf('=');
    if (equals < 0) {
      throw new AlertParseError(
        `"${pairText.trim()}" is not a "Key = value" pair in the TradeManager message ${quoteStart(text)}.`,
      );
    }
    const key = pairText.slice(0, equals).trim().toLowerCase();
    if (RISK_KEY.test(key)) {
      riskKeys.push({ field: pairText.slice(0, equals).trim(), asks: 'an exit set in the message' });
    } else if (!KNOWN_KEYS.includes(key)) {
      warnings.push(`TradeManager key "${pairText.slice(0, equals).trim()}" is not used; ignored.`);
    } else if (!pairs.has(key)) {
      pairs.set(key, pairText.slice(equals + 1).trim());
    }
  }

  const verb = parseVerb('order action', verbText.trim());
  const action = pairs.get('action');
  if (action !== undefined && isBlank(action)) throw emptyStrategyValueError('Action');
  const word = action === undefined ? null : readPositionWord('Action', action);
  const amount = readInteger('Amount', pairs.get('amount'), { signed: true });
  const target = combineTarget(
    word,
    'Action',
    null,
    amount === null ? null : { key: 'Amount', size: amount },
    warnings,
  );
  const intent = resolveIntent({ verb, target, previous: null, contracts: null }, warnings);
  refuseUnappliedRiskFields(intent.directive, riskKeys, warnings);
  return {
    dialect: 'trademanager',
    directive: intent.directive,
    orderAction: verb.word,
    symbol: readText('Ticker', pairs.get('ticker')) ?? opts.defaultSymbol ?? null,
    price: readPrice('Price', pairs.get('price')),
    quantity: intent.quantity,
    target,
    previous: null,
    takeProfitTicks: null,
    stopLossTicks: null,
    firedAt: null,
    explicitId: null,
    strategyOrderId: null,
    warnings,
  };
}
