import { Body, Controller, Get, Inject, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { readCookie, SESSION_COOKIE } from './auth.middleware';
import { CredentialsService } from './credentials.service';
import { LoginSessionsService } from './login-sessions.service';
import { LoginThrottle } from './login-throttle';
import { safeNext } from './safe-next';

/** Log in (throttled per address, a fresh session each time), log out, log out everywhere. */
@Controller()
export class LoginController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly credentials: CredentialsService,
    private readonly sessions: LoginSessionsService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Get('login')
  @Render('login')
  page(@Query('next') next?: string) {
    return { title: 'Log in', next: safeNext(next), passwordHint: this.credentials.locations.adminPassword };
  }

  @Post('login')
  async login(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const password = typeof body?.password === 'string' ? body.password : '';
    const next = safeNext(body?.next);
    const address = req.ip ?? 'unknown';
    const view = { title: 'Log in', next, passwordHint: this.credentials.locations.adminPassword };
    const verdict = this.throttle.check(address);
    if (!verdict.allowed) {
      res.status(429).set('Retry-After', String(verdict.retryAfterSec)).render('login', { ...view, error: verdict.message });
      return;
    }
    if (!this.credentials.checkAdminPassword(password)) {
      this.throttle.failed(address);
      res.status(401).render('login', { ...view, error: 'Wrong password.' });
      return;
    }
    this.throttle.succeeded(address);
    // a new session each log-in: a cookie planted before log-in never becomes a logged-in one
    await this.sessions.revoke(readCookie(req, SESSION_COOKIE));
    const { cookie, maxAgeMs } = await this.sessions.start(address);
    res.cookie(SESSION_COOKIE, cookie, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: maxAgeMs, secure: this.secure(req) });
    res.redirect(303, next);
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response) {
    await this.sessions.revoke(readCookie(req, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, { path: '/', secure: this.secure(req) });
    res.redirect(303, '/login');
  }

  @Post('logout/everywhere')
  async logoutEverywhere(@Req() req: Request, @Res() res: Response) {
    await this.sessions.revokeAll(`log out everywhere, asked from ${req.ip ?? 'unknown'}`);
    res.clearCookie(SESSION_COOKIE, { path: '/', secure: this.secure(req) });
    res.redirect(303, '/login');
  }

  /** Secure cookies when served over TLS: JT_PUBLIC_URL https, or https seen through a trusted proxy. */
  private secure(req: Request): boolean {
    return Boolean(this.config.publicUrl?.startsWith('https://')) || req.secure;
  }
}
