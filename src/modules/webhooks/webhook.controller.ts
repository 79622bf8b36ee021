import { Controller, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WebhookService } from './webhook.service';

/** TradingView posts here; the token in the URL is the only credential. */
@Controller('webhook')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Get(':token')
  async status(@Param('token') token: string, @Res() res: Response) {
    const answer = await this.webhooks.status(token);
    res.status(answer.httpStatus).json(answer.body);
  }

  @Post(':token')
  async receive(@Param('token') token: string, @Req() req: Request, @Headers('content-type') contentType: string | undefined, @Res() res: Response) {
    const raw = typeof req.body === 'string' ? req.body : Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const answer = await this.webhooks.receive(token, raw, contentType ?? null);
    res.status(answer.httpStatus).json(answer.body);
  }
}
