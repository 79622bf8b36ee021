import { Inject, Injectable } from '@nestjs/common';
import axios from 'axios';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { Clock } from '../../../core/clock';
import { TradovateAuthError, TradovateRequestError } from './tradovate-errors';
import { TradovateEnv } from './tradovate-wire';

export interface OAuthToken {
  accessToken: string;
  expiresAt: string;
  refreshToken: string | null;
}

/**
 * The OAuth authorization-code flow (reference §2.4): the authorize URL, and the code exchange at
 * `/auth/oauthtoken` of the account's environment (G-36: the environment travels in the signed
 * state). The reference conflicts on path and encoding, so JSON at `<base>/auth/oauthtoken` is
 * tried first, then a form post at the host root.
 */
@Injectable()
export class TradovateOAuth {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get configured(): boolean {
    return Boolean(this.config.tradovate.oauthClientId && this.config.tradovate.oauthClientSecret);
  }

  authorizeUrl(state: string, redirectUri: string): string {
    const { oauthUrl, oauthClientId } = this.config.tradovate;
    if (!oauthClientId) throw new TradovateAuthError('OAuth is not set up: set TRADOVATE_OAUTH_CLIENT_ID and TRADOVATE_OAUTH_CLIENT_SECRET');
    const url = new URL(oauthUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', oauthClientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('state', state);
    return url.toString();
  }

  async exchange(env: TradovateEnv, code: string, redirectUri: string): Promise<OAuthToken> {
    const t = this.config.tradovate;
    if (!t.oauthClientId || !t.oauthClientSecret) throw new TradovateAuthError('OAuth is not set up: set TRADOVATE_OAUTH_CLIENT_ID and TRADOVATE_OAUTH_CLIENT_SECRET');
    const base = env === 'live' ? t.liveUrl : t.demoUrl;
    const fields = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: t.oauthClientId, client_secret: t.oauthClientSecret };
    const options = { timeout: t.timeoutMs, validateStatus: () => true };
    let res = await axios.post(`${base}/auth/oauthtoken`, fields, options);
    if (res.status === 404 || res.status === 405 || res.status === 415) {
      res = await axios.post(`${new URL(base).origin}/auth/oauthtoken`, new URLSearchParams(fields).toString(), {
        ...options,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    }
    const body = (res.data ?? {}) as { access_token?: string; expires_in?: number; refresh_token?: string; error?: string; error_description?: string; errorText?: string };
    if (res.status >= 400 || body.error || body.errorText || !body.access_token) {
      throw new TradovateRequestError(`Tradovate refused the OAuth code: ${body.error_description ?? body.error ?? body.errorText ?? `HTTP ${res.status}`}`);
    }
    const lifetimeSec = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 80 * 60;
    return { accessToken: body.access_token, expiresAt: new Date(this.clock.now().getTime() + lifetimeSec * 1000).toISOString(), refreshToken: body.refresh_token ?? null };
  }
}
