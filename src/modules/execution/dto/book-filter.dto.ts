import { IsOptional, IsUUID } from 'class-validator';

/** Whose books: one account, one recorder, or both (absent = all). */
export class BookFilterDto {
  @IsOptional()
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'recorderId must be a recorder id' })
  recorderId?: string;
}
