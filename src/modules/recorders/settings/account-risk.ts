import type { AlertSizing } from '../../../core/alerts/parsed-alert';
import { formatDecimal, multiplyDecimal } from '../../../core/money';
import type { Account } from '../../accounts/entities/account.entity';

/** The balance risk_percent is of: the account's starting balance when it has one, else null (refused). */
export function accountBalance(account: Account): string | null {
  const balance = (account as Account & { startingBalance?: string | number | null }).startingBalance;
  return balance === undefined || balance === null || balance === '' ? null : String(balance);
}

/** The trader's multiplier scales a dollar risk like any size; a percent of its own balance is already its own. */
export function scaledRisk(sizing: AlertSizing, multiplier: string): AlertSizing {
  return sizing.riskDollars ? { ...sizing, riskDollars: formatDecimal(multiplyDecimal(sizing.riskDollars, multiplier)) } : sizing;
}
