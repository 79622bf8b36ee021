import { ExitPlan, exitPlanFor, ExitRules } from '../../core/exits/exit-plan';
import { ParsedAlert } from '../webhooks/parsed-alert';

/** The exits an entry carries for one trader (virtual book: multiplier 1): the alert's values beat the recorder's. */
export function entryExitPlan(recorder: ExitRules, alert: ParsedAlert, multiplier: string): ExitPlan | null {
  return exitPlanFor(recorder, { ...alert.exitOverrides, takeProfitTicks: alert.takeProfitTicks, stopLossTicks: alert.stopLossTicks }, multiplier);
}
