import { Logger } from '@nestjs/common';
import axios, { AxiosInstance } from 'axios';
import { EdgarNotConfiguredError, EdgarUnavailableError } from './edgar-errors';
import { sleep, TokenBucket } from './token-bucket';

export interface EdgarResponse {
  status: number;
  body: Buffer;
  /** answered 304: `body` is the copy kept from the last 200 */
  notModified: boolean;
}

export interface EdgarClientOptions {
  userAgent: string | null;
  bucket: TokenBucket;
  /** first back-off after a 429 or 5xx; doubles each try */
  backoffBaseMs?: number;
  maxTries?: number;
  /** how long all SEC traffic stops after a "Request Rate Threshold Exceeded" 403 */
  circuitOpenMs?: number;
  /** the injected Clock's now (ms): the pause is reported as a date */
  now: () => number;
}

const SEC_REFUSAL = /Request Rate Threshold Exceeded|Traffic Limit|declare your traffic/i;

/**
 * The one way to talk to www.sec.gov and data.sec.gov: a declared User-Agent, the shared token
 * bucket, back-off on 429 and 5xx, a circuit breaker on the SEC's rate-limit 403, and conditional
 * requests (ETag / Last-Modified) for the documents that change (feeds, ticker map, submissions).
 */
export class EdgarHttpClient {
  private readonly logger = new Logger('EdgarClient');
  private readonly http: AxiosInstance;
  private readonly validators = new Map<string, { etag?: string; lastModified?: string; body: Buffer }>();
  private pausedUntil = 0;

  constructor(private readonly options: EdgarClientOptions) {
    this.http = axios.create({ responseType: 'arraybuffer', timeout: 20000, validateStatus: () => true, maxRedirects: 3, decompress: true });
  }

  get configured(): boolean {
    return Boolean(this.options.userAgent);
  }

  async get(url: string, opts: { conditional?: boolean } = {}): Promise<EdgarResponse> {
    if (!this.options.userAgent) throw new EdgarNotConfiguredError();
    const maxTries = this.options.maxTries ?? 3;
    const base = this.options.backoffBaseMs ?? 1000;
    for (let attempt = 1; ; attempt++) {
      this.checkCircuit();
      await this.options.bucket.take();
      const cached = opts.conditional ? this.validators.get(url) : undefined;
      let status: number;
      let body: Buffer;
      let headers: Record<string, unknown>;
      try {
        const res = await this.http.get<ArrayBuffer>(url, {
          headers: {
            'User-Agent': this.options.userAgent,
            'Accept-Encoding': 'gzip, deflate',
            ...(cached?.etag ? { 'If-None-Match': cached.etag } : {}),
            ...(cached?.lastModified ? { 'If-Modified-Since': cached.lastModified } : {}),
          },
        });
        status = res.status;
        body = Buffer.from(res.data ?? []);
        headers = res.headers as Record<string, unknown>;
      } catch (error) {
        if (attempt >= maxTries) throw new EdgarUnavailableError(`EDGAR did not answer ${url}: ${(error as Error).message}`);
        await sleep(backoff(base, attempt));
        continue;
      }
      if (status === 304 && cached) return { status: 200, body: cached.body, notModified: true };
      if (status === 403) throw this.refused(url, body);
      if (status === 429 || status >= 500) {
        if (attempt >= maxTries) throw new EdgarUnavailableError(`EDGAR answered ${status} for ${url} ${maxTries} times; will try again on the next poll`, status);
        const retryAfter = Number(headers['retry-after']);
        const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 60000) : backoff(base, attempt);
        this.logger.warn(`EDGAR answered ${status} for ${url}; backing off ${wait} ms (try ${attempt} of ${maxTries})`);
        await sleep(wait);
        continue;
      }
      if (status === 200 && opts.conditional) {
        const etag = headers['etag'] as string | undefined;
        const lastModified = headers['last-modified'] as string | undefined;
        if (etag || lastModified) this.validators.set(url, { etag, lastModified, body });
      }
      return { status, body, notModified: false };
    }
  }

  private checkCircuit(): void {
    const now = this.options.now();
    if (now < this.pausedUntil) {
      throw new EdgarUnavailableError(`EDGAR traffic paused until ${new Date(this.pausedUntil).toISOString()} after the SEC's rate-limit answer`, 403);
    }
  }

  private refused(url: string, body: Buffer): EdgarUnavailableError {
    const text = body.toString('latin1');
    if (!SEC_REFUSAL.test(text)) return new EdgarUnavailableError(`EDGAR refused ${url} (403)`, 403);
    // the SEC extends its 10-minute block while requests keep coming: stop everything, do not retry
    const now = this.options.now();
    this.pausedUntil = now + (this.options.circuitOpenMs ?? 10 * 60 * 1000);
    const why = /declare your traffic/i.test(text) ? 'the SEC refused our User-Agent: JT_SEC_USER_AGENT must name you with a contact e-mail' : 'the SEC rate limit was reached';
    this.logger.error(`${why} (403 on ${url}); all EDGAR traffic stops until ${new Date(this.pausedUntil).toISOString()}`);
    return new EdgarUnavailableError(`${why}; EDGAR traffic is paused until ${new Date(this.pausedUntil).toISOString()}`, 403);
  }

}

function backoff(base: number, attempt: number): number {
  return Math.round(base * 2 ** (attempt - 1) * (1 + Math.random() * 0.2));
}
