import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { ATR_TIMEFRAMES_SEC } from '../../../core/dca/bar-series';
import type { DcaSettings, DcaTrigger } from '../../../core/dca/dca-settings';

const TIMEFRAMES = `atrTimeframeSec must be one of ${ATR_TIMEFRAMES_SEC.join(', ')} seconds (required for ATR levels)`;

const asDecimalString = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value);
const POSITIVE = /^(?!0+(\.0+)?$)\d{1,6}(\.\d{1,6})?$/;

/** TICKS needs whole ticks; PERCENT and ATR take a decimal multiple. */
function IsLevelValue(): PropertyDecorator {
  return ValidateBy({
    name: 'isLevelValue',
    validator: {
      validate: (value, args) => typeof value === 'string' && POSITIVE.test(value) && ((args?.object as DcaLevelDto).trigger !== 'TICKS' || /^\d+$/.test(value)),
      defaultMessage: (args) =>
        (args?.object as DcaLevelDto).trigger === 'TICKS'
          ? 'value must be a whole number of ticks above 0 (TICKS)'
          : 'value must be a number above 0 with at most 6 decimals (PERCENT: percent of the average entry; ATR: the multiple k of ATR)',
    },
  });
}

export class DcaLevelDto {
  @IsIn(['TICKS', 'PERCENT', 'ATR'], { message: 'trigger must be "TICKS", "PERCENT" or "ATR"' })
  trigger: DcaTrigger;

  @Transform(asDecimalString)
  @IsLevelValue()
  value: string;

  @ValidateIf((o: DcaLevelDto) => o.trigger === 'ATR' || (o.atrPeriod !== undefined && o.atrPeriod !== null))
  @IsInt({ message: 'atrPeriod must be a whole number of bars from 1 to 200 (required for ATR levels)' })
  @Min(1, { message: 'atrPeriod must be a whole number of bars from 1 to 200 (required for ATR levels)' })
  @Max(200, { message: 'atrPeriod must be a whole number of bars from 1 to 200 (required for ATR levels)' })
  atrPeriod?: number | null;

  @ValidateIf((o: DcaLevelDto) => o.trigger === 'ATR' || (o.atrTimeframeSec !== undefined && o.atrTimeframeSec !== null))
  @IsIn([...ATR_TIMEFRAMES_SEC], { message: TIMEFRAMES })
  atrTimeframeSec?: number | null;

  @IsInt({ message: 'quantity must be a whole number of contracts from 1 to 1000' })
  @Min(1, { message: 'quantity must be a whole number of contracts from 1 to 1000' })
  @Max(1000, { message: 'quantity must be a whole number of contracts from 1 to 1000' })
  quantity: number;
}

/** The `dca` block of a recorder (or a trader's override): replaced whole on update. */
export class DcaSettingsDto {
  @IsBoolean({ message: 'enabled must be true or false (same-side alerts add, and the ladder runs)' })
  enabled: boolean;

  @IsOptional()
  @IsArray({ message: 'levels must be a list of levels like [{"trigger":"TICKS","value":20,"quantity":1}]' })
  @ArrayMaxSize(10, { message: 'levels: at most 10 levels' })
  @ValidateNested({ each: true })
  @Type(() => DcaLevelDto)
  levels?: DcaLevelDto[];

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'maxAdds must be a whole number from 1 to 100, or null for one add per level' })
  @Min(1, { message: 'maxAdds must be a whole number from 1 to 100, or null for one add per level' })
  @Max(100, { message: 'maxAdds must be a whole number from 1 to 100, or null for one add per level' })
  maxAdds?: number | null;

  @IsOptional()
  @IsIn(['partial', 'skip'], { message: 'capMode must be "partial" (add up to maxQuantity) or "skip" (skip a level that would pass it)' })
  capMode?: 'partial' | 'skip';

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'maxQuantity must be a whole number of contracts from 1 to 10000, or null for no cap' })
  @Min(1, { message: 'maxQuantity must be a whole number of contracts from 1 to 10000, or null for no cap' })
  @Max(10000, { message: 'maxQuantity must be a whole number of contracts from 1 to 10000, or null for no cap' })
  maxQuantity?: number | null;

  @IsOptional()
  @IsBoolean({ message: 'retryRejected must be true or false' })
  retryRejected?: boolean;
}

/** The stored settings, defaults filled: no ladder, skip at the cap, no retry. */
export function dcaSettingsOf(dto: DcaSettingsDto): DcaSettings {
  return {
    enabled: dto.enabled,
    levels: (dto.levels ?? []).map((l) => ({
      trigger: l.trigger,
      value: l.value,
      quantity: l.quantity,
      ...(l.trigger === 'ATR' ? { atrPeriod: l.atrPeriod ?? null, atrTimeframeSec: l.atrTimeframeSec ?? null } : {}),
    })),
    maxAdds: dto.maxAdds ?? null,
    capMode: dto.capMode ?? 'skip',
    maxQuantity: dto.maxQuantity ?? null,
    retryRejected: dto.retryRejected ?? false,
  };
}
