import { Body, Controller, Get, Post, Query, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CredentialsService } from './credentials.service';
import { SESSION_COOKIE } from './auth.middleware';

/** Only same-site paths after login, never an open redirect. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s]*$/.test(next) ? next : '/';
}

@Controller()
export class LoginController {
  constructor(private readonly credentials: CredentialsService) {}

  @Get('login')
  @Render('login')
  page(@Query('next') next?: string) {
    return { title: 'Log in', next: safeNext(next), passwordHint: this.credentials.locations.adminPassword };
  }

  @Post('login')
  login(@Body() body: Record<string, unknown>, @Res() res: Response) {
    const password = typeof body?.password === 'string' ? body.password : '';
    const next = safeNext(body?.next);
    if (!this.credentials.checkAdminPassword(password)) {
      res.status(401).render('login', { title: 'Log in', next, error: 'Wrong password.', passwordHint: this.credentials.locations.adminPassword });
      return;
    }
    res.cookie(SESSION_COOKIE, this.credentials.newSession(), { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 7 * 86_400_000 });
    res.redirect(303, next);
  }

  @Post('logout')
  logout(@Res() res: Response) {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/login');
  }
}
