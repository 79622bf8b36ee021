import axios, { AxiosInstance } from 'axios';
import { Logger } from '@nestjs/common';
import { withPenaltyRetry } from './penalty';
import { RateBudget } from './rate-budget';
import {
  TradovateAuthError,
  TradovateRateLimitError,
  TradovateRequestError,
  TradovateTimeoutError,
  TradovateUnavailableError,
} from './tradovate-errors';

export interface RestOptions {
  timeoutMs: number;
  /** the longest p-time we wait out before giving up (seconds) */
  maxPenaltyWaitSec: number;
  /**
   * How a penalty ticket travels on a retried GET; the reference leaves it open (§3). 'post-body'
   * re-sends the request as POST with `{"p-ticket"}` as JSON body (methods are relaxed), 'query'
   * adds `p-ticket` to the query string.
   */
  getTicketMode: 'post-body' | 'query';
}

export interface RestCall {
  method?: 'GET' | 'POST';
  query?: Record<string, string | number>;
  body?: Record<string, unknown>;
  /** bearer token; none for accesstokenrequest */
  token?: string | null;
  /** a 200 with errorText is returned to the caller instead of thrown (login reads it itself) */
  returnErrorText?: boolean;
}

/**
 * Tradovate REST over axios: every call takes a slot from the user's budget, has a timeout (G-35),
 * and reads the body, not the status (200 carries errors, penalties and rejections).
 */
export class TradovateRest {
  private readonly http: AxiosInstance;
  private readonly logger = new Logger('Tradovate');

  constructor(
    readonly baseUrl: string,
    private readonly budget: RateBudget,
    private readonly options: RestOptions,
  ) {
    this.http = axios.create({ baseURL: baseUrl.replace(/\/+$/, ''), timeout: options.timeoutMs, validateStatus: () => true, maxRedirects: 0 });
  }

  async call<T>(path: string, call: RestCall = {}): Promise<T> {
    const endpoint = path.replace(/^\/+/, '');
    const method = call.method ?? (call.body ? 'POST' : 'GET');
    return withPenaltyRetry<T>(endpoint, (ticket) => this.once<T>(endpoint, method, call, ticket), {
      maxWaitSec: this.options.maxPenaltyWaitSec,
      onPenalty: (p) => this.logger.warn(`Tradovate time penalty on ${endpoint}: waiting ${p.waitSec}s, then re-sending with the ticket`),
    });
  }

  private async once<T>(endpoint: string, method: 'GET' | 'POST', call: RestCall, ticket: string | null): Promise<T> {
    await this.budget.take();
    let query = call.query;
    let body: Record<string, unknown> | undefined = call.body;
    let verb = method;
    if (ticket) {
      if (method === 'POST') body = { ...(body ?? {}), 'p-ticket': ticket };
      else if (this.options.getTicketMode === 'query') query = { ...(query ?? {}), 'p-ticket': ticket };
      else {
        verb = 'POST';
        body = { 'p-ticket': ticket };
      }
    }
    let res;
    try {
      res = await this.http.request({
        url: `/${endpoint}`,
        method: verb,
        params: query,
        data: body,
        headers: {
          Accept: 'application/json',
          ...(body ? { 'Content-Type': 'application/json' } : {}),
          ...(call.token ? { Authorization: `Bearer ${call.token}` } : {}),
        },
      });
    } catch (error) {
      const e = error as { code?: string; message?: string };
      if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')) {
        throw new TradovateTimeoutError(`Tradovate did not answer ${endpoint} within ${this.options.timeoutMs} ms`);
      }
      throw new TradovateUnavailableError(`Tradovate ${endpoint} is unreachable (${e.code ?? e.message ?? 'network error'})`);
    }
    const status = res.status;
    if (status === 429 || status === 423) {
      const pausedMs = this.budget.pause();
      this.logger.warn(`Tradovate answered ${status} on ${endpoint}; pausing this user's requests for ${Math.round(pausedMs / 1000)}s`);
      throw new TradovateRateLimitError(endpoint, status);
    }
    const data = res.data as unknown;
    if (status === 401 || status === 403) throw new TradovateAuthError(`Tradovate refused ${endpoint} (${status}${textOf(data) ? `: ${textOf(data)}` : ''}): the token is expired or lacks permission`, status);
    if (status >= 500) throw new TradovateUnavailableError(`Tradovate ${endpoint} failed with HTTP ${status}`, status);
    if (status >= 400) throw new TradovateRequestError(`Tradovate ${endpoint} refused the request (HTTP ${status}${textOf(data) ? `: ${textOf(data)}` : ''})`, status);
    this.budget.succeeded();
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      const d = data as Record<string, unknown>;
      if (Array.isArray(d.violations) && d.violations.length > 0) {
        throw new TradovateRequestError(`Tradovate ${endpoint} rejected the request: ${JSON.stringify(d.violations).slice(0, 300)}`);
      }
      if (typeof d.errorText === 'string' && d.errorText !== '' && !call.returnErrorText && d['p-ticket'] === undefined) {
        throw new TradovateRequestError(`Tradovate ${endpoint}: ${d.errorText}`);
      }
    }
    return data as T;
  }
}

function textOf(data: unknown): string {
  if (typeof data === 'string') return data.slice(0, 200);
  if (data && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    return String(d.errorText ?? d.error_description ?? d.error ?? '').slice(0, 200);
  }
  return '';
}
