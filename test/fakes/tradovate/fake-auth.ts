import { randomBytes } from 'node:crypto';
import type { FakeOAuthClientSeed, FakeUserSeed } from './fake-seed';
import type { Env, WireReply } from './fake-wire-types';
import { failure, ok } from './fake-wire-types';

export const BAD_LOGIN_TEXT = 'Incorrect username or password. Please try again, noting that passwords are case-sensitive.';

export interface AuthOptions {
  tokenLifetimeMs: number;
  /** sessions per user and environment; the oldest is closed when one more is created (§2.1) */
  maxSessions: number;
  /** whether `renewaccesstoken` also returns a fresh `mdAccessToken` (unconfirmed, §2.3) */
  renewIncludesMdAccessToken: boolean;
}

export interface TokenInfo {
  token: string;
  kind: 'access' | 'md' | 'oauth';
  userId: number;
  /** oauth tokens work on both environments */
  env: Env | 'any';
  sessionId: number;
  expiresAt: number;
  revoked: boolean;
}

export type SeededUser = FakeUserSeed & { userId: number };

/** Logins, sessions and tokens: access-token request, renewal, OAuth code exchange (reference §2). */
export class FakeAuth {
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly sessions: { id: number; userId: number; env: Env | 'any' }[] = [];
  private readonly codes = new Map<string, { userName: string; redirectUri?: string }>();
  private readonly refreshTokens = new Map<string, number>();
  private readonly evictedListeners: ((sessionId: number) => void)[] = [];
  /** user id of every session ever opened */
  private readonly opened: number[] = [];
  private nextSession = 1;

  constructor(
    readonly users: SeededUser[],
    private readonly oauthClient: FakeOAuthClientSeed,
    private readonly opts: AuthOptions,
    private readonly takeLoginError: () => string | undefined,
    private readonly now: () => Date,
  ) {}

  onSessionEvicted(listener: (sessionId: number) => void): void {
    this.evictedListeners.push(listener);
  }

  /** `POST /auth/accesstokenrequest` (§2.1): failures are HTTP 200 with `errorText`. */
  accessTokenRequest(env: Env, body: Record<string, unknown>): WireReply {
    const scripted = this.takeLoginError();
    if (scripted) return ok({ errorText: scripted });
    const user = this.users.find((u) => u.name === body.name && u.password === body.password);
    if (!user) return ok({ errorText: BAD_LOGIN_TEXT });
    const keyGiven = body.cid !== undefined || body.sec !== undefined;
    if (keyGiven && (Number(body.cid) !== user.cid || body.sec !== user.sec)) {
      return ok({ errorText: 'The API key (cid/sec) is not valid for this user' });
    }
    const sessionId = this.openSession(user.userId, env);
    const access = this.issue('access', user.userId, env, sessionId);
    const md = this.issue('md', user.userId, env, sessionId);
    return ok({ ...this.tokenBody(user, access), mdAccessToken: md.token });
  }

  /** `GET /auth/renewaccesstoken` (§2.3): a new token in the same session; the old one lives to its expiry. */
  renew(current: TokenInfo): WireReply {
    const user = this.userById(current.userId);
    const access = this.issue(current.kind === 'oauth' ? 'oauth' : 'access', current.userId, current.env, current.sessionId);
    const body: Record<string, unknown> = this.tokenBody(user, access);
    if (this.opts.renewIncludesMdAccessToken) body.mdAccessToken = this.issue('md', current.userId, current.env, current.sessionId).token;
    return ok(body);
  }

  /** An authorization code as the OAuth authorize page would hand out (§2.4). */
  issueOAuthCode(userName = this.oauthClient.userName, redirectUri?: string): string {
    const code = `fake-code-${randomBytes(8).toString('hex')}`;
    this.codes.set(code, { userName, redirectUri });
    return code;
  }

  /** `POST /auth/oauthtoken`, JSON or form-encoded (§2.4); errors are 200 `{error, error_description}`. */
  oauthToken(body: Record<string, unknown>): WireReply {
    if (body.client_id !== this.oauthClient.clientId || body.client_secret !== this.oauthClient.clientSecret) {
      return ok({ error: 'invalid_client', error_description: 'Unknown client_id or wrong client_secret' });
    }
    let userId: number | undefined;
    if (body.grant_type === 'authorization_code') {
      const code = this.codes.get(String(body.code));
      if (!code) return ok({ error: 'invalid_grant', error_description: 'The authorization code is invalid or was already used' });
      if (code.redirectUri && body.redirect_uri !== code.redirectUri) return ok({ error: 'invalid_grant', error_description: 'redirect_uri does not match' });
      this.codes.delete(String(body.code));
      userId = this.users.find((u) => u.name === code.userName)?.userId;
    } else if (body.grant_type === 'refresh_token') {
      userId = this.refreshTokens.get(String(body.refresh_token));
      if (userId === undefined) return ok({ error: 'invalid_grant', error_description: 'The refresh token is invalid' });
    } else {
      return ok({ error: 'unsupported_grant_type', error_description: `grant_type ${String(body.grant_type)} is not supported` });
    }
    if (userId === undefined) return ok({ error: 'invalid_grant', error_description: 'Unknown user' });
    const access = this.issue('oauth', userId, 'any', this.openSession(userId, 'any'));
    const refresh = `fake-refresh-${randomBytes(16).toString('hex')}`;
    this.refreshTokens.set(refresh, userId);
    return ok({
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: Math.floor(this.opts.tokenLifetimeMs / 1000),
      refresh_token: refresh,
      refresh_token_expires_in: 30 * 24 * 3600,
    });
  }

  me(info: TokenInfo): WireReply {
    const user = this.userById(info.userId);
    return ok({ userId: user.userId, name: user.name, fullName: user.name, email: user.email ?? `${user.name}@example.test`, emailVerified: true, isTrial: false });
  }

  /**
   * The token's owner if it may be used here: trading REST/socket take access and OAuth tokens of
   * their environment; the market-data socket also takes `mdAccessToken` (§2.1: accept either).
   */
  check(token: string | undefined, where: Env | 'md', opts: { ignoreExpiry?: boolean } = {}): TokenInfo | undefined {
    const info = token ? this.tokens.get(token) : undefined;
    if (!info || info.revoked || (!opts.ignoreExpiry && info.expiresAt <= this.now().getTime())) return undefined;
    if (where === 'md') return info;
    if (info.kind === 'md') return undefined;
    return info.env === 'any' || info.env === where ? info : undefined;
  }

  expireAll(): void {
    const now = this.now().getTime();
    for (const info of this.tokens.values()) info.expiresAt = Math.min(info.expiresAt, now);
  }

  /** How many sessions a user has opened so far (logins and OAuth exchanges); a client should reuse one. */
  sessionCount(userName?: string): number {
    const userId = userName ? this.users.find((u) => u.name === userName)?.userId : undefined;
    return this.opened.filter((id) => userId === undefined || id === userId).length;
  }

  userById(userId: number): SeededUser {
    const user = this.users.find((u) => u.userId === userId);
    if (!user) throw new Error(`fake tradovate: no user ${userId}`);
    return user;
  }

  private tokenBody(user: SeededUser, access: TokenInfo) {
    return {
      accessToken: access.token,
      expirationTime: new Date(access.expiresAt).toISOString(),
      passwordExpirationTime: new Date(this.now().getTime() + 365 * 24 * 3600 * 1000).toISOString(),
      userStatus: 'Active',
      userId: user.userId,
      name: user.name,
      hasLive: user.hasLive ?? false,
    };
  }

  private openSession(userId: number, env: Env | 'any'): number {
    const id = this.nextSession++;
    this.sessions.push({ id, userId, env });
    this.opened.push(userId);
    const mine = this.sessions.filter((s) => s.userId === userId && s.env === env);
    while (mine.length > this.opts.maxSessions) {
      const oldest = mine.shift() as { id: number; userId: number };
      this.sessions.splice(this.sessions.findIndex((s) => s.id === oldest.id), 1);
      for (const info of this.tokens.values()) if (info.sessionId === oldest.id) info.revoked = true;
      for (const listener of this.evictedListeners) listener(oldest.id);
    }
    return id;
  }

  private issue(kind: TokenInfo['kind'], userId: number, env: Env | 'any', sessionId: number): TokenInfo {
    const info: TokenInfo = { token: randomBytes(48).toString('base64url'), kind, userId, env, sessionId, expiresAt: this.now().getTime() + this.opts.tokenLifetimeMs, revoked: false };
    this.tokens.set(info.token, info);
    return info;
  }
}

export function unauthorized(): WireReply {
  return failure(401, 'Access is denied');
}
