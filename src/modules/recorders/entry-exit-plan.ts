import type { ParsedAlert } from '../../core/alerts/parsed-alert';
import type { TickSpec } from '../../core/money';
import { measureToTicks } from '../../core/exits/exit-measure';
import { ExitPlan, exitPlanFor, ExitRules, StoredExitRules } from '../../core/exits/exit-plan';
import { alertExitOverrides } from './settings/alert-exit-overrides';

/**
 * The exits an entry carries for one trader (virtual book: multiplier 1): the alert's values beat
 * the recorder's; brackets in points, dollars, percent or price become ticks from `entryPrice`.
 * `side` is the side really entered (an inverse recorder enters the other one). Throws ExitMeasureError when the alert's exit cannot be placed.
 */
export function entryExitPlan(
  recorder: StoredExitRules,
  alert: ParsedAlert,
  multiplier: string,
  at: { spec: TickSpec; entryPrice: string | null; quantity?: number | null; side?: 'LONG' | 'SHORT' | null },
): ExitPlan | null {
  const side = at.side !== undefined ? at.side : alert.directive.kind === 'ENTER' ? alert.directive.side : null;
  const rules = levelsInTicks(recorder, { spec: at.spec, entryPrice: at.entryPrice, side: side ?? 'LONG' });
  return exitPlanFor(rules, alertExitOverrides(alert, { spec: at.spec, entryPrice: at.entryPrice, side }), multiplier, at.quantity ?? null);
}

/** Take-profit levels in points or percent of the entry price, as ticks (toward the entry). */
function levelsInTicks(rules: StoredExitRules, ctx: Parameters<typeof measureToTicks>[2]): ExitRules {
  const levels = rules.takeProfitLevels?.map((l, i) => ({
    ticks: l.ticks ?? measureToTicks(l.points !== undefined ? { unit: 'points', value: String(l.points) } : { unit: 'percent', value: String(l.percent) }, 'profit', ctx, `take-profit level ${i + 1}`),
    quantity: l.quantity ?? null,
    percentOfPosition: l.percentOfPosition ?? null,
  }));
  return { ...rules, takeProfitLevels: levels ?? null };
}
