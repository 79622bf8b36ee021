import { IsOptional, IsString, MaxLength } from 'class-validator';

export class KillSwitchDto {
  @IsOptional()
  @IsString({ message: 'reason must be text' })
  @MaxLength(200, { message: 'reason must be at most 200 characters' })
  reason?: string;
}
