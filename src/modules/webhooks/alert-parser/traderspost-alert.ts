import { AlertParseError, AlertSizing, ParsedAlert } from '../parsed-alert';
import { Intent, StrategyState, parseVerb, resolveIntent } from './action-resolution';
import { readFirstFiredAt, readFirstPrice, readSymbol, rejectForeignDialects } from './native-alert';
import { readTradersPostBrackets } from './traderspost-brackets';
import { UnappliedRiskField, presentRiskFields, refuseUnappliedRiskFields } from './unapplied-risk-fields';
import {
  AlertFields,
  ParseOptions,
  describe,
  emptyStrategyValueError,
  firstPresentKey,
  isBlank,
  pick,
  readPositionWord,
  readPrice,
  readQuantity,
} from './value-readers';

/**
 * TradersPost JSON (alert-formats.md section 3). `sentiment` is the position expected after the
 * trade: flat closes without reversing, a sentiment against the verb is a partial exit.
 * Keys are matched lower-cased.
 */

export function readTradersPostAlert(fields: AlertFields, opts: ParseOptions, warnings: string[] = []): ParsedAlert {
  rejectForeignDialects(fields);
  const actionValue = fields.get('action');
  if (isBlank(actionValue)) throw emptyStrategyValueError('action');
  rejectUnsupportedVerbs(actionValue);
  const verb = parseVerb('action', actionValue);
  const target = readSentiment(fields);
  const riskSizing = readQuantityType(fields, verb.kind === 'SIDE');
  const quantityPick = riskSizing ? null : pick(fields, ['quantity']);
  const quantity = quantityPick ? readQuantity(quantityPick.key, quantityPick.value, warnings) : null;

  let intent: Intent;
  if (verb.kind === 'CLOSE') {
    if (target) {
      throw new AlertParseError(
        `action "${verb.word}" cannot be combined with sentiment: exit always closes. ` +
          'Remove sentiment, or use buy/sell with sentiment flat.',
        'sentiment',
      );
    }
    // TradersPost: an exit with a quantity smaller than the position is a partial exit
    intent = { directive: verb.side ? { kind: 'CLOSE', side: verb.side } : { kind: 'CLOSE' }, quantity };
  } else {
    if (target && target.position !== 'FLAT' && target.position !== verb.side && quantity === null) {
      throw new AlertParseError(
        `action "${verb.word}" with sentiment ${target.position === 'LONG' ? 'bullish' : 'bearish'} is a ` +
          'partial exit, which needs a quantity.',
        'quantity',
      );
    }
    if (target?.position === 'FLAT' && quantity !== null) {
      warnings.push('quantity is ignored with sentiment flat: the whole position is closed.');
    }
    intent = resolveIntent({ verb, target, previous: null, contracts: quantity }, warnings);
  }

  refuseUnappliedRiskFields(intent.directive, unappliedTradersPostFields(fields), warnings);
  const brackets = intent.directive.kind === 'ENTER' ? readTradersPostBrackets(fields) : null;
  return {
    ...(brackets ? { brackets } : {}),
    ...(riskSizing && intent.directive.kind === 'ENTER' ? { sizing: riskSizing } : {}),
    dialect: 'traderspost',
    directive: intent.directive,
    orderAction: verb.word,
    symbol: readSymbol(fields, ['ticker', 'symbol'], opts),
    price: readFirstPrice(fields, ['signalprice', 'price']),
    quantity: intent.quantity,
    target,
    previous: null,
    takeProfitTicks: null,
    stopLossTicks: null,
    firedAt: readFirstFiredAt(fields, ['time'], warnings),
    explicitId: null,
    strategyOrderId: null,
    warnings,
  };
}

function rejectUnsupportedVerbs(value: unknown): void {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (word === 'cancel') {
    throw new AlertParseError(
      'action "cancel" (cancel working orders) is not supported: Just Trades manages working orders itself.',
      'action',
    );
  }
  if (word === 'add') {
    throw new AlertParseError(
      'action "add" is not supported: send buy or sell so the side is explicit.',
      'action',
    );
  }
}

function readSentiment(fields: AlertFields): StrategyState | null {
  const picked = pick(fields, ['sentiment']);
  if (!picked) {
    if (firstPresentKey(fields, ['sentiment'])) throw emptyStrategyValueError('sentiment');
    return null;
  }
  const position = readPositionWord('sentiment', picked.value, { bullish: 'LONG', bearish: 'SHORT' });
  return { position, size: position === 'FLAT' ? 0 : null };
}

/**
 * `quantityType` (section 3.1): fixed_quantity is contracts; risk_dollar_amount / risk_percent make
 * `quantity` the dollars / percent of the balance at risk to the stop (contracts follow from the
 * stop). Notional and position-percent sizing cannot be reproduced for futures and are refused.
 */
function readQuantityType(fields: AlertFields, entry: boolean): AlertSizing | null {
  const value = fields.get('quantitytype');
  if (isBlank(value)) return null;
  const type = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (type === 'fixed_quantity') return null;
  if (entry && (type === 'risk_dollar_amount' || type === 'risk_percent')) {
    const amount = readPrice('quantity', fields.get('quantity'));
    if (amount === null || amount.startsWith('-') || Number(amount) === 0) {
      throw new AlertParseError(`quantityType ${type} needs quantity: the ${type === 'risk_percent' ? 'percent of the balance' : 'dollars'} at risk, more than 0.`, 'quantity');
    }
    const stop = fields.get('stoploss');
    if (stop === undefined || stop === null) {
      throw new AlertParseError(`quantityType ${type} sizes the entry against its stop: add a stopLoss.`, 'stopLoss');
    }
    return type === 'risk_percent' ? { riskPercent: amount } : { riskDollars: amount };
  }
  throw new AlertParseError(
    `quantityType is ${describe(value)}: futures are sized in contracts (fixed_quantity), or on an entry by risk to the stop ` +
      '(risk_dollar_amount, risk_percent); a dollar or equity amount, or a percent of the position, cannot be reproduced.',
    'quantityType',
  );
}

/** Order types TradersPost alerts can carry that the engine cannot apply (it sends market orders). */
const UNAPPLIED_RISK_FIELDS: Record<string, string> = {
  trailamount: 'a trailing stop order',
  trailpercent: 'a trailing stop order',
};

/** keys are matched lower-cased; the answer names them as TradersPost documents them */
const AS_DOCUMENTED: Record<string, string> = { trailamount: 'trailAmount', trailpercent: 'trailPercent' };

function unappliedTradersPostFields(fields: AlertFields): UnappliedRiskField[] {
  const found = presentRiskFields(fields, UNAPPLIED_RISK_FIELDS).map((f) => ({ ...f, field: AS_DOCUMENTED[f.field] }));
  const orderType = fields.get('ordertype');
  if (typeof orderType === 'string' && orderType.trim() !== '' && orderType.trim().toLowerCase() !== 'market') {
    found.push({ field: 'orderType', asks: `a ${orderType.trim()} order (only market orders are sent)` });
  }
  return found;
}
