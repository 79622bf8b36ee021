import { createHash } from 'crypto';
import { ParsedAlert } from './parsed-alert';

export interface DedupeKey {
  key: string;
  windowSec: number;
  basis: 'id' | 'fired_at' | 'content';
}

const sha = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/**
 * How a repeat of one alert is recognised (TradingView resends on 5xx after 5 s, up to 3 times):
 * - an explicit `id` is honoured for a day;
 * - with a fire time ({{timenow}}), the same fields and fire time within 2 minutes;
 * - otherwise the same ticker, action, quantity, price and strategy state within the content window
 *   (a resend is the same body: a different price is a different signal, e.g. a second DCA add).
 */
export function dedupeKeyFor(alert: ParsedAlert, contract: string, contentWindowSec: number): DedupeKey {
  if (alert.explicitId) return { key: sha(['id', alert.explicitId]), windowSec: 86_400, basis: 'id' };
  const what = [contract, alert.directive, alert.orderAction, alert.quantity, alert.price, alert.target, alert.previous, alert.strategyOrderId];
  if (alert.firedAt) return { key: sha(['fired', alert.firedAt, ...what]), windowSec: Math.max(120, contentWindowSec), basis: 'fired_at' };
  return { key: sha(['content', ...what]), windowSec: contentWindowSec, basis: 'content' };
}
