import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { PRICE_SOURCES, type PriceSource } from '../../../core/market/price-source';
import { POSITIVE_USD_AMOUNT } from '../../../core/money/usd-text';
import { DcaSettingsDto } from './dca-settings.dto';
import { SignalSettingsDto } from './signal-settings.dto';

/** What a recorder trades with beyond its name, symbol and size: exits, sizing, filters, DCA, same-side rule. All optional. */
export abstract class RecorderSettingsDto extends SignalSettingsDto {
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;

  /** the same as dca.enabled (kept for existing clients) */
  @IsOptional()
  @IsBoolean({ message: 'dcaEnabled must be true or false' })
  dcaEnabled?: boolean;

  @IsOptional()
  @ValidateNested()
  @Type(() => DcaSettingsDto)
  dca?: DcaSettingsDto;

  @IsOptional()
  @IsIn(['ignore', 'reenter'], { message: 'sameSide must be "ignore" or "reenter"' })
  sameSide?: 'ignore' | 'reenter';

  @IsOptional()
  @IsBoolean({ message: 'followAlertTicker must be true or false' })
  followAlertTicker?: boolean;

  @IsOptional()
  @IsIn(['refuse', 'cap'], { message: 'oversizedQuantity must be "refuse" or "cap"' })
  oversizedQuantity?: 'refuse' | 'cap';

  @IsOptional()
  @IsIn(PRICE_SOURCES, { message: `priceSource must be one of ${PRICE_SOURCES.join(', ')}` })
  priceSource?: PriceSource;

  // P&L: the virtual book's daily loss limit
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'dailyLossLimit must be a dollar amount as text above 0, e.g. "500", or null for none' })
  @Matches(POSITIVE_USD_AMOUNT, { message: 'dailyLossLimit must be a dollar amount as text above 0, e.g. "500", or null for none' })
  dailyLossLimit?: string | null;
}

export class CreateRecorderDto extends RecorderSettingsDto {
  @IsString({ message: 'name must be a string' })
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  name: string;

  @IsString({ message: 'symbol must be a string such as MNQ1!' })
  @IsNotEmpty({ message: 'symbol is required, e.g. MNQ1!' })
  @MaxLength(40)
  symbol: string;

  @IsInt({ message: 'quantity must be a whole number of contracts' })
  @Min(0, { message: 'quantity must be 0 or more' })
  @Max(1000, { message: 'quantity must be at most 1000' })
  quantity: number;
}

export class UpdateRecorderDto extends RecorderSettingsDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'symbol must not be empty' })
  @MaxLength(40)
  symbol?: string;

  @IsOptional()
  @IsInt({ message: 'quantity must be a whole number of contracts' })
  @Min(0, { message: 'quantity must be 0 or more' })
  @Max(1000, { message: 'quantity must be at most 1000' })
  quantity?: number;
}
