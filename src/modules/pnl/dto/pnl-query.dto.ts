import { IsOptional, Matches } from 'class-validator';
import { BookFilterDto } from '../../execution/dto/book-filter.dto';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Which books and which trading days (YYYY-MM-DD, inclusive; a session runs 17:00-17:00 Chicago). */
export class PnlQueryDto extends BookFilterDto {
  @IsOptional()
  @Matches(DAY, { message: 'from must be a trading day as YYYY-MM-DD' })
  from?: string;

  @IsOptional()
  @Matches(DAY, { message: 'to must be a trading day as YYYY-MM-DD' })
  to?: string;
}
