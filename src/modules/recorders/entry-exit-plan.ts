import type { ParsedAlert } from '../../core/alerts/parsed-alert';
import type { TickSpec } from '../../core/money';
import { ExitPlan, exitPlanFor, ExitRules } from '../../core/exits/exit-plan';
import { alertExitOverrides } from './settings/alert-exit-overrides';

/**
 * The exits an entry carries for one trader (virtual book: multiplier 1): the alert's values beat
 * the recorder's; brackets in points, dollars, percent or price become ticks from `entryPrice`.
 * Throws ExitMeasureError when the alert's exit cannot be placed.
 */
export function entryExitPlan(
  recorder: ExitRules,
  alert: ParsedAlert,
  multiplier: string,
  at: { spec: TickSpec; entryPrice: string | null; quantity?: number | null },
): ExitPlan | null {
  const side = alert.directive.kind === 'ENTER' ? alert.directive.side : null;
  return exitPlanFor(recorder, alertExitOverrides(alert, { spec: at.spec, entryPrice: at.entryPrice, side }), multiplier, at.quantity ?? null);
}
