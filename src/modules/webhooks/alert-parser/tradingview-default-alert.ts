import { ParsedAlert } from '../parsed-alert';
import { parseVerb, resolveIntent } from './action-resolution';
import { combineTarget } from './strategy-state';
import { ParseOptions, readInteger, readQuantity } from './value-readers';

/**
 * TradingView's default strategy alert message, kept when the trader leaves the Message box as is:
 *   order buy @ 2 filled on MNQ1!. New strategy position is 2
 * The number after `@` is the order's contracts; the new position is signed (negative = short).
 */

const DEFAULT_MESSAGE =
  /^order\s+(\S+)\s+@\s+(\S+)\s+filled\s+on\s+(\S+?)\.\s*new\s+strategy\s+position\s+is\s+(\S+?)\.?$/i;

export function looksLikeTradingViewDefault(text: string): boolean {
  return DEFAULT_MESSAGE.test(text.trim());
}

export function parseTradingViewDefaultAlert(text: string, opts: ParseOptions): ParsedAlert {
  const warnings: string[] = [];
  const [, action, contractsText, ticker, positionText] = DEFAULT_MESSAGE.exec(text.trim()) as RegExpExecArray;
  const verb = parseVerb('order action', action);
  const contracts = readQuantity('order contracts', contractsText, warnings);
  const position = readInteger('new strategy position', positionText, { signed: true });
  const target = combineTarget(null, 'new strategy position', null, position === null ? null : { key: 'new strategy position', size: position }, warnings);
  const intent = resolveIntent({ verb, target, previous: null, contracts }, warnings);
  return {
    dialect: 'tradingview',
    directive: intent.directive,
    orderAction: verb.word,
    symbol: ticker || opts.defaultSymbol || null,
    price: null,
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
