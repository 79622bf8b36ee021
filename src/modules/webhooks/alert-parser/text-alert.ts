import { AlertParseError, ParsedAlert } from '../parsed-alert';
import { ACCEPTED_ACTION_WORDS, lookupVerb, parseVerb, resolveIntent } from './action-resolution';
import { readNativeAlert } from './native-alert';
import { crossTradeFields, looksLikeCrossTrade, readCrossTradeAlert } from './crosstrade-alert';
import { looksLikeTradeManager, parseTradeManagerAlert } from './trademanager-alert';
import { looksLikeTradingViewDefault, parseTradingViewDefaultAlert } from './tradingview-default-alert';
import { ParseOptions, isPlaceholder, quoteStart, readQuantity } from './value-readers';

/**
 * Plain-text alert bodies (alert-formats.md section 10, step 3): TradingView's default strategy
 * message, TradeManager messages, CrossTrade `key=value;` commands,
 * `key=value` pairs separated by `,` `;` or newlines (same keys as native JSON), and a lone action
 * word with an optional quantity (`buy`, `SELL 2`, `close`). Anything else can never succeed.
 */

export function parseTextAlert(text: string, opts: ParseOptions): ParsedAlert {
  if (looksLikeTradingViewDefault(text)) return parseTradingViewDefaultAlert(text, opts);
  if (looksLikeTradeManager(text)) return parseTradeManagerAlert(text, opts);
  const body = stripOuterQuotes(text);
  if (looksLikeCrossTrade(body)) return readCrossTradeAlert(crossTradeFields(body), opts);
  if (body.includes('=')) return readNativeAlert(parseKeyValues(body, text), 'kv', opts);
  const word = /^(\S+)(?:\s+(\S+))?$/.exec(body);
  if (word && (lookupVerb(word[1]) || isPlaceholder(word[1]))) return parseLoneWord(word[1], word[2], opts);
  if (word && /^[A-Za-z_-]+$/.test(word[1])) {
    throw new AlertParseError(
      `"${word[1]}" is not an action this app knows. Accepted: ${ACCEPTED_ACTION_WORDS.join(', ')}.`,
      'action',
    );
  }
  throw new AlertParseError(
    `The alert message is not JSON, key=value pairs, a TradeManager message or an action word. ` +
      `It starts with: ${quoteStart(text)}`,
    null,
    'Use the Just Trades alert template, e.g. {"action": "buy", "ticker": "{{ticker}}", "price": "{{close}}"}.',
  );
}

function stripOuterQuotes(text: string): string {
  const quoted = /^"([\s\S]*)"$/.exec(text) ?? /^'([\s\S]*)'$/.exec(text);
  return quoted ? quoted[1].trim() : text;
}

function parseKeyValues(body: string, original: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const segment of body.split(/[,;\r\n]+/)) {
    const pair = segment.trim();
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      throw new AlertParseError(
        `"${pair.slice(0, 60)}" is not a key=value pair. Separate pairs with commas, semicolons or new lines. ` +
          `The message starts with: ${quoteStart(original)}`,
      );
    }
    const key = pair.slice(0, equals).trim().toLowerCase();
    const value = stripOuterQuotes(pair.slice(equals + 1).trim());
    if (!fields.has(key)) fields.set(key, value);
  }
  return fields;
}

function parseLoneWord(word: string, quantityText: string | undefined, opts: ParseOptions): ParsedAlert {
  const warnings: string[] = [];
  const verb = parseVerb('action', word);
  const contracts = quantityText === undefined ? null : readQuantity('quantity', quantityText, warnings);
  const intent = resolveIntent({ verb, target: null, previous: null, contracts }, warnings);
  return {
    dialect: 'word',
    directive: intent.directive,
    orderAction: verb.word,
    symbol: opts.defaultSymbol ?? null,
    price: null,
    quantity: intent.quantity,
    target: null,
    previous: null,
    takeProfitTicks: null,
    stopLossTicks: null,
    firedAt: null,
    explicitId: null,
    strategyOrderId: null,
    warnings,
  };
}
