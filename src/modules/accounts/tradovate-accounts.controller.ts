import { BadRequestException, Body, Controller, Get, Inject, Param, ParseUUIDPipe, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../core/clock';
import { describeError } from '../broker/tradovate/tradovate-errors';
import { TradovateOAuth } from '../broker/tradovate/tradovate-oauth';
import { TradovateRoutingCheck } from '../broker/tradovate/tradovate-routing-check';
import { AccountsService } from './accounts.service';
import { TradovateCredentialsDto } from './dto/account.dto';
import { Account } from './entities/account.entity';
import { TradovateAccountsService } from './tradovate-accounts.service';

/** Tradovate-only account routes: the TradingView routing check, new credentials, the OAuth connect button and callback. */
@Controller()
export class TradovateAccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tradovate: TradovateAccountsService,
    private readonly routing: TradovateRoutingCheck,
    private readonly oauth: TradovateOAuth,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get('api/accounts/:id/check-tradingview-routing')
  async checkRouting(@Param('id', ParseUUIDPipe) id: string, @Query('refresh') refresh?: string) {
    const account = await this.accounts.get(id);
    if (account.broker !== 'tradovate') {
      return { enabled: null, source: 'not-tradovate', checkedAt: this.clock.nowIso(), detail: 'TradingView routing only applies to Tradovate accounts' };
    }
    return this.routing.check(id, refresh === '1' || refresh === 'true');
  }

  @Put('api/accounts/:id/credentials')
  async replaceCredentials(@Param('id', ParseUUIDPipe) id: string, @Body() dto: TradovateCredentialsDto) {
    const account = await this.tradovateAccount(id);
    this.routing.forget(id);
    return this.tradovate.replaceCredentials(account, dto);
  }

  /** The "Connect with Tradovate" button: off to Tradovate's authorize page. */
  @Get('accounts/:id/oauth/connect')
  async connect(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    const account = await this.tradovateAccount(id);
    res.redirect(302, this.oauth.authorizeUrl(this.tradovate.oauthState(account), this.redirectUri()));
  }

  @Get('accounts/oauth/callback')
  async callback(@Query('code') code: string | undefined, @Query('state') state: string | undefined, @Query('error') error: string | undefined, @Res() res: Response) {
    if (!state) throw new BadRequestException('the OAuth callback has no state');
    const { accountId, environment } = this.tradovate.readOAuthState(state);
    const account = await this.tradovateAccount(accountId);
    if (error || !code) return res.redirect(302, `/accounts/${accountId}/credentials?oauth=${encodeURIComponent(error ?? 'no code')}`);
    try {
      const token = await this.oauth.exchange(environment, code, this.redirectUri());
      await this.tradovate.completeOAuth(account, token);
      res.redirect(302, `/accounts/${accountId}/credentials?oauth=connected`);
    } catch (e) {
      res.redirect(302, `/accounts/${accountId}/credentials?oauth=${encodeURIComponent(describeError(e))}`);
    }
  }

  private redirectUri(): string {
    return `${this.config.publicUrl ?? `http://localhost:${this.config.port}`}/accounts/oauth/callback`;
  }

  private async tradovateAccount(id: string): Promise<Account> {
    const account = await this.accounts.get(id);
    if (account.broker !== 'tradovate') throw new BadRequestException(`account ${account.name} is a ${account.broker} account, not a Tradovate one`);
    return account;
  }
}
