import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class BookQueryDto {
  @IsOptional()
  @IsUUID('all', { message: 'accountId must be an account id' })
  accountId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'recorderId must be a recorder id' })
  recorderId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be between 1 and 1000' })
  @Max(1000, { message: 'limit must be between 1 and 1000' })
  limit?: number;
}
