import { Logger } from '@nestjs/common';
import { TradovateAuthError, TradovateError, describeError } from './tradovate-errors';
import { TradovateRest } from './tradovate-rest';
import { AccessTokenResponse } from './tradovate-wire';

/** What an access-token request needs (reference §2.1). `sec` and `password` never leave this object but to Tradovate. */
export interface TradovateCredentials {
  username: string;
  password: string;
  appId: string;
  appVersion: string;
  cid: number | string;
  sec: string;
  deviceId?: string | null;
}

export interface SessionToken {
  accessToken: string;
  /** used for the market-data socket when present (reference §2.1) */
  mdAccessToken: string | null;
  expiresAt: Date;
  userId: number | null;
  userName: string | null;
}

export interface SessionOptions {
  /** renew this long before expirationTime (reference: about 15 minutes) */
  renewBeforeMs: number;
  /** the injected Clock's now (ms): token expiry is calendar time */
  now: () => number;
}

/**
 * One Tradovate login (one server session) per user and environment. The token is reused by every
 * REST call and socket of that user and renewed with /auth/renewaccesstoken ahead of expiry; a fresh
 * access-token request only happens at start or when the token is gone (Tradovate evicts the oldest
 * session when a third one is created).
 */
export class TradovateSession {
  private readonly logger = new Logger('Tradovate');
  private current: SessionToken | null = null;
  private loggingIn: Promise<SessionToken> | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** a token this close to its expiry is not used: a new one is asked for */
  private expiryMarginMs = 5_000;
  private readonly now: () => number;
  private readonly listeners: Array<(token: SessionToken | null, error: TradovateError | Error | null) => void> = [];

  constructor(
    private readonly rest: TradovateRest,
    private credentials: TradovateCredentials | null,
    private readonly options: SessionOptions,
  ) {
    this.now = options.now;
  }

  get token(): SessionToken | null {
    return this.current;
  }

  /** Called with each new token, and with the error when a login or renewal fails. */
  onChange(listener: (token: SessionToken | null, error: TradovateError | Error | null) => void): void {
    this.listeners.push(listener);
  }

  updateCredentials(credentials: TradovateCredentials): void {
    this.credentials = credentials;
  }

  /** A token from the OAuth code exchange: used like a login's token and renewed the same way. */
  adopt(accessToken: string, expiresAt: Date, mdAccessToken: string | null = null): SessionToken {
    return this.install({ accessToken, mdAccessToken, expiresAt, userId: null, userName: null });
  }

  /** The valid token, logging in only when there is none (or it has expired). */
  async accessToken(): Promise<string> {
    const token = this.current;
    if (token && token.expiresAt.getTime() > this.now() + this.expiryMarginMs) return token.accessToken;
    return (await this.login()).accessToken;
  }

  /** One access-token request at a time; concurrent callers share it. */
  login(): Promise<SessionToken> {
    if (!this.loggingIn) {
      this.loggingIn = this.requestToken().finally(() => (this.loggingIn = null));
    }
    return this.loggingIn;
  }

  async renew(): Promise<SessionToken> {
    const token = this.current;
    if (!token || token.expiresAt.getTime() <= this.now()) return this.login();
    const res = await this.rest.call<AccessTokenResponse>('auth/renewaccesstoken', { method: 'GET', token: token.accessToken, returnErrorText: true });
    if (!res?.accessToken) throw new TradovateAuthError(`Tradovate did not renew the token: ${res?.errorText || 'no accessToken in the answer'}`);
    return this.install({
      accessToken: res.accessToken,
      // whether renew returns mdAccessToken is unconfirmed (reference §2.3): keep the old one if absent
      mdAccessToken: res.mdAccessToken ?? token.mdAccessToken,
      expiresAt: expiryOf(res, this.now()),
      userId: res.userId ?? token.userId,
      userName: res.name ?? token.userName,
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = null;
  }

  private async requestToken(): Promise<SessionToken> {
    const c = this.credentials;
    if (!c) throw new TradovateAuthError('this account has no Tradovate username/password (connect it through OAuth or add credentials)');
    const body: Record<string, unknown> = {
      name: c.username,
      password: c.password,
      appId: c.appId,
      appVersion: c.appVersion,
      cid: numericOr(c.cid),
      sec: c.sec,
      ...(c.deviceId ? { deviceId: c.deviceId } : {}),
    };
    try {
      const res = await this.rest.call<AccessTokenResponse>('auth/accesstokenrequest', { method: 'POST', body, returnErrorText: true });
      if (!res || typeof res !== 'object') throw new TradovateAuthError('Tradovate answered the login with an empty body');
      if (res.errorText) throw new TradovateAuthError(`Tradovate refused the login: ${res.errorText}`);
      if (!res.accessToken) throw new TradovateAuthError('Tradovate answered the login without an accessToken');
      return this.install({
        accessToken: res.accessToken,
        mdAccessToken: res.mdAccessToken ?? null,
        expiresAt: expiryOf(res, this.now()),
        userId: res.userId ?? null,
        userName: res.name ?? null,
      });
    } catch (error) {
      this.listeners.forEach((l) => l(null, error as Error));
      throw error;
    }
  }

  private install(token: SessionToken): SessionToken {
    this.current = token;
    // a short-lived token must not count as expiring from birth (each call would log in again and evict sessions)
    this.expiryMarginMs = Math.min(5_000, Math.max(0, token.expiresAt.getTime() - this.now()) / 10);
    this.scheduleRenewal(token);
    this.listeners.forEach((l) => l(token, null));
    return token;
  }

  private scheduleRenewal(token: SessionToken): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    if (this.stopped) return;
    const lifetime = token.expiresAt.getTime() - this.now();
    // a short-lived token (tests, or a server with a shorter life) renews at two thirds of its life
    const lead = Math.min(this.options.renewBeforeMs, lifetime / 3);
    const delay = Math.max(1_000, lifetime - lead);
    this.renewTimer = setTimeout(() => void this.renewInBackground(), Math.min(delay, 2 ** 31 - 1));
    this.renewTimer.unref?.();
  }

  private async renewInBackground(attempt = 0): Promise<void> {
    if (this.stopped) return;
    try {
      await this.renew();
    } catch (error) {
      this.logger.warn(`Tradovate token renewal failed (${describeError(error)})`);
      this.listeners.forEach((l) => l(this.current, error as Error));
      const token = this.current;
      if (!token || this.stopped) return;
      const left = token.expiresAt.getTime() - this.now();
      if (left > 10_000 && attempt < 5) {
        this.renewTimer = setTimeout(() => void this.renewInBackground(attempt + 1), Math.min(30_000 * (attempt + 1), left / 2));
        this.renewTimer.unref?.();
      }
    }
  }
}

function expiryOf(res: AccessTokenResponse, now: number): Date {
  const parsed = res.expirationTime ? Date.parse(res.expirationTime) : NaN;
  // never assume a long life (G-32): without a readable expirationTime, take the shortest documented one
  return new Date(Number.isFinite(parsed) ? parsed : now + 80 * 60_000);
}

function numericOr(value: number | string): number | string {
  return typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
}
