import { plainToInstance } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, validateSync } from 'class-validator';
import { isIP } from 'net';

/** The addresses TradingView documents as the source of its webhook requests. */
export const TRADINGVIEW_WEBHOOK_ADDRESSES = ['52.89.214.238', '34.212.75.30', '54.218.53.128', '52.32.178.7'] as const;

class WebhookLimitsEnvVars {
  @IsOptional()
  @IsInt({ message: 'JT_WEBHOOK_RATE_PER_MIN must be a whole number of alerts per minute' })
  @Min(1, { message: 'JT_WEBHOOK_RATE_PER_MIN must be at least 1' })
  @Max(100000, { message: 'JT_WEBHOOK_RATE_PER_MIN must be at most 100000' })
  JT_WEBHOOK_RATE_PER_MIN?: number;

  @IsOptional()
  @IsInt({ message: 'JT_WEBHOOK_RATE_BURST must be a whole number of alerts' })
  @Min(1, { message: 'JT_WEBHOOK_RATE_BURST must be at least 1' })
  @Max(10000, { message: 'JT_WEBHOOK_RATE_BURST must be at most 10000' })
  JT_WEBHOOK_RATE_BURST?: number;

  @IsOptional()
  @IsInt({ message: 'JT_WEBHOOK_UNKNOWN_TOKEN_PER_MIN must be a whole number of requests per minute' })
  @Min(1, { message: 'JT_WEBHOOK_UNKNOWN_TOKEN_PER_MIN must be at least 1' })
  @Max(10000, { message: 'JT_WEBHOOK_UNKNOWN_TOKEN_PER_MIN must be at most 10000' })
  JT_WEBHOOK_UNKNOWN_TOKEN_PER_MIN?: number;
}

export interface WebhookLimitsConfig {
  /** alerts per minute per webhook token, refilled continuously */
  perTokenPerMin: number;
  /** alerts a token may send at once (a bar-close burst of a copy-trading strategy) */
  perTokenBurst: number;
  /** requests per minute per client address that name an unknown token (slows token guessing) */
  unknownTokenPerMinPerAddress: number;
  /** CIDRs webhooks are accepted from; null = from anywhere */
  allowFrom: string[] | null;
}

const NUMERIC_KEYS = ['JT_WEBHOOK_RATE_PER_MIN', 'JT_WEBHOOK_RATE_BURST', 'JT_WEBHOOK_UNKNOWN_TOKEN_PER_MIN'];

/** The webhook part of the environment; problems are listed with the rest of the configuration's. */
export function loadWebhookLimitsConfig(env: NodeJS.ProcessEnv): { config: WebhookLimitsConfig; problems: string[] } {
  const raw: Record<string, unknown> = {};
  for (const key of NUMERIC_KEYS) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    raw[key] = /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  }
  const vars = plainToInstance(WebhookLimitsEnvVars, raw);
  const problems = validateSync(vars, { whitelist: true }).map(
    (e) => `${e.property}=${JSON.stringify(raw[e.property])}: ${[...new Set(Object.values(e.constraints ?? {}))].join('; ')}`,
  );
  const allow = parseAllowList(env.JT_WEBHOOK_ALLOW_IPS);
  problems.push(...allow.problems);
  return {
    problems,
    config: {
      perTokenPerMin: vars.JT_WEBHOOK_RATE_PER_MIN ?? 600,
      perTokenBurst: vars.JT_WEBHOOK_RATE_BURST ?? 100,
      unknownTokenPerMinPerAddress: vars.JT_WEBHOOK_UNKNOWN_TOKEN_PER_MIN ?? 30,
      allowFrom: allow.cidrs,
    },
  };
}

/** `1.2.3.4, 10.0.0.0/8, ::1, tradingview` -> CIDRs; unset or blank = no allow-list. */
function parseAllowList(value: string | undefined): { cidrs: string[] | null; problems: string[] } {
  if (value === undefined || value.trim() === '') return { cidrs: null, problems: [] };
  const cidrs: string[] = [];
  const bad: string[] = [];
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    if (entry.toLowerCase() === 'tradingview') {
      cidrs.push(...TRADINGVIEW_WEBHOOK_ADDRESSES.map((address) => `${address}/32`));
      continue;
    }
    const cidr = toCidr(entry);
    if (cidr) cidrs.push(cidr);
    else bad.push(entry);
  }
  const problems = bad.length > 0 || cidrs.length === 0
    ? [`JT_WEBHOOK_ALLOW_IPS=${JSON.stringify(value)}: ${bad.length > 0 ? `not an address or CIDR: ${bad.join(', ')}; ` : ''}use comma-separated addresses or CIDRs (1.2.3.4, 10.0.0.0/8, ::1) or tradingview`]
    : [];
  return { cidrs, problems };
}

function toCidr(entry: string): string | null {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return null;
  const max = family === 4 ? 32 : 128;
  if (prefix === undefined) return `${address}/${max}`;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return null;
  return `${address}/${Number(prefix)}`;
}
