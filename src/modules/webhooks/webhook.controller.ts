import { Controller, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GateRefusal, WebhookGate } from './webhook-gate.service';
import { WebhookService } from './webhook.service';

/** TradingView posts here; the token in the URL is the only credential. */
@Controller('webhook')
export class WebhookController {
  constructor(
    private readonly webhooks: WebhookService,
    private readonly gate: WebhookGate,
  ) {}

  @Get(':token')
  async status(@Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    const refusal = this.gate.admitStatusCheck(token, req.ip);
    if (refusal) return refuse(res, refusal);
    const answer = await this.webhooks.status(token);
    res.status(answer.httpStatus).json(answer.body);
  }

  @Post(':token')
  async receive(@Param('token') token: string, @Req() req: Request, @Headers('content-type') contentType: string | undefined, @Res() res: Response) {
    const raw = typeof req.body === 'string' ? req.body : Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const refusal = await this.gate.admitAlert(token, req.ip, raw, contentType ?? null);
    if (refusal) return refuse(res, refusal);
    const answer = await this.webhooks.receive(token, raw, contentType ?? null);
    res.status(answer.httpStatus).json(answer.body);
  }
}

function refuse(res: Response, refusal: GateRefusal): void {
  if (refusal.retryAfterSec !== null) res.setHeader('Retry-After', String(refusal.retryAfterSec));
  res.status(refusal.httpStatus).json(refusal.body);
}
