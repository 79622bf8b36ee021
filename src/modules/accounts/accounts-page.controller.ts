import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Response } from 'express';
import { AccountsService } from './accounts.service';
import { CreateAccountDto, RoutingAcknowledgementDto, TradovateCredentialsDto } from './dto/account.dto';
import { LiveRoutingGate } from '../broker/tradovate/live-routing-gate.service';
import { TradovateAccountsService } from '../broker/tradovate/tradovate-accounts.service';

type Form = Record<string, string | undefined>;

/** The accounts page (list, status, add a paper or Tradovate account) and a Tradovate account's credentials page. */
@Controller('accounts')
export class AccountsPageController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tradovate: TradovateAccountsService,
    private readonly routingGate: LiveRoutingGate,
  ) {}

  @Get()
  @Render('accounts')
  async page() {
    return { title: 'Accounts', accounts: await this.listView() };
  }

  @Post()
  async add(@Body() form: Form, @Res() res: Response) {
    const tradovate = form.broker === 'tradovate';
    const dto = plainToInstance(CreateAccountDto, {
      name: form.name,
      broker: form.broker,
      maxPosition: form.maxPosition ? Number(form.maxPosition) : undefined,
      ...(tradovate
        ? {
            environment: form.environment,
            auth: form.auth === 'oauth' ? 'oauth' : 'password',
            ...pick(form, ['username', 'password', 'appId', 'appVersion', 'cid', 'sec', 'deviceId', 'accountSpec']),
            demoFallback: form.demoFallback === 'on',
          }
        : {}),
    });
    const problems = (await validate(dto, { whitelist: true })).flatMap((e) => Object.values(e.constraints ?? {}));
    if (problems.length > 0) return res.status(400).render('accounts', { title: 'Accounts', accounts: await this.listView(), error: problems.join('; '), form: { ...form, password: '', sec: '' } });
    try {
      await this.accounts.create(dto);
    } catch (error) {
      return res.status(400).render('accounts', { title: 'Accounts', accounts: await this.listView(), error: (error as Error).message, form: { ...form, password: '', sec: '' } });
    }
    res.redirect(303, '/accounts');
  }

  /** Each account with its TradingView-routing standing (held entries and warnings show in the list). */
  private async listView() {
    return (await this.accounts.list()).map((a) => ({ ...a, tradingViewRouting: this.routingGate.standing(a) }));
  }

  @Get(':id/credentials')
  @Render('account-credentials')
  async credentials(@Param('id', ParseUUIDPipe) id: string, @Query('oauth') oauth?: string) {
    const account = await this.accounts.get(id);
    const secrets = await this.tradovate.readSecrets(id).catch(() => null);
    return {
      title: `${account.name}: credentials`,
      account,
      username: secrets?.username ?? '',
      viaOAuth: Boolean(secrets?.oauth),
      routing: this.routingGate.standing(account),
      live: account.environment === 'live',
      notice: oauth === 'connected' ? 'Connected with Tradovate (OAuth).' : null,
      error: oauth && oauth !== 'connected' ? `OAuth did not complete: ${oauth}` : null,
    };
  }

  @Post(':id/credentials')
  async saveCredentials(@Param('id', ParseUUIDPipe) id: string, @Body() form: Form, @Res() res: Response) {
    const account = await this.accounts.get(id);
    const dto = plainToInstance(TradovateCredentialsDto, pick(form, ['username', 'password', 'appId', 'appVersion', 'cid', 'sec', 'deviceId', 'accountSpec']));
    const problems = (await validate(dto, { whitelist: true })).flatMap((e) => Object.values(e.constraints ?? {}));
    const view = { title: `${account.name}: credentials`, account, username: form.username ?? '', routing: this.routingGate.standing(account), live: account.environment === 'live' };
    if (problems.length > 0) return res.status(400).render('account-credentials', { ...view, error: problems.join('; ') });
    const updated = await this.tradovate.replaceCredentials(account, dto);
    const ok = updated.status === 'connected';
    res.status(ok ? 200 : 400).render('account-credentials', {
      ...view,
      account: updated,
      notice: ok ? `Logged in to Tradovate: trading on ${updated.brokerAccountName}.` : null,
      error: ok ? null : `Tradovate did not accept these credentials: ${updated.lastError ?? 'no answer yet'}`,
    });
  }

  /** "Trade this live account although TradingView routing is reported off", with the name of who decided. */
  @Post(':id/routing-acknowledgement')
  async acknowledgeRouting(@Param('id', ParseUUIDPipe) id: string, @Body() form: Form, @Res() res: Response) {
    const dto = plainToInstance(RoutingAcknowledgementDto, { acknowledgedBy: form.acknowledgedBy });
    const problems = (await validate(dto)).flatMap((e) => Object.values(e.constraints ?? {}));
    try {
      if (problems.length > 0) throw new Error(problems.join('; '));
      await this.routingGate.acknowledge(id, dto.acknowledgedBy);
    } catch (error) {
      const account = await this.accounts.get(id);
      return res.status(400).render('account-credentials', { title: `${account.name}: credentials`, account, routing: this.routingGate.standing(account), live: account.environment === 'live', error: (error as Error).message });
    }
    res.redirect(303, `/accounts/${id}/credentials`);
  }

  @Post(':id/routing-acknowledgement/withdraw')
  async withdrawRouting(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    await this.routingGate.withdraw(id);
    res.redirect(303, `/accounts/${id}/credentials`);
  }
}

function pick(form: Form, keys: string[]): Form {
  return Object.fromEntries(keys.filter((k) => form[k] !== undefined && form[k] !== '').map((k) => [k, form[k]]));
}
