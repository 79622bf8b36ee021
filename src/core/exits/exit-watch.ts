import type { ContractSpec } from '../contracts';
import { addDecimal, compareDecimal, formatDecimal, multiplyDecimal, type RoundingMode, roundPriceToTick, subtractDecimal } from '../money';
import type { ExitPlan } from './exit-plan';

/**
 * The prices of a plan for one position (from its average, on the tick: G-16) and the pure watch
 * that turns quotes into exits. The account monitor (exits) and the virtual book's watcher
 * (recorders) run the same code.
 */
export interface PlanLevels {
  long: boolean;
  /** the average the levels are measured from */
  avgPrice: string;
  takeProfits: { price: string; quantity: number | null }[];
  stopLoss: string | null;
  /** trailing starts once the best price reaches this; null = at once (or no trail) */
  trailTrigger: string | null;
  breakEvenTrigger: string | null;
  breakEvenStop: string | null;
}

/** What a watch remembers between quotes; persisted so a restart fires no level twice and no stop loosens. */
export interface WatchState {
  /** take-profit legs already fired, in order */
  levelsHit: number;
  /** the best price since the position opened (for the trailing stop) */
  bestPrice: string | null;
  /** the stop moved by the trail or the break-even: only ever tightens */
  ratchetStop: string | null;
  ratchetKind: 'trailing_stop' | 'break_even' | null;
  /** the stop fired: the whole position is being exited */
  stopHit: boolean;
}

export const FRESH_WATCH: WatchState = { levelsHit: 0, bestPrice: null, ratchetStop: null, ratchetKind: null, stopHit: false };

export type WatchExit =
  | { kind: 'take_profit'; level: number; price: string; quantity: number | null }
  | { kind: 'stop_loss' | 'trailing_stop' | 'break_even'; price: string; quantity: null };

/** A price `ticks` from `from`: toward profit or toward loss, rounded to the tick the given way. */
function away(from: string, ticks: number, up: boolean, spec: ContractSpec, mode: RoundingMode): string {
  const distance = multiplyDecimal(ticks, spec.tickSize);
  const raw = up ? addDecimal(from, distance) : subtractDecimal(from, distance);
  return roundPriceToTick(formatDecimal(raw), spec, mode);
}

export function planLevels(plan: ExitPlan, netPos: number, avgPrice: string, spec: ContractSpec): PlanLevels {
  const long = netPos > 0;
  // toward profit: up for a long; thresholds round away from the entry, stops round toward profit
  const profitward: RoundingMode = long ? 'up' : 'down';
  return {
    long,
    avgPrice,
    takeProfits: plan.takeProfits.map((leg) => ({ price: away(avgPrice, leg.ticks, long, spec, 'nearest'), quantity: leg.quantity })),
    stopLoss: plan.stopLossTicks ? away(avgPrice, plan.stopLossTicks, !long, spec, 'nearest') : null,
    trailTrigger: plan.trail && plan.trail.triggerTicks > 0 ? away(avgPrice, plan.trail.triggerTicks, long, spec, profitward) : null,
    breakEvenTrigger: plan.breakEven ? away(avgPrice, plan.breakEven.triggerTicks, long, spec, profitward) : null,
    breakEvenStop: plan.breakEven ? away(avgPrice, plan.breakEven.offsetTicks, long, spec, profitward) : null,
  };
}

/**
 * One quote against one position. Order: the best price moves, the break-even and the trail may
 * tighten the stop (never loosen it), a stop at or through the price exits everything; otherwise
 * each take-profit leg the price reached fires once, in order.
 */
export function watchQuote(plan: ExitPlan, levels: PlanLevels, state: WatchState, price: string, spec: ContractSpec): { state: WatchState; exits: WatchExit[] } {
  if (state.stopHit) return { state, exits: [] };
  const { long } = levels;
  // `a` is further in the position's favour than `b`
  const beyond = (a: string, b: string) => (long ? compareDecimal(a, b) > 0 : compareDecimal(a, b) < 0);
  const reached = (p: string, level: string) => compareDecimal(p, level) === 0 || beyond(p, level);

  const startBest = state.bestPrice ?? roundPriceToTick(levels.avgPrice, spec, 'nearest');
  const best = beyond(price, startBest) ? price : startBest;
  let ratchetStop = state.ratchetStop;
  let ratchetKind = state.ratchetKind;
  const tighten = (candidate: string, kind: 'trailing_stop' | 'break_even') => {
    if (ratchetStop === null || beyond(candidate, ratchetStop)) {
      ratchetStop = candidate;
      ratchetKind = kind;
    }
  };
  if (levels.breakEvenTrigger && levels.breakEvenStop && reached(best, levels.breakEvenTrigger)) tighten(levels.breakEvenStop, 'break_even');
  if (plan.trail && (levels.trailTrigger === null || reached(best, levels.trailTrigger))) {
    tighten(away(best, plan.trail.distanceTicks, !long, spec, long ? 'down' : 'up'), 'trailing_stop');
  }
  const next: WatchState = { ...state, bestPrice: best, ratchetStop, ratchetKind };

  let stop = levels.stopLoss;
  let stopKind: 'stop_loss' | 'trailing_stop' | 'break_even' = 'stop_loss';
  if (ratchetStop !== null && ratchetKind !== null && (stop === null || beyond(ratchetStop, stop))) {
    stop = ratchetStop;
    stopKind = ratchetKind;
  }
  if (stop !== null && !beyond(price, stop)) {
    return { state: { ...next, stopHit: true }, exits: [{ kind: stopKind, price: stop, quantity: null }] };
  }

  const exits: WatchExit[] = [];
  let levelsHit = state.levelsHit;
  while (levelsHit < levels.takeProfits.length && reached(price, levels.takeProfits[levelsHit].price)) {
    const leg = levels.takeProfits[levelsHit];
    levelsHit += 1;
    exits.push({ kind: 'take_profit', level: levelsHit, price: leg.price, quantity: levelsHit === levels.takeProfits.length ? null : leg.quantity });
  }
  return { state: { ...next, levelsHit }, exits };
}

/** The stop a watch would act on now (the tighter of the fixed stop and the ratchet), for display. */
export function effectiveStop(levels: PlanLevels, state: WatchState): string | null {
  const { stopLoss } = levels;
  if (state.ratchetStop === null) return stopLoss;
  if (stopLoss === null) return state.ratchetStop;
  const tighter = levels.long ? compareDecimal(state.ratchetStop, stopLoss) > 0 : compareDecimal(state.ratchetStop, stopLoss) < 0;
  return tighter ? state.ratchetStop : stopLoss;
}
