import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import * as path from 'path';

/** The environment as the user writes it; validated once at boot. */
class EnvVars {
  @IsOptional()
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(1, { message: 'PORT must be between 1 and 65535' })
  @Max(65535, { message: 'PORT must be between 1 and 65535' })
  PORT?: number;

  @IsOptional()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must look like sqlite:data/just-trades.db or postgres://user:pass@host:5432/db',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'JT_DATA_DIR must not be empty' })
  JT_DATA_DIR?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'JT_API_KEY must be at least 16 characters' })
  JT_API_KEY?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'JT_ADMIN_PASSWORD must be at least 8 characters' })
  JT_ADMIN_PASSWORD?: string;

  @IsOptional()
  @Matches(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, {
    message: 'JT_SECRET_KEY must be 32 bytes, as 64 hex characters or base64',
  })
  JT_SECRET_KEY?: string;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'info', 'debug', 'verbose'], {
    message: 'LOG_LEVEL must be one of error, warn, log, info, debug, verbose',
  })
  LOG_LEVEL?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'JT_PUBLIC_URL must be an http(s) URL such as https://trades.example.com' })
  JT_PUBLIC_URL?: string;

  @IsOptional()
  @IsInt({ message: 'JT_DEDUPE_WINDOW_SEC must be a whole number of seconds' })
  @Min(1, { message: 'JT_DEDUPE_WINDOW_SEC must be at least 1' })
  @Max(3600, { message: 'JT_DEDUPE_WINDOW_SEC must be at most 3600' })
  JT_DEDUPE_WINDOW_SEC?: number;

  @IsOptional()
  @IsInt({ message: 'JT_SIGNAL_MAX_AGE_SEC must be a whole number of seconds' })
  @Min(1, { message: 'JT_SIGNAL_MAX_AGE_SEC must be at least 1' })
  @Max(600, { message: 'JT_SIGNAL_MAX_AGE_SEC must be at most 600' })
  JT_SIGNAL_MAX_AGE_SEC?: number;
}

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

export interface AppConfig {
  port: number;
  database: { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };
  dataDir: string;
  apiKey: string | null;
  adminPassword: string | null;
  secretKey: string | null;
  logLevel: LogLevel;
  publicUrl: string | null;
  dedupeWindowSec: number;
  signalMaxAgeSec: number;
  /** false in a CLI process running beside a server: the server owns the paper exchange's state */
  paperStateWritable: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const NUMERIC = ['PORT', 'JT_DEDUPE_WINDOW_SEC', 'JT_SIGNAL_MAX_AGE_SEC'];

/** Parses and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new EnvVarsKeys())) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    raw[key] = NUMERIC.includes(key) && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  }
  const vars = plainToInstance(EnvVars, raw);
  const errors = validateSync(vars, { whitelist: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}=${JSON.stringify(raw[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  const dataDir = path.resolve(vars.JT_DATA_DIR ?? 'data');
  const dbUrl = vars.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'just-trades.db')}`;
  const database = dbUrl.startsWith('sqlite:')
    ? { type: 'sqlite' as const, path: dbUrl.slice('sqlite:'.length) === ':memory:' ? ':memory:' : path.resolve(dbUrl.slice('sqlite:'.length)) }
    : { type: 'postgres' as const, url: dbUrl };
  const level = vars.LOG_LEVEL === 'info' ? 'log' : (vars.LOG_LEVEL as LogLevel | undefined);
  return {
    port: vars.PORT ?? 8082,
    database,
    dataDir,
    apiKey: vars.JT_API_KEY ?? null,
    adminPassword: vars.JT_ADMIN_PASSWORD ?? null,
    secretKey: vars.JT_SECRET_KEY ?? null,
    logLevel: level ?? 'log',
    publicUrl: vars.JT_PUBLIC_URL ? vars.JT_PUBLIC_URL.replace(/\/+$/, '') : null,
    dedupeWindowSec: vars.JT_DEDUPE_WINDOW_SEC ?? 10,
    signalMaxAgeSec: vars.JT_SIGNAL_MAX_AGE_SEC ?? 30,
    paperStateWritable: true,
  };
}

/** The variable names, for reading only what we validate. */
class EnvVarsKeys {
  PORT = 0;
  DATABASE_URL = 0;
  JT_DATA_DIR = 0;
  JT_API_KEY = 0;
  JT_ADMIN_PASSWORD = 0;
  JT_SECRET_KEY = 0;
  LOG_LEVEL = 0;
  JT_PUBLIC_URL = 0;
  JT_DEDUPE_WINDOW_SEC = 0;
  JT_SIGNAL_MAX_AGE_SEC = 0;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
