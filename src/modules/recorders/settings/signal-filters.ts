import type { AlertDirective } from '../../../core/alerts/parsed-alert';
import { directionAllows } from './direction-filter';
import type { EffectiveSettings } from './effective-settings';
import { insideTradingWindows } from './trading-windows';

/** What the stateful filters remember for one recorder/trader this session day. */
export interface FilterCounts {
  entrySignals: number;
  entriesTaken: number;
  lastEntryAt: string | null;
}

/** The setting that blocked an entry, and why in the trader's words. */
export interface Blocked {
  setting: 'directionFilter' | 'tradingWindows' | 'cooldownSec' | 'maxSignalsPerDay' | 'everyNthSignal';
  reason: string;
}

/** buy <-> sell; a close stays a close (only the side it names flips, as the inverted position is on the other side). */
export function inverted(directive: AlertDirective): AlertDirective {
  const flip = (side: 'LONG' | 'SHORT'): 'LONG' | 'SHORT' => (side === 'LONG' ? 'SHORT' : 'LONG');
  if (directive.kind === 'CLOSE') return directive.side ? { kind: 'CLOSE', side: flip(directive.side) } : directive;
  return { ...directive, side: flip(directive.side) };
}

/**
 * Whether an entry passes the filters, in order: direction, trading windows, cooldown, max signals
 * per day, every Nth. Closes and reduces are never filtered. `counts` are before this signal;
 * `entrySignals` counts this one only if it got past direction and windows.
 */
export function entryBlockedBy(settings: EffectiveSettings, directive: AlertDirective, now: Date, counts: FilterCounts): Blocked | null {
  if (directive.kind !== 'ENTER') return null;
  if (!directionAllows(settings.directionFilter, directive.side)) {
    return { setting: 'directionFilter', reason: `directionFilter "${settings.directionFilter}" blocks a ${directive.side} entry` };
  }
  if (!insideTradingWindows(now, settings.timeZone, settings.windows)) {
    return { setting: 'tradingWindows', reason: `outside the trading windows ${settings.windows.map((w) => `${w.start}-${w.end}`).join(', ')} (${settings.timeZone})` };
  }
  if (settings.cooldownSec > 0 && counts.lastEntryAt) {
    const since = (now.getTime() - Date.parse(counts.lastEntryAt)) / 1000;
    if (since < settings.cooldownSec) return { setting: 'cooldownSec', reason: `cooldown: ${Math.floor(since)} s since the last entry, cooldownSec is ${settings.cooldownSec}` };
  }
  if (settings.maxSignalsPerDay !== null && counts.entriesTaken >= settings.maxSignalsPerDay) {
    return { setting: 'maxSignalsPerDay', reason: `maxSignalsPerDay ${settings.maxSignalsPerDay} reached this session day (it resets at 17:00 Chicago)` };
  }
  const nth = settings.everyNthSignal;
  if (nth > 1 && (counts.entrySignals + 1) % nth !== 0) {
    return { setting: 'everyNthSignal', reason: `everyNthSignal ${nth}: entry signal ${counts.entrySignals + 1} of the session day is skipped (only every ${nth}th is traded)` };
  }
  return null;
}

/** Whether the signal counts toward every-Nth (it got past direction and windows). */
export function countsAsEntrySignal(blocked: Blocked | null): boolean {
  return !blocked || blocked.setting === 'cooldownSec' || blocked.setting === 'maxSignalsPerDay' || blocked.setting === 'everyNthSignal';
}
