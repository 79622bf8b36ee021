import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const TICKER = /^[A-Za-z][A-Za-z0-9.-]{0,9}$/;
const TICKER_MESSAGE = 'ticker must be 1-10 letters, digits, dots or dashes, e.g. ACMW or BRK-B';

export class AddWatchDto {
  @Matches(TICKER, { message: TICKER_MESSAGE })
  ticker: string;

  @IsOptional()
  @IsInt({ message: 'alertThreshold must be a whole number from 0 to 100' })
  @Min(0, { message: 'alertThreshold must be a whole number from 0 to 100' })
  @Max(100, { message: 'alertThreshold must be a whole number from 0 to 100' })
  alertThreshold?: number;
}

export class UpdateWatchDto {
  @IsInt({ message: 'alertThreshold must be a whole number from 0 to 100' })
  @Min(0, { message: 'alertThreshold must be a whole number from 0 to 100' })
  @Max(100, { message: 'alertThreshold must be a whole number from 0 to 100' })
  alertThreshold: number;
}

export function isTicker(value: string): boolean {
  return TICKER.test(value);
}
export { TICKER_MESSAGE };
