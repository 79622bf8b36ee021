import type { Quote } from './fake-quotes';
import type { Action, OrderVersionEntity } from './fake-wire-types';

/**
 * When a working order executes against the scripted top of book, and at what price.
 * Market: Buy at the ask, Sell at the bid. Limit: marketable on arrival fills at the touch;
 * resting, it fills at its own price once the touch reaches it. Stop: triggers when the touch or
 * the last trade reaches the stop, then fills like a market order. StopLimit: triggers, then rests
 * as a limit.
 */
export interface MatchState {
  action: Action;
  version: OrderVersionEntity;
  /** StopLimit has been triggered */
  triggered: boolean;
}

export type MatchResult = { kind: 'fill'; price: number } | { kind: 'rest'; triggered: boolean } | { kind: 'noQuote' };

export function matchOrder(state: MatchState, quote: Quote | undefined, onArrival: boolean): MatchResult {
  const { action, version } = state;
  const touch = action === 'Buy' ? quote?.ask : quote?.bid;
  switch (version.orderType) {
    case 'Market':
      return touch === undefined ? { kind: 'noQuote' } : { kind: 'fill', price: touch };
    case 'Limit':
      return limitMatch(action, version.price as number, touch, onArrival, false);
    case 'Stop': {
      if (!stopTriggered(action, version.stopPrice as number, quote)) return { kind: 'rest', triggered: false };
      return { kind: 'fill', price: touch ?? (version.stopPrice as number) };
    }
    case 'StopLimit': {
      const triggered = state.triggered || stopTriggered(action, version.stopPrice as number, quote);
      if (!triggered) return { kind: 'rest', triggered: false };
      return limitMatch(action, version.price as number, touch, onArrival || !state.triggered, true);
    }
  }
}

function limitMatch(action: Action, limit: number, touch: number | undefined, taker: boolean, triggered: boolean): MatchResult {
  if (touch === undefined) return { kind: 'rest', triggered };
  const crosses = action === 'Buy' ? touch <= limit : touch >= limit;
  if (!crosses) return { kind: 'rest', triggered };
  return { kind: 'fill', price: taker ? touch : limit };
}

function stopTriggered(action: Action, stop: number, quote: Quote | undefined): boolean {
  if (!quote) return false;
  const prices = [action === 'Buy' ? quote.ask : quote.bid, quote.last].filter((p): p is number => p !== undefined);
  return prices.some((p) => (action === 'Buy' ? p >= stop : p <= stop));
}
