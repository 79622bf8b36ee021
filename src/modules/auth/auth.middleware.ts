import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CredentialsService } from './credentials.service';
import { CSRF_FIELD, CSRF_HEADER } from './csrf-view';
import { LoginSessionsService } from './login-sessions.service';
import { isSameOrigin } from './request-origin';

export const SESSION_COOKIE = 'jt_session';

/** Paths anyone may reach: TradingView (authenticated by its token), health, the login page. */
export const PUBLIC_PATHS = [/^\/webhook\//, /^\/api\/health\/?$/, /^\/login\/?$/, /^\/static\//, /^\/favicon\.ico$/];
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

export function readCookie(req: Pick<Request, 'headers'>, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Every /api route and page needs `Authorization: Bearer <JT_API_KEY>` or a logged-in session.
 * A change made with a session (POST/PUT/PATCH/DELETE) also needs the session's CSRF token and must
 * not come from another origin: the browser sends the cookie whoever built the form.
 */
@Injectable()
export class AuthMiddleware implements NestMiddleware {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly credentials: CredentialsService,
    private readonly sessions: LoginSessionsService,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      await this.authenticate(req, res, next);
    } catch (error) {
      next(error);
    }
  }

  private async authenticate(req: Request, res: Response, next: NextFunction): Promise<void> {
    const path = (req.originalUrl ?? req.url).split('?')[0];
    const api = path.startsWith('/api/') || path === '/api' || path.startsWith('/socket.io');
    const changes = !SAFE_METHODS.includes(req.method);
    if (PUBLIC_PATHS.some((p) => p.test(path))) {
      // the log-in form: no session yet, but another site must not log the browser in or out
      if (changes && !path.startsWith('/webhook/') && !isSameOrigin(req, this.config.publicUrl)) return forbid(res, api, 'comes from another site');
      return next();
    }
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && this.credentials.checkApiKey(auth.slice(7).trim())) return next();
    const session = await this.sessions.check(readCookie(req, SESSION_COOKIE));
    if (session) {
      res.locals.session = session;
      res.locals.csrfToken = this.sessions.csrfToken(session);
      if (!changes) return next();
      if (!isSameOrigin(req, this.config.publicUrl)) return forbid(res, api, 'comes from another site');
      const body = req.body as Record<string, unknown> | undefined;
      const token = req.get(CSRF_HEADER) ?? (body && typeof body === 'object' ? body[CSRF_FIELD] : undefined);
      if (body && typeof body === 'object') delete body[CSRF_FIELD];
      if (!this.sessions.checkCsrfToken(session, token)) return forbid(res, api, token === undefined ? 'carries no CSRF token' : 'carries a wrong CSRF token');
      return next();
    }
    if (api) {
      res.status(401).json({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Send Authorization: Bearer <JT_API_KEY> (the key is in JT_API_KEY or data/api-key), or log in at /login',
      });
      return;
    }
    res.redirect(302, `/login?next=${encodeURIComponent(req.originalUrl)}`);
  }
}

function forbid(res: Response, api: boolean, why: string): void {
  const message = `Refused: this change ${why}. Reload the page and try again; scripts use Authorization: Bearer <JT_API_KEY>.`;
  if (api) res.status(403).json({ statusCode: 403, error: 'Forbidden', message });
  else res.status(403).type('text/plain').send(message);
}
