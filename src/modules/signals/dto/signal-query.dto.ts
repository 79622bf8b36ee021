import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { SignalStatus } from '../entities/signal.entity';

export class SignalQueryDto {
  @IsOptional()
  @IsUUID('all', { message: 'recorderId must be a recorder id (UUID)' })
  recorderId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'accountId must be an account id (UUID)' })
  accountId?: string;

  @IsOptional()
  @IsIn(['accepted', 'duplicate', 'blocked', 'rejected', 'stale', 'processed', 'failed', 'rate_limited'], {
    message: 'status must be one of accepted, duplicate, blocked, rejected, stale, processed, failed, rate_limited',
  })
  status?: SignalStatus;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be between 1 and 1000' })
  @Max(1000, { message: 'limit must be between 1 and 1000' })
  limit?: number;
}
