import type { ParsedAlert } from '../../../core/alerts/parsed-alert';
import { measureToTicks, type MeasureContext } from '../../../core/exits/exit-measure';
import type { ExitOverrides } from '../../../core/exits/exit-plan';

/**
 * An alert's own exits, all in ticks from the entry: the tick fields, then its brackets in any
 * unit (converted with the contract's tick), which beat them. Throws ExitMeasureError when a value
 * cannot be placed: the entry is refused rather than opened without it.
 */
export function alertExitOverrides(alert: ParsedAlert, ctx: Omit<MeasureContext, 'side'> & { side: 'LONG' | 'SHORT' | null }): ExitOverrides {
  const overrides: ExitOverrides = { ...alert.exitOverrides, takeProfitTicks: alert.takeProfitTicks, stopLossTicks: alert.stopLossTicks };
  const b = alert.brackets;
  if (!b || !ctx.side) return overrides;
  const c: MeasureContext = { ...ctx, side: ctx.side };
  if (b.takeProfit?.length) {
    overrides.takeProfitLegs = b.takeProfit.map((leg, i) => ({
      ticks: measureToTicks(leg.at, 'profit', c, `take profit ${i + 1}`),
      quantity: leg.quantity ?? null,
      percentOfPosition: leg.percentOfPosition ?? null,
    }));
  }
  if (b.stopLoss) overrides.stopLossTicks = measureToTicks(b.stopLoss, 'loss', c, 'stop loss');
  if (b.trailing) {
    overrides.trailDistanceTicks = distance(b.trailing.distance, c, 'trailing stop distance');
    overrides.trailTriggerTicks = b.trailing.trigger ? distance(b.trailing.trigger, c, 'trailing stop trigger') : 0;
  }
  if (b.breakEven) {
    overrides.breakEvenTicks = distance(b.breakEven.trigger, c, 'break-even trigger');
    overrides.breakEvenOffsetTicks = b.breakEven.offset ? distance(b.breakEven.offset, c, 'break-even offset') : 0;
  }
  return overrides;
}

/** trail and break-even values are distances; an absolute price is measured like a target */
function distance(measure: Parameters<typeof measureToTicks>[0], ctx: MeasureContext, label: string): number {
  return measureToTicks(measure, 'profit', ctx, label);
}
