import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage } from 'http';

/** Where a parsed JSON body keeps the source text of its top-level numbers (not enumerable: never echoed or validated). */
export const JSON_NUMBER_TEXTS = Symbol('jsonNumberTexts');

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The literal text of each top-level number of a JSON object, by key: `{"price": 21000.2500000000001}`
 * gives "21000.2500000000001", which a float would have rounded to a valid tick. Expects valid JSON.
 */
export function topLevelNumberTexts(json: string): Record<string, string> {
  const texts: Record<string, string> = {};
  let depth = 0;
  let key: string | null = null;
  let inValue = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      const end = stringEnd(json, i);
      if (depth === 1 && !inValue) key = JSON.parse(json.slice(i, end + 1)) as string;
      else if (depth === 1) inValue = false;
      i = end;
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth === 2) inValue = false;
    } else if (c === '}' || c === ']') depth--;
    else if (depth === 1 && c === ':') inValue = true;
    else if (depth === 1 && c === ',') inValue = false;
    else if (depth === 1 && inValue && (c === '-' || (c >= '0' && c <= '9'))) {
      NUMBER.lastIndex = i;
      const literal = NUMBER.exec(json)?.[0] ?? c;
      if (key !== null) texts[key] = literal;
      i += literal.length - 1;
      inValue = false;
    }
  }
  return texts;
}

/** A JSON number literal as a plain decimal string (exponent applied): "2.100025e4" -> "21000.25". */
export function plainDecimalText(literal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!match) return literal;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : point > digits.length ? digits + '0'.repeat(point - digits.length) : digits;
  const at = Math.max(point, 1);
  const intPart = padded.slice(0, at).replace(/^0+(?=\d)/, '');
  const fracPart = padded.slice(at);
  return `${sign}${intPart}${fracPart ? `.${fracPart}` : ''}`;
}

/** Express middleware after express.json({ verify: keepRawJson }): records the number texts on the body. */
export function attachJsonNumberTexts(req: Request, _res: Response, next: NextFunction): void {
  const raw = (req as unknown as RawJsonRequest).rawJson;
  if (raw !== undefined && req.body && typeof req.body === 'object' && !Array.isArray(req.body)) {
    Object.defineProperty(req.body, JSON_NUMBER_TEXTS, { value: topLevelNumberTexts(raw), enumerable: false });
  }
  next();
}

/** express.json's `verify`: keeps the body text, so numbers can be read from it exactly. */
export function keepRawJson(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  (req as RawJsonRequest).rawJson = buf.toString('utf8');
}

type RawJsonRequest = IncomingMessage & { rawJson?: string };

function stringEnd(json: string, start: number): number {
  let i = start + 1;
  while (i < json.length && json[i] !== '"') i += json[i] === '\\' ? 2 : 1;
  return i;
}
