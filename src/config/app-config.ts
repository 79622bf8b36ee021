import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import * as path from 'path';
import { TradovateConfig, loadTradovateConfig } from './tradovate-config';
import { WebhookLimitsConfig, loadWebhookLimitsConfig } from './webhook-limits-config';

const PROXY_ADDRESS = String.raw`(loopback|linklocal|uniquelocal|[0-9a-fA-F]*[.:][0-9a-fA-F.:]*(\/\d{1,3})?)`;
const TRUST_PROXY = new RegExp(String.raw`^(off|([1-9]|10)|${PROXY_ADDRESS}(\s*,\s*${PROXY_ADDRESS})*)$`);

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

  @IsOptional()
  @IsInt({ message: 'JT_RECONCILE_INTERVAL_SEC must be a whole number of seconds (0 turns the schedule off)' })
  @Min(0, { message: 'JT_RECONCILE_INTERVAL_SEC must be 0 or more' })
  @Max(86400, { message: 'JT_RECONCILE_INTERVAL_SEC must be at most 86400' })
  JT_RECONCILE_INTERVAL_SEC?: number;

  @IsOptional()
  @IsInt({ message: 'JT_PAPER_LATENCY_MS must be a whole number of milliseconds' })
  @Min(0, { message: 'JT_PAPER_LATENCY_MS must be 0 or more' })
  @Max(10000, { message: 'JT_PAPER_LATENCY_MS must be at most 10000' })
  JT_PAPER_LATENCY_MS?: number;

  @IsOptional()
  @IsInt({ message: 'JT_MARKET_DATA_STALE_SEC must be a whole number of seconds' })
  @Min(1, { message: 'JT_MARKET_DATA_STALE_SEC must be at least 1' })
  @Max(3600, { message: 'JT_MARKET_DATA_STALE_SEC must be at most 3600' })
  JT_MARKET_DATA_STALE_SEC?: number;

  @IsOptional()
  @IsInt({ message: 'JT_MAX_ORDER_QUANTITY must be a whole number of contracts' })
  @Min(1, { message: 'JT_MAX_ORDER_QUANTITY must be at least 1' })
  @Max(10000, { message: 'JT_MAX_ORDER_QUANTITY must be at most 10000' })
  JT_MAX_ORDER_QUANTITY?: number;

  @IsOptional()
  @IsInt({ message: 'JT_ALERT_PRICE_BAND_PCT must be a whole number of percent' })
  @Min(1, { message: 'JT_ALERT_PRICE_BAND_PCT must be at least 1' })
  @Max(100, { message: 'JT_ALERT_PRICE_BAND_PCT must be at most 100' })
  JT_ALERT_PRICE_BAND_PCT?: number;

  @IsOptional()
  @IsInt({ message: 'JT_SHUTDOWN_DRAIN_SEC must be a whole number of seconds' })
  @Min(0, { message: 'JT_SHUTDOWN_DRAIN_SEC must be 0 or more' })
  @Max(600, { message: 'JT_SHUTDOWN_DRAIN_SEC must be at most 600' })
  JT_SHUTDOWN_DRAIN_SEC?: number;

  @IsOptional()
  @Matches(/^(?=.*\S+@\S+\.\S+).{8,200}$/, {
    message: 'JT_SEC_USER_AGENT must name you and give a contact e-mail, e.g. "Just Trades admin@example.com" (SEC fair-access rule)',
  })
  JT_SEC_USER_AGENT?: string;

  @IsOptional()
  @IsIn(['on', 'off'], { message: 'JT_TV_QUOTES must be on or off' })
  JT_TV_QUOTES?: string;

  @IsOptional()
  @Matches(/^wss?:\/\/[^\s]+$/, { message: 'JT_TV_WS_URL must be a ws(s) URL such as wss://data.tradingview.com/socket.io/websocket' })
  JT_TV_WS_URL?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'JT_TV_CHART_URL must be an http(s) URL such as https://www.tradingview.com/chart/' })
  JT_TV_CHART_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{8,200}$/, { message: 'JT_TV_SESSION_ID must be the value of the TradingView sessionid cookie (letters and digits)' })
  JT_TV_SESSION_ID?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'JT_SEC_WWW_URL must be an http(s) URL such as https://www.sec.gov' })
  JT_SEC_WWW_URL?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'JT_SEC_DATA_URL must be an http(s) URL such as https://data.sec.gov' })
  JT_SEC_DATA_URL?: string;

  @IsOptional()
  @IsIn(['on', 'off'], { message: 'JT_INSIDER_POLL must be on or off' })
  JT_INSIDER_POLL?: string;

  @IsOptional()
  @IsInt({ message: 'JT_INSIDER_POLL_SEC must be a whole number of seconds' })
  @Min(10, { message: 'JT_INSIDER_POLL_SEC must be at least 10 (SEC fair access)' })
  @Max(3600, { message: 'JT_INSIDER_POLL_SEC must be at most 3600' })
  JT_INSIDER_POLL_SEC?: number;

  @IsOptional()
  @IsInt({ message: 'JT_INSIDER_OFFHOURS_POLL_SEC must be a whole number of seconds' })
  @Min(10, { message: 'JT_INSIDER_OFFHOURS_POLL_SEC must be at least 10 (SEC fair access)' })
  @Max(86400, { message: 'JT_INSIDER_OFFHOURS_POLL_SEC must be at most 86400' })
  JT_INSIDER_OFFHOURS_POLL_SEC?: number;

  @IsOptional()
  @Matches(/^(https?:\/\/[^\s]+|none)$/, { message: 'JT_PRICE_URL must be an http(s) URL (a Yahoo-chart-compatible server) or none' })
  JT_PRICE_URL?: string;

  @IsOptional()
  @IsInt({ message: 'JT_SESSION_IDLE_MIN must be a whole number of minutes' })
  @Min(1, { message: 'JT_SESSION_IDLE_MIN must be at least 1' })
  @Max(43200, { message: 'JT_SESSION_IDLE_MIN must be at most 43200 (30 days)' })
  JT_SESSION_IDLE_MIN?: number;

  @IsOptional()
  @Matches(TRUST_PROXY, {
    message: 'JT_TRUST_PROXY must be off, a hop count (1-10), or a comma-separated list of loopback, linklocal, uniquelocal and proxy addresses (CIDR allowed)',
  })
  JT_TRUST_PROXY?: string;
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
  /** seconds between scheduled drift checks; 0 = only on demand and after reconnects */
  reconcileIntervalSec: number;
  /** the paper broker answers this late, like a remote broker (0 = at once) */
  paperLatencyMs: number;
  /** a broker account with no quote from its venue for this long, in market hours, has blind exits */
  marketDataStaleSec: number;
  /** hard cap on the contracts of any one order, whatever the alert, recorder or trader says */
  maxOrderQuantity: number;
  /** an alert price further than this (percent) from the venue's last price prices only the virtual book */
  alertPriceBandPct: number;
  /** on shutdown, how long accepted signals may take to finish before the process stops anyway */
  shutdownDrainSec: number;
  /** false in a CLI process running beside a server: the server owns the paper exchange's state */
  paperStateWritable: boolean;
  /** false in a CLI process: the server alone drains signals on shutdown and recovers them at start */
  ownsSignalIntake: boolean;
  tradovate: TradovateConfig;
  tradingView: TradingViewConfig;
  insider: InsiderConfig;
  webhookLimits: WebhookLimitsConfig;
  /** a logged-in session that sees no request for this long ends */
  sessionIdleMin: number;
  /** Express's 'trust proxy': false (off), a hop count, or the proxies' addresses */
  trustProxy: false | number | string;
}

/** TradingView's quote socket, an opt-in price source for recorders with priceSource 'tradingview'. */
export interface TradingViewConfig {
  enabled: boolean;
  wsUrl: string;
  /** the chart page the auth token is read from when signed in with the session cookie */
  chartUrl: string;
  /** the `sessionid` cookie (secret: never logged); null = anonymous, delayed quotes */
  sessionId: string | null;
}

export interface InsiderConfig {
  /** declared to the SEC on every request; null = EDGAR access off (the app still starts) */
  secUserAgent: string | null;
  secWwwUrl: string;
  secDataUrl: string;
  /** the scheduled poller runs only when on and a user agent is declared; CLI processes turn it off */
  pollerEnabled: boolean;
  pollSec: number;
  offHoursPollSec: number;
  /** Yahoo-chart-compatible price server; null = prices unavailable */
  priceUrl: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const NUMERIC = ['PORT', 'JT_DEDUPE_WINDOW_SEC', 'JT_SIGNAL_MAX_AGE_SEC', 'JT_RECONCILE_INTERVAL_SEC', 'JT_PAPER_LATENCY_MS', 'JT_MARKET_DATA_STALE_SEC', 'JT_MAX_ORDER_QUANTITY', 'JT_ALERT_PRICE_BAND_PCT', 'JT_INSIDER_POLL_SEC', 'JT_INSIDER_OFFHOURS_POLL_SEC', 'JT_SESSION_IDLE_MIN', 'JT_SHUTDOWN_DRAIN_SEC'];

/** secrets whose value never goes into a message, even a wrong one */
const HIDDEN_VALUES = ['JT_TV_SESSION_ID'];

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
  const tradovate = loadTradovateConfig(env);
  const webhookLimits = loadWebhookLimitsConfig(env);
  if (errors.length > 0 || tradovate.problems.length > 0 || webhookLimits.problems.length > 0) {
    throw new ConfigError([
      ...errors.map((e) => `${e.property}=${HIDDEN_VALUES.includes(e.property) ? '(hidden)' : JSON.stringify(raw[e.property])}: ${[...new Set(Object.values(e.constraints ?? {}))].join('; ')}`),
      ...tradovate.problems,
      ...webhookLimits.problems,
    ]);
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
    reconcileIntervalSec: vars.JT_RECONCILE_INTERVAL_SEC ?? 30,
    paperLatencyMs: vars.JT_PAPER_LATENCY_MS ?? 0,
    marketDataStaleSec: vars.JT_MARKET_DATA_STALE_SEC ?? 60,
    maxOrderQuantity: vars.JT_MAX_ORDER_QUANTITY ?? 100,
    alertPriceBandPct: vars.JT_ALERT_PRICE_BAND_PCT ?? 10,
    shutdownDrainSec: vars.JT_SHUTDOWN_DRAIN_SEC ?? 7,
    paperStateWritable: true,
    ownsSignalIntake: true,
    tradovate: tradovate.config,
    tradingView: {
      enabled: vars.JT_TV_QUOTES === 'on',
      wsUrl: vars.JT_TV_WS_URL ?? 'wss://data.tradingview.com/socket.io/websocket',
      chartUrl: vars.JT_TV_CHART_URL ?? 'https://www.tradingview.com/chart/',
      sessionId: vars.JT_TV_SESSION_ID ?? null,
    },
    sessionIdleMin: vars.JT_SESSION_IDLE_MIN ?? 720,
    trustProxy: parseTrustProxy(vars.JT_TRUST_PROXY),
    insider: {
      secUserAgent: vars.JT_SEC_USER_AGENT?.trim() ?? null,
      secWwwUrl: (vars.JT_SEC_WWW_URL ?? 'https://www.sec.gov').replace(/\/+$/, ''),
      secDataUrl: (vars.JT_SEC_DATA_URL ?? 'https://data.sec.gov').replace(/\/+$/, ''),
      pollerEnabled: vars.JT_INSIDER_POLL !== 'off' && Boolean(vars.JT_SEC_USER_AGENT),
      pollSec: vars.JT_INSIDER_POLL_SEC ?? 60,
      offHoursPollSec: vars.JT_INSIDER_OFFHOURS_POLL_SEC ?? 600,
      priceUrl: vars.JT_PRICE_URL === 'none' ? null : (vars.JT_PRICE_URL ?? 'https://query1.finance.yahoo.com').replace(/\/+$/, ''),
    },
    webhookLimits: webhookLimits.config,
  };
}

function parseTrustProxy(value: string | undefined): false | number | string {
  if (!value || value === 'off') return false;
  return /^\d+$/.test(value) ? Number(value) : value.replace(/\s+/g, '');
}

/** The variable names, for reading only what we validate. */
class EnvVarsKeys {
  PORT = 0;
  JT_PAPER_LATENCY_MS = 0;
  JT_MARKET_DATA_STALE_SEC = 0;
  JT_MAX_ORDER_QUANTITY = 0;
  JT_ALERT_PRICE_BAND_PCT = 0;
  JT_SHUTDOWN_DRAIN_SEC = 0;
  DATABASE_URL = 0;
  JT_DATA_DIR = 0;
  JT_API_KEY = 0;
  JT_ADMIN_PASSWORD = 0;
  JT_SECRET_KEY = 0;
  LOG_LEVEL = 0;
  JT_PUBLIC_URL = 0;
  JT_DEDUPE_WINDOW_SEC = 0;
  JT_SIGNAL_MAX_AGE_SEC = 0;
  JT_RECONCILE_INTERVAL_SEC = 0;
  JT_SEC_USER_AGENT = 0;
  JT_SEC_WWW_URL = 0;
  JT_SEC_DATA_URL = 0;
  JT_INSIDER_POLL = 0;
  JT_INSIDER_POLL_SEC = 0;
  JT_INSIDER_OFFHOURS_POLL_SEC = 0;
  JT_PRICE_URL = 0;
  JT_SESSION_IDLE_MIN = 0;
  JT_TRUST_PROXY = 0;
  JT_TV_QUOTES = 0;
  JT_TV_WS_URL = 0;
  JT_TV_CHART_URL = 0;
  JT_TV_SESSION_ID = 0;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** For the two entry points (server, CLI): a bad environment prints every problem and exits 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
