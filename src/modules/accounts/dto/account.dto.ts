import { Transform } from 'class-transformer';
import { AccountPnlSettingsDto } from './account-pnl-settings.dto';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';

export class CreateAccountDto extends AccountPnlSettingsDto {
  @IsString({ message: 'name must be a string' })
  @IsNotEmpty({ message: 'name is required' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  name: string;

  @IsIn(['paper', 'tradovate'], { message: 'broker must be "paper" or "tradovate"' })
  broker: 'paper' | 'tradovate';

  @ValidateIf((o) => o.broker === 'tradovate')
  @IsIn(['demo', 'live'], { message: 'environment must be "demo" or "live" for a Tradovate account' })
  environment?: 'demo' | 'live';

  /** "oauth": no password here; connect with the OAuth button afterwards */
  @IsOptional()
  @IsIn(['password', 'oauth'], { message: 'auth must be "password" or "oauth"' })
  auth?: 'password' | 'oauth';

  @ValidateIf((o) => o.broker === 'tradovate' && o.auth !== 'oauth')
  @IsString({ message: 'username is required for a Tradovate account' })
  @IsNotEmpty({ message: 'username is required for a Tradovate account' })
  @MaxLength(64)
  username?: string;

  @ValidateIf((o) => o.broker === 'tradovate' && o.auth !== 'oauth')
  @IsString({ message: 'password is required for a Tradovate account' })
  @IsNotEmpty({ message: 'password is required for a Tradovate account' })
  @MaxLength(64)
  password?: string;

  @ValidateIf((o) => o.broker === 'tradovate' && o.auth !== 'oauth')
  @IsString({ message: 'appId is required (the API key nickname)' })
  @IsNotEmpty({ message: 'appId is required (the API key nickname)' })
  @MaxLength(64)
  appId?: string;

  @ValidateIf((o) => o.broker === 'tradovate' && o.auth !== 'oauth')
  @IsString({ message: 'appVersion is required (any text, e.g. "1.0")' })
  @IsNotEmpty({ message: 'appVersion is required (any text, e.g. "1.0")' })
  @MaxLength(64)
  appVersion?: string;

  @ValidateIf((o) => o.broker === 'tradovate' && o.auth !== 'oauth')
  @Matches(/^\d{1,12}$/, { message: 'cid must be the API key id (a number)' })
  @Transform(({ value }) => (typeof value === 'number' ? String(value) : value))
  cid?: string;

  @ValidateIf((o) => o.broker === 'tradovate' && o.auth !== 'oauth')
  @IsString({ message: 'sec is required (the API key secret)' })
  @IsNotEmpty({ message: 'sec is required (the API key secret)' })
  @MaxLength(8192)
  sec?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  deviceId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  accountSpec?: string;

  @IsOptional()
  @IsBoolean({ message: 'demoFallback must be true or false' })
  demoFallback?: boolean;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'maxPosition must be a whole number of contracts, or null for no limit' })
  @Min(1, { message: 'maxPosition must be at least 1' })
  maxPosition?: number | null;

  @IsOptional()
  @IsIn(['alert', 'adopt', 'flatten'], { message: 'driftPolicy must be "alert", "adopt" or "flatten"' })
  driftPolicy?: 'alert' | 'adopt' | 'flatten';
}

export class UpdateAccountDto extends AccountPnlSettingsDto {
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

  @IsOptional()
  @IsIn(['alert', 'adopt', 'flatten'], { message: 'driftPolicy must be "alert", "adopt" or "flatten"' })
  driftPolicy?: 'alert' | 'adopt' | 'flatten';
}

/** The credentials page: new Tradovate username/password (and optionally the API key), checked by logging in. */
export class TradovateCredentialsDto {
  @IsString({ message: 'username is required' })
  @IsNotEmpty({ message: 'username is required' })
  @MaxLength(64)
  username: string;

  @IsString({ message: 'password is required' })
  @IsNotEmpty({ message: 'password is required' })
  @MaxLength(64)
  password: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  appId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  appVersion?: string;

  @IsOptional()
  @Matches(/^\d{1,12}$/, { message: 'cid must be the API key id (a number)' })
  @Transform(({ value }) => (typeof value === 'number' ? String(value) : value))
  cid?: string;

  @IsOptional()
  @IsString()
  @MaxLength(8192)
  sec?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  deviceId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  accountSpec?: string;
}

/** "Trade this live account although TradingView routing is reported off": who decides. */
export class RoutingAcknowledgementDto {
  @IsString({ message: 'acknowledgedBy (your name) is required' })
  @Matches(/\S/, { message: 'acknowledgedBy (your name) is required' })
  @MaxLength(100, { message: 'acknowledgedBy must be at most 100 characters' })
  acknowledgedBy: string;
}
