import { AlertParseError, ParsedAlert } from '../parsed-alert';
import { readNativeAlert } from './native-alert';
import { AlertFields, ParseOptions, describe, isBlank, readInteger, toFields } from './value-readers';

/**
 * 3Commas signal-bot JSON (alert-formats.md section 7): `action` plus a nested `strategy_info`
 * (the strategy's position after and before the fill) and `order.amount`. Read as the native
 * format with the same before/after rules; `max_lag` lowers the recorder's staleness limit.
 * `secret` and `bot_uuid` address 3Commas itself and are not used.
 */

export function isThreeCommasAlert(fields: AlertFields): boolean {
  return fields.has('secret') && fields.has('bot_uuid');
}

export function readThreeCommasAlert(fields: AlertFields, opts: ParseOptions, warnings: string[] = []): ParsedAlert {
  const info = nested(fields, 'strategy_info');
  const order = nested(fields, 'order');
  const native = new Map<string, unknown>();
  const copy = (to: string, from: AlertFields, key: string): void => {
    if (from.has(key)) native.set(to, from.get(key));
  };
  copy('action', fields, 'action');
  copy('ticker', fields, 'tv_instrument');
  copy('price', fields, 'trigger_price');
  copy('time', fields, 'timestamp');
  copy('quantity', order, 'amount');
  for (const key of ['market_position', 'market_position_size', 'prev_market_position', 'prev_market_position_size']) {
    copy(key, info, key);
  }
  const currency = order.get('currency_type');
  if (!isBlank(currency) && String(currency).trim().toLowerCase() !== 'contract') {
    throw new AlertParseError(
      `order.currency_type is ${describe(currency)}: futures are sized in whole contracts, so only "contract" is accepted.`,
      'order.currency_type',
    );
  }
  const alert = readNativeAlert(native, 'native', opts, warnings);
  return { ...alert, dialect: 'threecommas', maxLagSec: readMaxLag(fields.get('max_lag')) };
}

function nested(fields: AlertFields, key: string): AlertFields {
  const value = fields.get(key);
  if (value === undefined || value === null) return new Map();
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new AlertParseError(`${key} must be an object, got ${describe(value)}.`, key);
  }
  return toFields(value as Record<string, unknown>);
}

function readMaxLag(value: unknown): number | null {
  const seconds = readInteger('max_lag', value);
  if (seconds === 0) {
    throw new AlertParseError('max_lag is 0: no signal could ever be that fresh. Send the seconds a signal may be late, e.g. "300".', 'max_lag');
  }
  return seconds;
}
