import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

// an HTML filter form sends empty fields: an empty field is no filter
const blankIsAbsent = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const toNumber = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => (obj[key] === '' || obj[key] === undefined ? undefined : Number(obj[key]));
const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === '1' || value === 'on' || value === true ? true : value === 'false' || value === '0' || value === '' || value === false ? false : value);

/** Filters of /api/insider/signals and the /insider page (the page sends the same names). */
export class SignalQueryDto {
  @IsOptional()
  @Transform(blankIsAbsent)
  @IsIn(['3', '4', '5', '4/A', '13D', '13G'], { message: 'form must be one of 3, 4, 5, 4/A, 13D, 13G' })
  form?: string;

  @IsOptional()
  @Transform(toNumber)
  @IsInt({ message: 'minScore must be a whole number from 0 to 100' })
  @Min(0, { message: 'minScore must be a whole number from 0 to 100' })
  @Max(100, { message: 'minScore must be a whole number from 0 to 100' })
  minScore?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'watchlist must be true or false' })
  watchlist?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'purchases must be true or false' })
  purchases?: boolean;

  @IsOptional()
  @Transform(blankIsAbsent)
  @Matches(/^[A-Za-z][A-Za-z0-9.-]{0,9}$/, { message: 'ticker must be 1-10 letters, digits, dots or dashes, e.g. ACMW or BRK-B' })
  ticker?: string;

  @IsOptional()
  @Transform(blankIsAbsent)
  @IsIn(['score', 'date', 'ticker', 'value'], { message: 'sort must be one of score, date, ticker, value' })
  sort?: 'score' | 'date' | 'ticker' | 'value';

  @IsOptional()
  @Transform(blankIsAbsent)
  @IsIn(['asc', 'desc'], { message: 'dir must be asc or desc' })
  dir?: 'asc' | 'desc';

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 500' })
  @Min(1, { message: 'limit must be a whole number from 1 to 500' })
  @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  limit?: number;
}
