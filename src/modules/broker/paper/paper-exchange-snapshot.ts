import type { BrokerFill } from '../broker.port';
import { fraction } from './paper-decimal';
import type { PaperQuote } from './paper-order-matching';
import type { PaperOrderRecord } from './paper-order-record';
import type { PaperPosition } from './paper-position';

export const PAPER_SNAPSHOT_VERSION = 1;

export interface PaperAccount {
  id: string;
  /** absolute contracts per contract; null = no cap */
  maxPosition: number | null;
}

export interface PaperPositionRecord {
  accountRef: string;
  contract: string;
  netPos: number;
  /** the exact average as a fraction of integers (decimal strings); null when flat */
  avgPrice: { numerator: string; denominator: string } | null;
}

/** Everything the paper exchange knows, as plain JSON; restore(snapshot) gives back the same exchange. */
export interface PaperExchangeSnapshot {
  version: typeof PAPER_SNAPSHOT_VERSION;
  accounts: PaperAccount[];
  quotes: PaperQuote[];
  /** working orders plus the last terminal ones per account, in placement order */
  orders: PaperOrderRecord[];
  positions: PaperPositionRecord[];
  /** the last fills per account, oldest first */
  fills: BrokerFill[];
  counters: { nextOrderId: number; nextFillId: number };
}

export function positionToRecord(position: PaperPosition): PaperPositionRecord {
  return {
    accountRef: position.accountRef,
    contract: position.contract,
    netPos: position.netPos,
    avgPrice: position.avgPrice
      ? { numerator: position.avgPrice.num.toString(), denominator: position.avgPrice.den.toString() }
      : null,
  };
}

export function positionFromRecord(record: PaperPositionRecord): PaperPosition {
  return {
    accountRef: record.accountRef,
    contract: record.contract,
    netPos: record.netPos,
    avgPrice: record.avgPrice ? fraction(BigInt(record.avgPrice.numerator), BigInt(record.avgPrice.denominator)) : null,
  };
}

/** Snapshots are handed to callers who store and mutate them; never share objects with live state. */
export function copyPlain<T>(value: T): T {
  return structuredClone(value);
}
