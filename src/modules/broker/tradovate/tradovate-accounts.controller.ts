import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { Clock } from '../../../core/clock';
import { AccountDirectory } from '../../accounts/account-directory.service';
import { RoutingAcknowledgementDto, TradovateCredentialsDto } from '../../accounts/dto/account.dto';
import { Account } from '../../accounts/entities/account.entity';
import { LiveRoutingGate } from './live-routing-gate.service';
import { TradovateAccountsService } from './tradovate-accounts.service';
import { describeError } from './tradovate-errors';
import { TradovateOAuth } from './tradovate-oauth';
import { TradovateRoutingCheck } from './tradovate-routing-check';

/** Tradovate-only account routes: the TradingView routing check, new credentials, the OAuth connect button and callback. */
@Controller()
export class TradovateAccountsController {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly tradovate: TradovateAccountsService,
    private readonly routing: TradovateRoutingCheck,
    private readonly oauth: TradovateOAuth,
    private readonly gate: LiveRoutingGate,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get('api/accounts/:id/check-tradingview-routing')
  async checkRouting(@Param('id', ParseUUIDPipe) id: string, @Query('refresh') refresh?: string) {
    const account = await this.accounts.get(id);
    if (account.broker !== 'tradovate') {
      return { enabled: null, source: 'not-tradovate', checkedAt: this.clock.nowIso(), detail: 'TradingView routing only applies to Tradovate accounts' };
    }
    return this.gate.standing(account, await this.routing.check(id, refresh === '1' || refresh === 'true'));
  }

  /** Trade this live account although TradingView routing is reported off (stored: who and when). */
  @Post('api/accounts/:id/tradingview-routing/acknowledgement')
  @HttpCode(200)
  async acknowledge(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RoutingAcknowledgementDto) {
    const account = await this.gate.acknowledge(id, dto.acknowledgedBy);
    return this.gate.standing(account);
  }

  @Delete('api/accounts/:id/tradingview-routing/acknowledgement')
  async withdraw(@Param('id', ParseUUIDPipe) id: string) {
    const account = await this.gate.withdraw(id);
    return this.gate.standing(account);
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
