import { formatDecimal, toDecimal } from '../../../core/money';

/** EDGAR booleans come as 1/0 or true/false, in any case. */
export function edgarBool(text: string | undefined): boolean | null {
  if (text === undefined) return null;
  const t = text.trim().toLowerCase();
  if (t === '1' || t === 'true' || t === 'y' || t === 'yes') return true;
  if (t === '0' || t === 'false' || t === 'n' || t === 'no' || t === '') return false;
  return null;
}

/** "106150.00" -> "106150", "1,234.5" -> "1234.5"; null for anything that is not a number. */
export function edgarNumber(text: string | undefined): string | null {
  if (text === undefined) return null;
  const cleaned = text.replace(/[,$\s]/g, '').replace(/%$/, '');
  if (!/^-?\d*\.?\d+$|^-?\d+\.$/.test(cleaned)) return null;
  return formatDecimal(toDecimal(cleaned));
}

/** CIKs are keys: always 10 digits, zero-padded. */
export function padCik(cik: string | number | undefined | null): string | null {
  if (cik === undefined || cik === null) return null;
  const digits = String(cik).trim().replace(/^0+(?=\d)/, '');
  return /^\d{1,10}$/.test(digits) ? digits.padStart(10, '0') : null;
}

/** Schedule 13D/G XML writes MM/DD/YYYY; Form 4 writes YYYY-MM-DD (sometimes with an offset). */
export function isoDate(text: string | undefined): string | null {
  if (!text) return null;
  const t = text.trim();
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(t);
  if (us) return `${us[3]}-${us[1]}-${us[2]}`;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(t);
  return iso ? iso[1] : null;
}

export const PLAN_10B5_1 = /10b5-1/i;
