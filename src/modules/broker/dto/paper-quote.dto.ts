import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

const DECIMAL = /^\d+(\.\d+)?$/;
const PRICE_MESSAGE = (field: string) => `${field} must be a positive decimal number such as 21000.25`;

export class PaperQuoteDto {
  @IsString({ message: 'symbol must be a string such as MNQ1! or MNQZ6' })
  @IsNotEmpty({ message: 'symbol is required (MNQ1!, CME_MINI:MNQ1!, MNQZ2026 or MNQZ6)' })
  @MaxLength(40)
  symbol: string;

  @ValidateIf((q: PaperQuoteDto) => q.price !== undefined || (q.bid === undefined && q.ask === undefined))
  @Matches(DECIMAL, { message: 'price is required unless bid and ask are given, and ' + PRICE_MESSAGE('price') })
  price?: string;

  @IsOptional()
  @Matches(DECIMAL, { message: PRICE_MESSAGE('bid') })
  bid?: string;

  @IsOptional()
  @Matches(DECIMAL, { message: PRICE_MESSAGE('ask') })
  ask?: string;
}
