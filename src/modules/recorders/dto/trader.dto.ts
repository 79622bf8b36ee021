import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Transform, Type } from 'class-transformer';
import { DcaSettingsDto } from './dca-settings.dto';
import { SignalSettingsDto } from './signal-settings.dto';

const MULTIPLIER = /^\d{1,4}(\.\d{1,4})?$/;
const MULTIPLIER_MESSAGE = 'multiplier must be a number from 0 to 9999 with at most 4 decimals (0 trades nothing)';
/** Accept 2, "2", 0.5: keep it a decimal string, never a float. */
const asDecimalString = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value);

/** A trader's own settings: each null or absent = the recorder's. */
export abstract class TraderSettingsDto extends SignalSettingsDto {
  /** its own ticker (ES1! on an MNQ1! recorder); null = the recorder's */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'symbol must be a ticker such as ES1!, or null for the recorder\'s' })
  @IsNotEmpty({ message: 'symbol must not be empty (null = the recorder\'s)' })
  @MaxLength(40)
  symbol?: string | null;
}

export class CreateTraderDto extends TraderSettingsDto {
  @IsUUID('all', { message: 'recorderId must be a recorder id' })
  recorderId: string;

  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId: string;

  @IsOptional()
  @Transform(asDecimalString)
  @Matches(MULTIPLIER, { message: MULTIPLIER_MESSAGE })
  multiplier?: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'maxQuantity must be a whole number of contracts, or null for no cap' })
  @Min(1, { message: 'maxQuantity must be at least 1' })
  @Max(10000)
  maxQuantity?: number | null;

  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;

  /** this trader's own DCA settings; null = the recorder's */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => DcaSettingsDto)
  dca?: DcaSettingsDto | null;
}

export class UpdateTraderDto extends TraderSettingsDto {
  @IsOptional()
  @Transform(asDecimalString)
  @Matches(MULTIPLIER, { message: MULTIPLIER_MESSAGE })
  multiplier?: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'maxQuantity must be a whole number of contracts, or null for no cap' })
  @Min(1, { message: 'maxQuantity must be at least 1' })
  @Max(10000)
  maxQuantity?: number | null;

  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;

  /** this trader's own DCA settings; null = the recorder's */
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => DcaSettingsDto)
  dca?: DcaSettingsDto | null;
}
