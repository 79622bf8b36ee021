import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Response } from 'express';
import { AccountsService } from './accounts.service';
import { CreateAccountDto, TradovateCredentialsDto } from './dto/account.dto';
import { TradovateAccountsService } from '../broker/tradovate/tradovate-accounts.service';

type Form = Record<string, string | undefined>;

/** The accounts page (list, status, add a paper or Tradovate account) and a Tradovate account's credentials page. */
@Controller('accounts')
export class AccountsPageController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tradovate: TradovateAccountsService,
  ) {}

  @Get()
  @Render('accounts')
  async page() {
    return { title: 'Accounts', accounts: await this.accounts.list() };
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
    if (problems.length > 0) return res.status(400).render('accounts', { title: 'Accounts', accounts: await this.accounts.list(), error: problems.join('; '), form: { ...form, password: '', sec: '' } });
    try {
      await this.accounts.create(dto);
    } catch (error) {
      return res.status(400).render('accounts', { title: 'Accounts', accounts: await this.accounts.list(), error: (error as Error).message, form: { ...form, password: '', sec: '' } });
    }
    res.redirect(303, '/accounts');
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
      notice: oauth === 'connected' ? 'Connected with Tradovate (OAuth).' : null,
      error: oauth && oauth !== 'connected' ? `OAuth did not complete: ${oauth}` : null,
    };
  }

  @Post(':id/credentials')
  async saveCredentials(@Param('id', ParseUUIDPipe) id: string, @Body() form: Form, @Res() res: Response) {
    const account = await this.accounts.get(id);
    const dto = plainToInstance(TradovateCredentialsDto, pick(form, ['username', 'password', 'appId', 'appVersion', 'cid', 'sec', 'deviceId', 'accountSpec']));
    const problems = (await validate(dto, { whitelist: true })).flatMap((e) => Object.values(e.constraints ?? {}));
    const view = { title: `${account.name}: credentials`, account, username: form.username ?? '' };
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
}

function pick(form: Form, keys: string[]): Form {
  return Object.fromEntries(keys.filter((k) => form[k] !== undefined && form[k] !== '').map((k) => [k, form[k]]));
}
