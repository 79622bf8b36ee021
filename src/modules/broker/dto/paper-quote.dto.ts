import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { JSON_NUMBER_TEXTS, plainDecimalText } from '../../../core/json/json-number-texts';

/** Positive: at least one non-zero digit. */
const POSITIVE_DECIMAL = /^(?=.*[1-9])\d+(\.\d+)?$/;
const PRICE_MESSAGE = (field: string) => `${field} must be a positive decimal number (JSON number or string) such as 21000.25`;

/** A JSON number is read from its text in the body, never through a float, so 21000.2500000000001 stays off the tick. */
const exactDecimal = ({ value, key, obj }: { value: unknown; key: string; obj: Record<string | symbol, unknown> }) => {
  if (typeof value !== 'number') return value;
  if (!Number.isFinite(value)) return String(value); // 1e400: refused below as not a positive decimal
  const literal = (obj[JSON_NUMBER_TEXTS] as Record<string, string> | undefined)?.[key];
  return literal === undefined ? String(value) : plainDecimalText(literal);
};

export class PaperQuoteDto {
  @IsString({ message: 'symbol must be a string such as MNQ1! or MNQZ6' })
  @IsNotEmpty({ message: 'symbol is required (MNQ1!, CME_MINI:MNQ1!, MNQZ2026 or MNQZ6)' })
  @MaxLength(40)
  symbol: string;

  @ValidateIf((q: PaperQuoteDto) => q.price !== undefined || (q.bid === undefined && q.ask === undefined))
  @Transform(exactDecimal)
  @IsString({ message: 'price is required unless bid and ask are given, and ' + PRICE_MESSAGE('price') })
  @Matches(POSITIVE_DECIMAL, { message: PRICE_MESSAGE('price') })
  price?: string;

  @IsOptional()
  @Transform(exactDecimal)
  @IsString({ message: PRICE_MESSAGE('bid') })
  @Matches(POSITIVE_DECIMAL, { message: PRICE_MESSAGE('bid') })
  bid?: string;

  @IsOptional()
  @Transform(exactDecimal)
  @IsString({ message: PRICE_MESSAGE('ask') })
  @Matches(POSITIVE_DECIMAL, { message: PRICE_MESSAGE('ask') })
  ask?: string;
}
