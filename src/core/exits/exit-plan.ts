import { divideDecimal, formatDecimal, multiplyDecimal, roundDecimal } from '../money';

/**
 * The exits a position carries, fixed when it opens: take-profit legs, a stop loss, a trailing
 * stop and a break-even, all in ticks from the position's average price. Quantities are the
 * trader's (already scaled by the multiplier). It travels EnterPosition -> order -> position.
 */
export interface TakeProfitLeg {
  ticks: number;
  /** contracts this leg takes off; null = whatever is left (always and only the last leg) */
  quantity: number | null;
}

export interface ExitPlan {
  /** ascending ticks; empty = no take profit */
  takeProfits: TakeProfitLeg[];
  stopLossTicks: number | null;
  /** the stop follows the best price at `distanceTicks` once price moved `triggerTicks` in favour (0 = at once) */
  trail: { triggerTicks: number; distanceTicks: number } | null;
  /** after `triggerTicks` of profit the stop moves to entry +/- `offsetTicks` */
  breakEven: { triggerTicks: number; offsetTicks: number } | null;
}

/** A recorder's exit settings, as stored (null = not set). */
export interface ExitRules {
  takeProfitTicks: number | null;
  stopLossTicks: number | null;
  takeProfitLevels: { ticks: number; quantity?: number | null }[] | null;
  trailTriggerTicks: number | null;
  trailDistanceTicks: number | null;
  breakEvenTicks: number | null;
  breakEvenOffsetTicks: number | null;
}

/** An alert's own exit values; null or absent = the recorder's apply (an alert's 0 already reads as null). */
export interface ExitOverrides {
  takeProfitTicks?: number | null;
  /** a take-profit ladder in ticks; a leg takes contracts, percent of the entry, or (last) the rest */
  takeProfitLegs?: { ticks: number; quantity?: number | null; percentOfPosition?: number | null }[] | null;
  stopLossTicks?: number | null;
  trailDistanceTicks?: number | null;
  trailTriggerTicks?: number | null;
  breakEvenTicks?: number | null;
  breakEvenOffsetTicks?: number | null;
}

/**
 * The plan one trader's entry carries: the alert beats the recorder; leg quantities times the
 * trader's multiplier, each leg at least 1 contract (G-20). Null when there is nothing to watch.
 */
export function exitPlanFor(rules: ExitRules, overrides: ExitOverrides | null | undefined, multiplier: string, entryQuantity: number | null = null): ExitPlan | null {
  const o = overrides ?? {};
  const takeProfits: TakeProfitLeg[] = o.takeProfitLegs?.length
    ? overrideLegs(o.takeProfitLegs, multiplier, entryQuantity)
    : o.takeProfitTicks
    ? [{ ticks: o.takeProfitTicks, quantity: null }]
    : rules.takeProfitLevels?.length
      ? rules.takeProfitLevels.map((leg, i, all) => ({ ticks: leg.ticks, quantity: i === all.length - 1 ? null : scaledLeg(leg.quantity ?? 1, multiplier) }))
      : rules.takeProfitTicks
        ? [{ ticks: rules.takeProfitTicks, quantity: null }]
        : [];
  const distance = o.trailDistanceTicks ?? rules.trailDistanceTicks;
  const beTicks = o.breakEvenTicks ?? rules.breakEvenTicks;
  const plan: ExitPlan = {
    takeProfits,
    stopLossTicks: o.stopLossTicks ?? rules.stopLossTicks ?? null,
    trail: distance ? { triggerTicks: o.trailTriggerTicks ?? rules.trailTriggerTicks ?? 0, distanceTicks: distance } : null,
    // an offset at or past the trigger would stop out the moment it arms: keep it a tick inside
    breakEven: beTicks ? { triggerTicks: beTicks, offsetTicks: Math.min(o.breakEvenOffsetTicks ?? rules.breakEvenOffsetTicks ?? 0, beTicks - 1) } : null,
  };
  return hasExits(plan) ? plan : null;
}

/**
 * An alert's ladder: contracts scale with the multiplier, a percent trim is of the trader's entry
 * (already scaled), each at least 1; the last leg takes the rest.
 */
function overrideLegs(legs: NonNullable<ExitOverrides['takeProfitLegs']>, multiplier: string, entryQuantity: number | null): TakeProfitLeg[] {
  const sorted = [...legs].sort((a, b) => a.ticks - b.ticks);
  return sorted.map((leg, i) => {
    if (i === sorted.length - 1) return { ticks: leg.ticks, quantity: null };
    if (leg.percentOfPosition != null) {
      const exact = divideDecimal(multiplyDecimal(entryQuantity ?? 1, String(leg.percentOfPosition)), 100, 0, 'down');
      return { ticks: leg.ticks, quantity: Math.max(1, Number(formatDecimal(exact, { maxDecimals: 0 }))) };
    }
    return { ticks: leg.ticks, quantity: scaledLeg(leg.quantity ?? 1, multiplier) };
  });
}

export function hasExits(plan: ExitPlan | null | undefined): plan is ExitPlan {
  return !!plan && (plan.takeProfits.length > 0 || plan.stopLossTicks !== null || plan.trail !== null || plan.breakEven !== null);
}

/** G-20: the multiplier scales every absolute quantity; a leg is never less than 1 contract. */
export function scaledLeg(quantity: number, multiplier: string): number {
  const exact = roundDecimal(multiplyDecimal(quantity, multiplier), 0, 'nearest');
  return Math.max(1, Number(formatDecimal(exact, { maxDecimals: 0 })));
}

/** What each leg really takes off a position of `size` contracts: never more than is left; the last takes the rest. */
export function legQuantities(size: number, legs: readonly TakeProfitLeg[]): number[] {
  let left = size;
  return legs.map((leg, i) => {
    const take = i === legs.length - 1 || leg.quantity === null ? left : Math.min(leg.quantity, left);
    left -= take;
    return take;
  });
}

/** One short line for people: "TP 10×2 / 20×2 / 30 rest · SL 20 · trail 8 after 4 · BE 10 +1". */
export function describeExitRules(rules: ExitRules): string {
  const plan = exitPlanFor(rules, null, '1');
  if (!plan) return '';
  const parts: string[] = [];
  if (plan.takeProfits.length === 1) parts.push(`TP ${plan.takeProfits[0].ticks}`);
  else if (plan.takeProfits.length > 1) parts.push(`TP ${plan.takeProfits.map((l) => (l.quantity === null ? `${l.ticks} rest` : `${l.ticks}×${l.quantity}`)).join(' / ')}`);
  if (plan.stopLossTicks) parts.push(`SL ${plan.stopLossTicks}`);
  if (plan.trail) parts.push(`trail ${plan.trail.distanceTicks}${plan.trail.triggerTicks ? ` after ${plan.trail.triggerTicks}` : ''}`);
  if (plan.breakEven) parts.push(`BE ${plan.breakEven.triggerTicks}${plan.breakEven.offsetTicks ? ` +${plan.breakEven.offsetTicks}` : ''}`);
  return parts.join(' · ');
}

/** Stored as JSON text; a row written before plans existed reads as null. */
export function parseExitPlan(text: string | null | undefined): ExitPlan | null {
  if (!text) return null;
  const plan = JSON.parse(text) as ExitPlan;
  return hasExits(plan) ? plan : null;
}
