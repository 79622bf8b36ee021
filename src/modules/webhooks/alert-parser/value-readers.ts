import { AlertParseError, StrategyPosition } from '../parsed-alert';

/**
 * Readers for single alert values. TradingView renders every placeholder as text, so a value may
 * arrive as a JSON number or as a string ("3", " 3 ", "3.0"); each reader accepts both and throws
 * an AlertParseError naming the field when the value can never be right.
 */

/** Keys are lower-cased once so `Ticker`, `ACTION` and `ticker` read the same. */
export type AlertFields = ReadonlyMap<string, unknown>;

export interface Picked {
  key: string;
  value: unknown;
}

const STRATEGY_TEMPLATE_HINT =
  'This looks like a strategy template attached to an indicator alert: TradingView only fills ' +
  '{{strategy.*}} placeholders for strategy alerts. Use a fixed value (e.g. "buy") in indicator alerts.';

export function toFields(record: Record<string, unknown>): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) {
    const lower = key.trim().toLowerCase();
    // an exact lower-case key beats a differently-cased duplicate
    if (!fields.has(lower) || key === lower) fields.set(lower, value);
  }
  return fields;
}

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** First key whose value is present and not blank (aliases in priority order). */
export function pick(fields: AlertFields, keys: readonly string[]): Picked | null {
  for (const key of keys) {
    const value = fields.get(key);
    if (!isBlank(value)) return { key, value };
  }
  return null;
}

/** First alias that is present at all, even blank: used to tell "missing" from "sent empty". */
export function firstPresentKey(fields: AlertFields, keys: readonly string[]): string | null {
  return keys.find((key) => fields.has(key)) ?? null;
}

export function isPlaceholder(value: unknown): value is string {
  return typeof value === 'string' && value.includes('{{');
}

/** Throws when TradingView left a `{{...}}` placeholder unrendered in a field we act on. */
export function rejectPlaceholder(field: string, value: unknown): void {
  if (!isPlaceholder(value)) return;
  const strategy = /\{\{\s*strategy\./i.test(value);
  throw new AlertParseError(
    `${field} is "${value}": TradingView did not fill in this placeholder.` +
      (strategy ? ` ${STRATEGY_TEMPLATE_HINT}` : ' Check the placeholder spelling in the alert message.'),
    field,
    strategy ? STRATEGY_TEMPLATE_HINT : null,
  );
}

export function emptyStrategyValueError(field: string): AlertParseError {
  return new AlertParseError(
    `${field} is empty. ${STRATEGY_TEMPLATE_HINT}`,
    field,
    STRATEGY_TEMPLATE_HINT,
  );
}

function scalarText(field: string, value: unknown, what: string): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new AlertParseError(`${field} must be ${what}, got ${describe(value)}.`, field);
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  return JSON.stringify(value) ?? String(value);
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Whole number from 3, "3", " 3 ", "3.0"; null when blank. */
export function readInteger(field: string, value: unknown, opts: { signed?: boolean } = {}): number | null {
  if (isBlank(value)) return null;
  rejectPlaceholder(field, value);
  const text = scalarText(field, value, 'a whole number');
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new AlertParseError(`${field} must be a whole number, got ${describe(value)}.`, field);
  }
  const [, sign, whole, fraction = ''] = match;
  if (/[^0]/.test(fraction)) {
    throw new AlertParseError(
      `${field} is ${text}: futures trade in whole contracts, so it must be a whole number.`,
      field,
    );
  }
  const magnitude = Number(whole === '' ? '0' : whole);
  if (!Number.isSafeInteger(magnitude)) {
    throw new AlertParseError(`${field} is ${text}, which is far too large.`, field);
  }
  if (sign === '-' && magnitude !== 0 && !opts.signed) {
    throw new AlertParseError(`${field} is ${text}: it cannot be negative.`, field);
  }
  return sign === '-' && magnitude !== 0 ? -magnitude : magnitude;
}

/** Order size in contracts; 0 reads as "not given" (warned) rather than a zero-lot order. */
export function readQuantity(field: string, value: unknown, warnings: string[]): number | null {
  const quantity = readInteger(field, value);
  if (quantity === 0) {
    warnings.push(`${field} is 0: read as "no quantity given".`);
    return null;
  }
  return quantity;
}

/** Price as a normalised decimal string; never converted to a float. */
export function readPrice(field: string, value: unknown): string | null {
  if (isBlank(value)) return null;
  rejectPlaceholder(field, value);
  const text = scalarText(field, value, 'a price');
  const match = DECIMAL.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new AlertParseError(
      `${field} must be a price like 21000.25, got ${describe(value)}.`,
      field,
    );
  }
  const [, sign, whole, fraction] = match;
  const intPart = whole === '' ? '0' : whole;
  const decimal = fraction === undefined || fraction === '' ? intPart : `${intPart}.${fraction}`;
  return sign === '-' ? `-${decimal}` : decimal;
}

/** TP/SL distance in ticks; 0 (or blank) means "no override". */
export function readTicks(field: string, value: unknown): number | null {
  const ticks = readInteger(field, value);
  return ticks === 0 ? null : ticks;
}

/** Value that reads as zero / off ("0", 0, "0.0", false, "false"): PickMyTrade's "feature off". */
export function isZeroLike(value: unknown): boolean {
  if (isBlank(value) || value === false || value === 0) return true;
  if (typeof value !== 'string') return false;
  const text = value.trim().toLowerCase();
  return text === 'false' || /^[+-]?0*(\.0*)?$/.test(text);
}

export function readBoolean(field: string, value: unknown): boolean {
  if (isBlank(value)) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (['true', 'yes', 'on', '1'].includes(text)) return true;
    if (['false', 'no', 'off', '0'].includes(text)) return false;
  }
  throw new AlertParseError(`${field} must be true or false, got ${describe(value)}.`, field);
}

/** Free text such as a ticker or an order id; numbers are kept as their text. */
export function readText(field: string, value: unknown): string | null {
  if (isBlank(value)) return null;
  rejectPlaceholder(field, value);
  return scalarText(field, value, 'text');
}

const ISO_TIME =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** {{timenow}}-style ISO time normalised to `toISOString()`; anything else warns and is null. */
export function readFiredAt(field: string, value: unknown, warnings: string[]): string | null {
  if (isBlank(value)) return null;
  const text = typeof value === 'string' ? value.trim() : null;
  const millis = text !== null && ISO_TIME.test(text) && isCalendarDate(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(millis)) {
    warnings.push(`${field} is ${describe(value)}, not an ISO-8601 time such as 2025-01-31T14:30:00Z: ignored.`);
    return null;
  }
  return new Date(millis).toISOString();
}

/** Date.parse accepts 2025-02-30; a real fire time never has a day its month lacks. */
function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}

const POSITION_WORDS: Record<string, StrategyPosition> = {
  long: 'LONG',
  short: 'SHORT',
  flat: 'FLAT',
};

/** `long` / `short` / `flat` as rendered by {{strategy.market_position}}. */
export function readPositionWord(
  field: string,
  value: unknown,
  extraWords: Record<string, StrategyPosition> = {},
): StrategyPosition {
  rejectPlaceholder(field, value);
  const words = { ...POSITION_WORDS, ...extraWords };
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const position = Object.prototype.hasOwnProperty.call(words, text) ? words[text] : undefined;
  if (!position) {
    throw new AlertParseError(
      `${field} is ${describe(value)}; expected one of: ${Object.keys(words).join(', ')}.`,
      field,
    );
  }
  return position;
}

/** Like readText, for fields we only record (ids): an unrendered placeholder warns instead of failing. */
export function readOptionalText(field: string, value: unknown, warnings: string[]): string | null {
  if (isPlaceholder(value)) {
    warnings.push(`${field} is "${value}": the placeholder was not filled in; ignored.`);
    return null;
  }
  return readText(field, value);
}

export interface ParseOptions {
  /** the recorder's symbol, used when the alert names none */
  defaultSymbol?: string | null;
}

export function quoteStart(text: string): string {
  return `"${text.slice(0, 120)}${text.length > 120 ? '...' : ''}"`;
}
