import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** Tradovate hosts and client tuning (reference §1, §2.3, §3, §7). Defaults are the real hosts. */
class TradovateEnvVars {
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'TRADOVATE_DEMO_URL must be an http(s) REST base such as https://demo.tradovateapi.com/v1' })
  TRADOVATE_DEMO_URL?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'TRADOVATE_LIVE_URL must be an http(s) REST base such as https://live.tradovateapi.com/v1' })
  TRADOVATE_LIVE_URL?: string;

  @IsOptional()
  @Matches(/^wss?:\/\/[^\s]+$/, { message: 'TRADOVATE_MD_URL must be a ws(s) URL such as wss://md.tradovateapi.com/v1/websocket' })
  TRADOVATE_MD_URL?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'TRADOVATE_OAUTH_URL must be an http(s) URL such as https://trader.tradovate.com/oauth' })
  TRADOVATE_OAUTH_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  TRADOVATE_OAUTH_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  TRADOVATE_OAUTH_CLIENT_SECRET?: string;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'TRADOVATE_TV_ENTITLEMENT must name the TradingView plugin/entitlement' })
  TRADOVATE_TV_ENTITLEMENT?: string;

  @IsOptional()
  @IsInt({ message: 'TRADOVATE_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(500, { message: 'TRADOVATE_TIMEOUT_MS must be at least 500' })
  @Max(120000, { message: 'TRADOVATE_TIMEOUT_MS must be at most 120000' })
  TRADOVATE_TIMEOUT_MS?: number;

  @IsOptional()
  @IsInt({ message: 'TRADOVATE_RENEW_BEFORE_SEC must be a whole number of seconds' })
  @Min(10, { message: 'TRADOVATE_RENEW_BEFORE_SEC must be at least 10' })
  @Max(3600, { message: 'TRADOVATE_RENEW_BEFORE_SEC must be at most 3600' })
  TRADOVATE_RENEW_BEFORE_SEC?: number;

  @IsOptional()
  @IsInt({ message: 'TRADOVATE_RATE_PER_MIN must be a whole number' })
  @Min(1, { message: 'TRADOVATE_RATE_PER_MIN must be at least 1' })
  @Max(60000, { message: 'TRADOVATE_RATE_PER_MIN must be at most 60000' })
  TRADOVATE_RATE_PER_MIN?: number;

  @IsOptional()
  @IsInt({ message: 'TRADOVATE_RATE_BURST must be a whole number' })
  @Min(1, { message: 'TRADOVATE_RATE_BURST must be at least 1' })
  @Max(1000, { message: 'TRADOVATE_RATE_BURST must be at most 1000' })
  TRADOVATE_RATE_BURST?: number;

  @IsOptional()
  @IsInt({ message: 'TRADOVATE_MAX_PENALTY_SEC must be a whole number of seconds' })
  @Min(0, { message: 'TRADOVATE_MAX_PENALTY_SEC must be 0 or more' })
  @Max(3600, { message: 'TRADOVATE_MAX_PENALTY_SEC must be at most 3600' })
  TRADOVATE_MAX_PENALTY_SEC?: number;

  @IsOptional()
  @IsIn(['post-body', 'query'], { message: 'TRADOVATE_GET_TICKET_MODE must be post-body or query' })
  TRADOVATE_GET_TICKET_MODE?: string;

  @IsOptional()
  @IsInt({ message: 'TRADOVATE_ROUTING_CACHE_SEC must be a whole number of seconds' })
  @Min(0, { message: 'TRADOVATE_ROUTING_CACHE_SEC must be 0 or more' })
  @Max(86400, { message: 'TRADOVATE_ROUTING_CACHE_SEC must be at most 86400' })
  TRADOVATE_ROUTING_CACHE_SEC?: number;
}

export interface TradovateConfig {
  demoUrl: string;
  liveUrl: string;
  mdUrl: string;
  oauthUrl: string;
  oauthClientId: string | null;
  oauthClientSecret: string | null;
  /** the plugin / entitlement name that means "TradingView routing" (unknown in the reference, §7) */
  tvEntitlement: string;
  timeoutMs: number;
  renewBeforeSec: number;
  ratePerMin: number;
  rateBurst: number;
  maxPenaltySec: number;
  getTicketMode: 'post-body' | 'query';
  routingCacheSec: number;
}

const KEYS = Object.keys(new (class {
  TRADOVATE_DEMO_URL = 0; TRADOVATE_LIVE_URL = 0; TRADOVATE_MD_URL = 0; TRADOVATE_OAUTH_URL = 0; TRADOVATE_OAUTH_CLIENT_ID = 0;
  TRADOVATE_OAUTH_CLIENT_SECRET = 0; TRADOVATE_TV_ENTITLEMENT = 0; TRADOVATE_TIMEOUT_MS = 0; TRADOVATE_RENEW_BEFORE_SEC = 0;
  TRADOVATE_RATE_PER_MIN = 0; TRADOVATE_RATE_BURST = 0; TRADOVATE_MAX_PENALTY_SEC = 0; TRADOVATE_GET_TICKET_MODE = 0; TRADOVATE_ROUTING_CACHE_SEC = 0;
})());

/** The Tradovate part of the environment; problems are listed with the rest of the configuration's. */
export function loadTradovateConfig(env: NodeJS.ProcessEnv): { config: TradovateConfig; problems: string[] } {
  const raw: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    raw[key] = /(_MS|_SEC|_MIN|_BURST)$/.test(key) && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  }
  const vars = plainToInstance(TradovateEnvVars, raw);
  const problems = validateSync(vars, { whitelist: true }).map(
    (e) => `${e.property}=${JSON.stringify(raw[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  const trim = (url: string) => url.replace(/\/+$/, '');
  return {
    problems,
    config: {
      demoUrl: trim(vars.TRADOVATE_DEMO_URL ?? 'https://demo.tradovateapi.com/v1'),
      liveUrl: trim(vars.TRADOVATE_LIVE_URL ?? 'https://live.tradovateapi.com/v1'),
      mdUrl: vars.TRADOVATE_MD_URL ?? 'wss://md.tradovateapi.com/v1/websocket',
      oauthUrl: vars.TRADOVATE_OAUTH_URL ?? 'https://trader.tradovate.com/oauth',
      oauthClientId: vars.TRADOVATE_OAUTH_CLIENT_ID ?? null,
      oauthClientSecret: vars.TRADOVATE_OAUTH_CLIENT_SECRET ?? null,
      tvEntitlement: vars.TRADOVATE_TV_ENTITLEMENT ?? 'TradingView',
      timeoutMs: vars.TRADOVATE_TIMEOUT_MS ?? 10_000,
      renewBeforeSec: vars.TRADOVATE_RENEW_BEFORE_SEC ?? 900,
      ratePerMin: vars.TRADOVATE_RATE_PER_MIN ?? 300,
      rateBurst: vars.TRADOVATE_RATE_BURST ?? 20,
      maxPenaltySec: vars.TRADOVATE_MAX_PENALTY_SEC ?? 120,
      getTicketMode: (vars.TRADOVATE_GET_TICKET_MODE as 'post-body' | 'query' | undefined) ?? 'post-body',
      routingCacheSec: vars.TRADOVATE_ROUTING_CACHE_SEC ?? 600,
    },
  };
}

/** The trading socket: the REST base with http -> ws plus /websocket (reference §1). */
export function tradingSocketUrl(restBase: string): string {
  return `${restBase.replace(/^http/, 'ws').replace(/\/+$/, '')}/websocket`;
}
