import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { LoginSessionsService } from './login-sessions.service';

/** `POST /api/sessions/revoke-all`: ends every browser login (a lost laptop, a shared screen). */
@Controller('api/sessions')
export class SessionsController {
  constructor(private readonly sessions: LoginSessionsService) {}

  @Post('revoke-all')
  @HttpCode(200)
  async revokeAll(@Req() req: Request) {
    return { revoked: await this.sessions.revokeAll(`asked through the API from ${req.ip ?? 'unknown'}`) };
  }
}
