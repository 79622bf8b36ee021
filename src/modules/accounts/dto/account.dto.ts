import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';

export class CreateAccountDto {
  @IsString({ message: 'name must be a string' })
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  name: string;

  @IsIn(['paper'], { message: 'broker must be "paper" (Tradovate accounts come with the Tradovate adapter)' })
  broker: 'paper';

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'maxPosition must be a whole number of contracts, or null for no limit' })
  @Min(1, { message: 'maxPosition must be at least 1' })
  maxPosition?: number | null;
}

export class UpdateAccountDto {
  @IsOptional()
  @IsString({ message: 'name must be a string' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'maxPosition must be a whole number of contracts, or null for no limit' })
  @Min(1, { message: 'maxPosition must be at least 1' })
  maxPosition?: number | null;

  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}
