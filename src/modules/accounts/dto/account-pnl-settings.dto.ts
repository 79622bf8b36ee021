import { IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import { COMMISSION_AMOUNT, POSITIVE_USD_AMOUNT, USD_AMOUNT } from '../../../core/money/usd-text';

const DOLLARS = 'must be a dollar amount as text, e.g. "500" or "500.50"';

/** An account's P&L settings, all optional on create and update. */
export abstract class AccountPnlSettingsDto {
  @IsOptional()
  @IsString({ message: `startingBalance ${DOLLARS}` })
  @Matches(USD_AMOUNT, { message: `startingBalance ${DOLLARS}` })
  startingBalance?: string;

  @IsOptional()
  @IsString({ message: 'commissionPerContract must be dollars per contract per side as text, e.g. "2.25"' })
  @Matches(COMMISSION_AMOUNT, { message: 'commissionPerContract must be dollars per contract per side as text, e.g. "2.25"' })
  commissionPerContract?: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: `dailyLossLimit ${DOLLARS} above 0, or null for none` })
  @Matches(POSITIVE_USD_AMOUNT, { message: `dailyLossLimit ${DOLLARS} above 0, or null for none` })
  dailyLossLimit?: string | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: `maxLossPerPosition ${DOLLARS} above 0, or null for none` })
  @Matches(POSITIVE_USD_AMOUNT, { message: `maxLossPerPosition ${DOLLARS} above 0, or null for none` })
  maxLossPerPosition?: string | null;
}
