import type { ContractDeadline, ContractSpec } from './contract-specs';

/**
 * Which listed contract a continuous symbol (`1!`, `2!`) means on a given day.
 *
 * Dates are UTC calendar days. UTC midnight falls 1-2 h after the CME session opens (17:00 CT),
 * so the UTC date matches the exchange trade date for all but the first hour or two of a session.
 * Business days are Monday-Friday; exchange holidays are ignored, and the days-before margin of
 * every roll rule is wider than any holiday shift.
 */
export const MONTH_CODES = 'FGHJKMNQUVXZ';

export interface ContractMonth {
  readonly monthCode: string;
  /** 4-digit year. */
  readonly year: number;
}

const MS_PER_DAY = 86_400_000;
const FRIDAY = 5;
const WEDNESDAY = 3;

/** 1 for F (January) to 12 for Z (December). */
export function monthNumber(monthCode: string): number {
  const index = monthCode.length === 1 ? MONTH_CODES.indexOf(monthCode.toUpperCase()) : -1;
  if (index < 0) throw new RangeError(`"${monthCode}" is not a futures month code (${MONTH_CODES})`);
  return index + 1;
}

export function monthCodeOf(month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Month ${month} is not 1-12`);
  return MONTH_CODES[month - 1];
}

/** The last day we would hold the contract (expiry, or first notice day for delivered products). */
export function contractDeadline(spec: ContractSpec, contract: ContractMonth): Date {
  return fromDay(deadlineDay(spec.roll.deadline, contract.year, monthNumber(contract.monthCode)));
}

/** From this UTC day on, `1!` means the next listed contract. */
export function rollDate(spec: ContractSpec, contract: ContractMonth): Date {
  return fromDay(rollDay(spec, contract.year, monthNumber(contract.monthCode)));
}

/**
 * The listed contract a continuous symbol means at `now`: position 1 is `1!` (the front month),
 * position 2 is `2!` (the one after it).
 */
export function frontMonth(spec: ContractSpec, now: Date, position = 1): ContractMonth {
  if (!Number.isInteger(position) || position < 1) {
    throw new RangeError(`Continuous contract position must be 1 or more, got ${position}`);
  }
  if (Number.isNaN(now.getTime())) throw new RangeError('frontMonth needs a valid date');
  const today = toDay(now);
  const live: ContractMonth[] = [];
  // Every contract of an earlier year has rolled by January; two years ahead covers any position we list.
  for (let year = now.getUTCFullYear(); live.length < position; year += 1) {
    for (const monthCode of spec.months) {
      if (rollDay(spec, year, monthNumber(monthCode)) > today) live.push({ monthCode, year });
    }
  }
  return live[position - 1];
}

function rollDay(spec: ContractSpec, year: number, month: number): number {
  return deadlineDay(spec.roll.deadline, year, month) - spec.roll.rollDaysBefore;
}

function deadlineDay(deadline: ContractDeadline, year: number, month: number): number {
  switch (deadline.kind) {
    case 'thirdFridayOfContractMonth':
      return nthWeekdayOfMonth(year, month, FRIDAY, 3);
    case 'businessDaysBeforeThirdWednesday':
      return businessDaysBefore(nthWeekdayOfMonth(year, month, WEDNESDAY, 3), deadline.businessDays);
    case 'businessDaysBefore25thOfPriorMonth': {
      // When the 25th is a weekend day, CME counts back from the business day before it.
      const the25th = dayOf(year, month - 1, 25);
      const anchor = isBusinessDay(the25th) ? the25th : businessDaysBefore(the25th, 1);
      return businessDaysBefore(anchor, deadline.businessDays);
    }
    case 'businessDaysBeforeFirstOfContractMonth':
      return businessDaysBefore(dayOf(year, month, 1), deadline.businessDays);
    case 'lastBusinessDayOfPriorMonth':
      return businessDaysBefore(dayOf(year, month, 1), 1);
  }
}

/** Day number (days since 1970-01-01) of a UTC calendar date; month may run outside 1-12. */
function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function toDay(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

function fromDay(day: number): Date {
  return new Date(day * MS_PER_DAY);
}

function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

function isBusinessDay(day: number): boolean {
  const w = weekday(day);
  return w !== 0 && w !== 6;
}

function businessDaysBefore(day: number, count: number): number {
  let current = day;
  for (let remaining = count; remaining > 0; ) {
    current -= 1;
    if (isBusinessDay(current)) remaining -= 1;
  }
  return current;
}

function nthWeekdayOfMonth(year: number, month: number, targetWeekday: number, n: number): number {
  const first = dayOf(year, month, 1);
  const offset = (targetWeekday - weekday(first) + 7) % 7;
  return first + offset + 7 * (n - 1);
}
