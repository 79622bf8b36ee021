import { ResolvedContract } from '../../core/contracts';
import { compareDecimal } from '../../core/money';
import { Recorder } from '../recorders/entities/recorder.entity';
import { AlertParseError, ParsedAlert } from './parsed-alert';

/** The recorder API refuses 1000+ contracts; an alert never asks for more than a recorder could be set to. */
export const RECORDER_MAX_QUANTITY = 1000;
/** no futures contract trades near ten million; a longer price is a typo or garbage, never a fill price */
const MAX_ALERT_PRICE = '10000000';

export interface AdmissionContext {
  recorder: Recorder;
  /** the contract the alert's ticker resolved to, and the one the recorder's symbol resolves to */
  contract: ResolvedContract;
  recorderContract: ResolvedContract;
  maxOrderQuantity: number;
}

/**
 * What a parsed alert must satisfy for this recorder before it is stored as accepted: its own
 * symbol, a sane price, a size under the caps. Throws AlertParseError (the webhook answers 400 and
 * stores the signal rejected); returns the alert, possibly with a capped quantity or a dropped
 * price and a warning saying so.
 */
export function admitAlert(alert: ParsedAlert, ctx: AdmissionContext): ParsedAlert {
  assertOwnSymbol(alert, ctx);
  assertAmountTraded(alert, ctx.recorder);
  return capQuantity(sanePrice(alert), ctx);
}

function assertOwnSymbol(alert: ParsedAlert, { recorder, contract, recorderContract }: AdmissionContext): void {
  const asked = contract.spec.root;
  const own = recorderContract.spec.root;
  if (asked === own || recorder.followAlertTicker) return;
  throw new AlertParseError(
    `ticker ${alert.symbol} (root ${asked}) is not this recorder's symbol ${recorder.symbol} (root ${own}): refused, nothing traded.`,
    'ticker',
    `Send ${asked} alerts to a recorder for ${asked}, or set followAlertTicker on this recorder to trade whatever ticker its alerts name.`,
  );
}

/**
 * A non-positive or off-scale price would fill the paper market there (and a 40-digit fill cannot
 * be booked). An entry with one is refused; a close still goes (G-4), without the price.
 */
function sanePrice(alert: ParsedAlert): ParsedAlert {
  if (alert.price === null) return alert;
  const problem =
    compareDecimal(alert.price, '0') <= 0 ? 'not above 0' : compareDecimal(alert.price, MAX_ALERT_PRICE) >= 0 ? `off-scale (${MAX_ALERT_PRICE} or more)` : null;
  if (!problem) return alert;
  const shown = alert.price.length > 24 ? `${alert.price.slice(0, 24)}...` : alert.price;
  if (alert.directive.kind === 'ENTER') {
    throw new AlertParseError(`price ${shown} is ${problem}: no market trades there.`, 'price', 'Send the bar price, e.g. "price": "{{close}}".');
  }
  return { ...alert, price: null, warnings: [...alert.warnings, `price ${shown} is ${problem}: ignored; the close goes out at market.`] };
}

function capQuantity(alert: ParsedAlert, { recorder, maxOrderQuantity }: AdmissionContext): ParsedAlert {
  if (alert.directive.kind !== 'ENTER' || alert.quantity === null) return alert;
  const cap = Math.min(maxOrderQuantity, RECORDER_MAX_QUANTITY);
  const which = cap === maxOrderQuantity ? `the hard cap JT_MAX_ORDER_QUANTITY ${cap}` : `the recorder maximum ${cap}`;
  if (alert.quantity <= cap) return alert;
  if (recorder.oversizedQuantity === 'cap') {
    return { ...alert, quantity: cap, warnings: [...alert.warnings, `quantity ${alert.quantity} is over ${which}: ${cap} traded (recorder oversizedQuantity "cap").`] };
  }
  throw new AlertParseError(
    `quantity ${alert.quantity} is over ${which}: refused, nothing traded.`,
    'quantity',
    'Send the strategy\'s order size, or set oversizedQuantity "cap" on the recorder to trade the cap instead.',
  );
}

/**
 * TradeManager's Amount is the strategy's position after the fill; the entry itself is sized by
 * the recorder. When the two disagree the alert asked for a size the engine would not trade.
 */
function assertAmountTraded(alert: ParsedAlert, recorder: Recorder): void {
  const size = alert.target?.size ?? null;
  if (alert.dialect !== 'trademanager' || alert.directive.kind !== 'ENTER' || alert.quantity !== null || size === null || size === recorder.quantity) return;
  throw new AlertParseError(
    `Amount = ${size} asks for a position of ${size}, but TradeManager's Amount is not applied: the recorder's quantity ${recorder.quantity} would be traded instead. Refused, nothing traded.`,
    'Amount',
    `Remove Amount from the message, or set the recorder's quantity to ${size}.`,
  );
}
