import type { ParsedAlert } from '../../../core/alerts/parsed-alert';
import { ExitMeasureError } from '../../../core/exits/exit-measure';
import type { ExitPlan } from '../../../core/exits/exit-plan';
import type { TickSpec } from '../../../core/money';
import { entryExitPlan } from '../entry-exit-plan';
import { traderQuantity } from '../trader-sizing';
import { scaledRisk } from './account-risk';
import type { EffectiveSettings } from './effective-settings';
import { riskSizedContracts } from './risk-sizing';

export interface EntryInputs {
  settings: EffectiveSettings;
  alert: ParsedAlert;
  side: 'LONG' | 'SHORT';
  alertQuantity: number | null;
  recorderQuantity: number;
  multiplier: string;
  spec: TickSpec;
  entryPrice: string | null;
  balance: string | null;
  oversized: 'refuse' | 'cap';
}

/**
 * One trader's entry: contracts and exits. Size: initialSize (0 = the alert's quantity, else the
 * recorder's) times the multiplier, or a risk size (alert > trader > recorder), then the per-order
 * cap (refused or capped as the recorder says). Exits: the alert's beat the trader's and recorder's.
 */
export function sizedEntry(i: EntryInputs): { quantity: number; exitPlan: ExitPlan | null } | { refused: string } {
  const base = i.settings.initialSize > 0 ? i.settings.initialSize : (i.alertQuantity ?? i.recorderQuantity);
  let quantity = traderQuantity(base, i.multiplier);
  const plan = (qty: number) => entryExitPlan(i.settings.exits, i.alert, i.multiplier, { spec: i.spec, entryPrice: i.entryPrice, quantity: qty, side: i.side });
  try {
    let exitPlan = plan(quantity);
    const alertRisk = i.alert.sizing?.riskDollars || i.alert.sizing?.riskPercent ? i.alert.sizing! : null;
    const risk = alertRisk ?? { riskDollars: i.settings.riskDollars, riskPercent: i.settings.riskPercent };
    const sized = riskSizedContracts(scaledRisk(risk, i.multiplier), exitPlan?.stopLossTicks ?? null, i.spec, i.balance, i.settings.riskMinOneContract);
    if (sized && 'refused' in sized) return sized;
    if (sized) quantity = sized.contracts;
    const cap = i.settings.maxContractsPerOrder;
    if (cap !== null && quantity > cap) {
      if (i.oversized === 'refuse') return { refused: `quantity ${quantity} is over maxContractsPerOrder ${cap}: not traded on this account (recorder oversizedQuantity "refuse")` };
      quantity = cap;
    }
    if (quantity !== traderQuantity(base, i.multiplier)) exitPlan = plan(quantity);
    return { quantity, exitPlan };
  } catch (error) {
    if (error instanceof ExitMeasureError) return { refused: `${error.message}: the entry is refused rather than opened without it` };
    throw error;
  }
}

/** A quantity under an order cap (null = none). */
export function capped(quantity: number, cap: number | null): number {
  return cap === null ? quantity : Math.min(quantity, cap);
}

/** The tighter of two caps; null = none. */
export function minCap(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
