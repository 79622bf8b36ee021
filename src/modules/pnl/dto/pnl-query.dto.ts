import { IsOptional, IsUUID, Matches } from 'class-validator';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Which books and which trading days (YYYY-MM-DD, inclusive; a session runs 17:00-17:00 Chicago). */
export class PnlQueryDto {
  @IsOptional()
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'recorderId must be a recorder id' })
  recorderId?: string;

  @IsOptional()
  @Matches(DAY, { message: 'from must be a trading day as YYYY-MM-DD' })
  from?: string;

  @IsOptional()
  @Matches(DAY, { message: 'to must be a trading day as YYYY-MM-DD' })
  to?: string;
}
