import { ContractSpec } from '../contracts';
import { compareDecimal, divideDecimal, formatDecimal, multiplyDecimal, roundPriceToTick, subtractDecimal, addDecimal } from '../money';
import { DcaLevel, DcaSettings } from './dca-settings';

/**
 * What the ladder remembers about one position (stored per position key): which levels are done,
 * the add in flight, and how often a level was tried. A new position key starts a fresh ladder.
 */
export interface LadderState {
  positionKey: string;
  /** levels whose add filled (or, after a restart, was in flight: never sent again) */
  filled: number[];
  /** levels passed over: at the cap in skip mode, or an add that failed and is not retried */
  skipped: number[];
  /** the add requested and not yet settled */
  pending: { level: number; attempt: number } | null;
  /** attempts per level so far (a retried level gets a new order key) */
  attempts: Record<string, number>;
}

export function freshLadder(positionKey: string): LadderState {
  return { positionKey, filled: [], skipped: [], pending: null, attempts: {} };
}

/** After a restart an add we cannot know the fate of counts as made: a level never fires twice. */
export function afterRestart(state: LadderState): LadderState {
  if (!state.pending) return state;
  return { ...state, filled: [...state.filled, state.pending.level], pending: null };
}

export type LadderDecision =
  | { kind: 'none'; reason: string }
  | { kind: 'add'; level: number; attempt: number; quantity: number; triggerPrice: string }
  | { kind: 'skip'; level: number; triggerPrice: string; reason: string };

export interface LadderInput {
  settings: DcaSettings;
  state: LadderState;
  /** signed position now */
  netPos: number;
  avgPrice: string;
  price: string;
  spec: ContractSpec;
  /** contracts a level adds for this holder (the trader's multiplier applied) */
  quantityOf: (level: DcaLevel) => number;
  /** total position cap for this holder (null = none) */
  cap: number | null;
  /** ATR(period) of bars of timeframeSec, null while warming up */
  atrOf: (period: number, timeframeSec: number) => string | null;
}

/**
 * The price at which a level fires: the average entry moved against the position by the level's
 * distance, rounded to the first whole tick at or beyond it (down for a long, up for a short).
 * TICKS: value x tick size; PERCENT: average x value / 100; ATR: k x ATR(n). Null while the ATR warms up.
 */
export function triggerPrice(level: DcaLevel, side: 'LONG' | 'SHORT', avgPrice: string, spec: ContractSpec, atrOf: LadderInput['atrOf']): string | null {
  const distance = levelDistance(level, avgPrice, spec, atrOf);
  if (distance === null) return null;
  return side === 'LONG' ? roundPriceToTick(subtractDecimal(avgPrice, distance), spec, 'down') : roundPriceToTick(addDecimal(avgPrice, distance), spec, 'up');
}

function levelDistance(level: DcaLevel, avgPrice: string, spec: ContractSpec, atrOf: LadderInput['atrOf']): string | null {
  if (level.trigger === 'TICKS') return formatDecimal(multiplyDecimal(spec.tickSize, level.value));
  if (level.trigger === 'PERCENT') return formatDecimal(divideDecimal(multiplyDecimal(avgPrice, level.value), 100, 10, 'nearest'));
  const atr = atrOf(level.atrPeriod ?? 14, level.atrTimeframeSec ?? 60);
  return atr === null ? null : formatDecimal(multiplyDecimal(atr, level.value));
}

/** The next level not yet done, in ladder order; null when every level is done. */
export function nextLevel(settings: DcaSettings, state: LadderState): number | null {
  for (let i = 0; i < settings.levels.length; i++) if (!state.filled.includes(i) && !state.skipped.includes(i)) return i;
  return null;
}

/** On one price: does the next level fire, and how many contracts does it add (the caps applied)? */
export function decideAdd(input: LadderInput): LadderDecision {
  const { settings, state, netPos, avgPrice, price, spec } = input;
  if (!settings.enabled || netPos === 0) return { kind: 'none', reason: 'no ladder' };
  if (state.pending) return { kind: 'none', reason: `level ${state.pending.level + 1} in flight` };
  const made = state.filled.length;
  if (settings.maxAdds !== null && made >= settings.maxAdds) return { kind: 'none', reason: 'max adds reached' };
  const index = nextLevel(settings, state);
  if (index === null) return { kind: 'none', reason: 'ladder done' };
  const level = settings.levels[index];
  const side = netPos > 0 ? 'LONG' : 'SHORT';
  const trigger = triggerPrice(level, side, avgPrice, spec, input.atrOf);
  if (trigger === null) return { kind: 'none', reason: 'ATR warming up' };
  const reached = side === 'LONG' ? compareDecimal(price, trigger) <= 0 : compareDecimal(price, trigger) >= 0;
  if (!reached) return { kind: 'none', reason: 'not reached' };
  const wanted = input.quantityOf(level);
  if (wanted <= 0) return { kind: 'skip', level: index, triggerPrice: trigger, reason: 'level quantity 0 after the multiplier' };
  const room = input.cap === null ? wanted : input.cap - Math.abs(netPos);
  if (room <= 0) return { kind: 'skip', level: index, triggerPrice: trigger, reason: `at the cap of ${input.cap}` };
  if (room < wanted && settings.capMode === 'skip') return { kind: 'skip', level: index, triggerPrice: trigger, reason: `adding ${wanted} would pass the cap of ${input.cap}` };
  const attempt = (state.attempts[String(index)] ?? 0) + 1;
  return { kind: 'add', level: index, attempt, quantity: Math.min(wanted, room), triggerPrice: trigger };
}

/** The state once an add is requested (stored before the request goes out). */
export function markPending(state: LadderState, level: number, attempt: number): LadderState {
  return { ...state, pending: { level, attempt }, attempts: { ...state.attempts, [String(level)]: attempt } };
}

export function markSkipped(state: LadderState, level: number): LadderState {
  return { ...state, skipped: [...state.skipped, level], pending: state.pending?.level === level ? null : state.pending };
}

/** The broker's word on the add in flight: filled, or failed (retried on a later price only when configured). */
export function settleAdd(state: LadderState, level: number, filled: boolean, retry: boolean): LadderState {
  if (state.pending?.level !== level) return state;
  if (filled) return { ...state, filled: [...state.filled, level], pending: null };
  return retry ? { ...state, pending: null } : markSkipped(state, level);
}
