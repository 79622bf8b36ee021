import { OrderPlan, planEnter, planExit, planReduce } from '../../core/positions/order-plan';
import { parseAlert } from './alert-parser';
import { AlertParseError, ParsedAlert } from './parsed-alert';
import { redactSecrets } from './redact-secrets';

/** The recorder settings that change what an alert does (defaults: a new recorder's). */
export interface ExplainSettings {
  /** contracts when the alert gives none */
  quantity: number;
  /** the size of the long and short positions the alert is tried against */
  position: number;
  dcaEnabled: boolean;
  sameSide: 'ignore' | 'reenter';
}

export type AlertExplanation =
  | { ok: true; dialect: string; signal: ParsedAlert; fromFlat: string; fromLong: string; fromShort: string }
  | { ok: false; error: string; field: string | null; hint: string | null };

/**
 * How a webhook body is read and what it would do from flat, long and short, with the same parser
 * and the same pure decision rules the recorder's virtual book uses. No I/O: `alert:explain` prints it.
 */
export function explainAlert(rawBody: string, settings: ExplainSettings): AlertExplanation {
  let signal: ParsedAlert;
  try {
    signal = parseAlert(redactSecrets(rawBody), { defaultSymbol: null });
  } catch (error) {
    if (!(error instanceof AlertParseError)) throw error;
    return { ok: false, error: error.message, field: error.field, hint: error.hint };
  }
  const from = (netPos: number): string => describePlan(planFor(signal, netPos, settings));
  return {
    ok: true,
    dialect: signal.dialect,
    signal,
    fromFlat: from(0),
    fromLong: from(settings.position),
    fromShort: from(-settings.position),
  };
}

function planFor(alert: ParsedAlert, netPos: number, settings: ExplainSettings): OrderPlan {
  const { directive, quantity } = alert;
  if (directive.kind === 'CLOSE') {
    const exit = planExit(netPos, directive.side ?? null);
    return quantity === null || exit.steps.length === 0 ? exit : planReduce(netPos, netPos > 0 ? 'LONG' : 'SHORT', quantity);
  }
  if (directive.kind === 'REDUCE') return planReduce(netPos, directive.side, quantity ?? Math.abs(netPos));
  return planEnter(netPos, directive.side, quantity ?? settings.quantity, {
    sameSide: settings.dcaEnabled ? 'add' : settings.sameSide,
    opposite: settings.dcaEnabled ? 'block' : 'reverse',
    maxQuantity: null,
  });
}

function describePlan(plan: OrderPlan): string {
  const steps = plan.steps.map((s) => `${s.kind} ${s.action} ${s.quantity}`).join(', ');
  return `${steps || 'no order'}${plan.note ? ` (${plan.note})` : ''}`;
}
