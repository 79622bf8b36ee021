import { IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import type { TakeProfitLevel } from '../entities/recorder.entity';
import { IsTakeProfitLevels } from './exit-rules.validation';

const TICKS = 'must be a whole number of ticks between 1 and 100000, or null for none';
const TICKS_OR_ZERO = 'must be a whole number of ticks between 0 and 100000, or null for none';

/** A position's exits in ticks (recorder; on a trader null = the recorder's). */
export abstract class ExitSettingsDto {
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: `takeProfitTicks ${TICKS}` })
  @Min(1, { message: `takeProfitTicks ${TICKS}` })
  @Max(100000, { message: `takeProfitTicks ${TICKS}` })
  takeProfitTicks?: number | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: `stopLossTicks ${TICKS}` })
  @Min(1, { message: `stopLossTicks ${TICKS}` })
  @Max(100000, { message: `stopLossTicks ${TICKS}` })
  stopLossTicks?: number | null;

  @IsOptional()
  @IsTakeProfitLevels()
  takeProfitLevels?: TakeProfitLevel[] | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: `trailTriggerTicks ${TICKS_OR_ZERO}` })
  @Min(0, { message: `trailTriggerTicks ${TICKS_OR_ZERO}` })
  @Max(100000, { message: `trailTriggerTicks ${TICKS_OR_ZERO}` })
  trailTriggerTicks?: number | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: `trailDistanceTicks ${TICKS}` })
  @Min(1, { message: `trailDistanceTicks ${TICKS}` })
  @Max(100000, { message: `trailDistanceTicks ${TICKS}` })
  trailDistanceTicks?: number | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: `breakEvenTicks ${TICKS}` })
  @Min(1, { message: `breakEvenTicks ${TICKS}` })
  @Max(100000, { message: `breakEvenTicks ${TICKS}` })
  breakEvenTicks?: number | null;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: `breakEvenOffsetTicks ${TICKS_OR_ZERO}` })
  @Min(0, { message: `breakEvenOffsetTicks ${TICKS_OR_ZERO}` })
  @Max(100000, { message: `breakEvenOffsetTicks ${TICKS_OR_ZERO}` })
  breakEvenOffsetTicks?: number | null;
}
