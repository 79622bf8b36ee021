import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { DIRECTION_SPELLINGS, normalizeDirection } from '../settings/direction-filter';
import { isClockTime, isTimeZone } from '../settings/trading-windows';
import { ExitSettingsDto } from './exit-settings.dto';

const AMOUNT = /^\d{1,9}(\.\d{1,4})?$/;
const asDecimalString = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value);
/** "Long", "long only", "SHORT_ONLY" ... are stored as one value (G-44); an unknown spelling stays as sent and fails IsIn */
const asDirection = ({ value }: { value: unknown }) => (value === null || value === undefined ? value : (normalizeDirection(value) ?? value));
const notNull = (_: object, v: unknown) => v !== null;

function IsClockTime(field: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isClockTime', validator: { validate: (v) => isClockTime(v), defaultMessage: () => `${field} must be a time "HH:MM" (00:00 to 23:59), or null for none` } }, options);
}

function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isTimeZone', validator: { validate: (v) => isTimeZone(v), defaultMessage: () => 'timeZone must be an IANA time zone such as America/New_York or America/Chicago' } }, options);
}

/**
 * Sizing and filters, shared by recorders and traders. On a trader every field may be null (= the
 * recorder's); on a recorder the service refuses null where a value is needed.
 */
export abstract class SignalSettingsDto extends ExitSettingsDto {
  @IsOptional()
  @ValidateIf(notNull)
  @IsInt({ message: 'initialSize must be a whole number of contracts from 0 (0 = the alert\'s quantity) to 1000' })
  @Min(0, { message: 'initialSize must be 0 (the alert\'s quantity) or more' })
  @Max(1000, { message: 'initialSize must be at most 1000' })
  initialSize?: number | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsInt({ message: 'addSize must be a whole number of contracts from 0 (0 = the entry\'s size) to 1000' })
  @Min(0, { message: 'addSize must be 0 (the entry\'s size) or more' })
  @Max(1000, { message: 'addSize must be at most 1000' })
  addSize?: number | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsInt({ message: 'maxContractsPerOrder must be a whole number of contracts from 1, or null for no cap' })
  @Min(1, { message: 'maxContractsPerOrder must be at least 1, or null for no cap' })
  @Max(10000)
  maxContractsPerOrder?: number | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsInt({ message: 'maxContractsPerPosition must be a whole number of contracts from 1, or null for no cap' })
  @Min(1, { message: 'maxContractsPerPosition must be at least 1, or null for no cap' })
  @Max(10000)
  maxContractsPerPosition?: number | null;

  @IsOptional()
  @ValidateIf(notNull)
  @Transform(asDecimalString)
  @Matches(AMOUNT, { message: 'riskDollars must be an amount of USD like 250 or 125.50, or null for off' })
  riskDollars?: string | null;

  @IsOptional()
  @ValidateIf(notNull)
  @Transform(asDecimalString)
  @Matches(/^(100|\d{1,2})(\.\d{1,4})?$/, { message: 'riskPercent must be a percent of the balance from 0 to 100 like 1 or 0.5, or null for off' })
  riskPercent?: string | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsBoolean({ message: 'riskMinOneContract must be true or false' })
  riskMinOneContract?: boolean | null;

  @IsOptional()
  @ValidateIf(notNull)
  @Transform(asDirection)
  @IsIn(['both', 'long', 'short'], { message: `directionFilter must be one of: ${DIRECTION_SPELLINGS.map((s) => `"${s}"`).join(', ')} (any case)` })
  directionFilter?: 'both' | 'long' | 'short' | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsTimeZone()
  timeZone?: string | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsClockTime('window1Start')
  window1Start?: string | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsClockTime('window1End')
  window1End?: string | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsClockTime('window2Start')
  window2Start?: string | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsClockTime('window2End')
  window2End?: string | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsInt({ message: 'cooldownSec must be whole seconds from 0 (none) to 86400' })
  @Min(0, { message: 'cooldownSec must be 0 (none) or more' })
  @Max(86400, { message: 'cooldownSec must be at most 86400 (a day)' })
  cooldownSec?: number | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsInt({ message: 'maxSignalsPerDay must be a whole number of entries from 0, or null for no limit' })
  @Min(0, { message: 'maxSignalsPerDay must be 0 (no entries) or more, or null for no limit' })
  @Max(10000)
  maxSignalsPerDay?: number | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsInt({ message: 'everyNthSignal must be a whole number from 1 (every signal) to 100' })
  @Min(1, { message: 'everyNthSignal must be at least 1 (every signal)' })
  @Max(100, { message: 'everyNthSignal must be at most 100' })
  everyNthSignal?: number | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsBoolean({ message: 'inverse must be true or false' })
  inverse?: boolean | null;

  @IsOptional()
  @ValidateIf(notNull)
  @IsBoolean({ message: 'flattenAtWindowEnd must be true or false' })
  flattenAtWindowEnd?: boolean | null;
}
