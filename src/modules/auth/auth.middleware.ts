import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CredentialsService } from './credentials.service';

export const SESSION_COOKIE = 'jt_session';

/** Paths anyone may reach: TradingView (authenticated by its token), health, the login page. */
const PUBLIC = [/^\/webhook\//, /^\/api\/health\/?$/, /^\/login\/?$/, /^\/static\//, /^\/favicon\.ico$/];

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Every /api route and page needs `Authorization: Bearer <JT_API_KEY>` or a logged-in session. */
@Injectable()
export class AuthMiddleware implements NestMiddleware {
  constructor(private readonly credentials: CredentialsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const path = (req.originalUrl ?? req.url).split('?')[0];
    if (PUBLIC.some((p) => p.test(path))) return next();
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && this.credentials.checkApiKey(auth.slice(7).trim())) return next();
    if (this.credentials.checkSession(readCookie(req, SESSION_COOKIE))) return next();
    if (path.startsWith('/api/') || path === '/api' || path.startsWith('/socket.io')) {
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
