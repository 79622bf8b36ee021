import { NO_TX } from '../../../database/transactions';
import { BadRequestException, Injectable, OnModuleInit } from '@nestjs/common';
import { createHmac, randomBytes } from 'crypto';
import { InjectRepository } from '@nestjs/typeorm';
import { firstValueFrom, race, timer } from 'rxjs';
import { filter, map } from 'rxjs/operators';
import { Repository } from 'typeorm';
import { EventBus } from '../../../core/bus/event-bus';
import { AccountConnectionChanged } from '../../../core/bus/events';
import { Clock } from '../../../core/clock';
import { CredentialsService } from '../../auth/credentials.service';
import { TradovateVenueService } from './tradovate-venue.service';
import { decryptSecret, encryptSecret } from '../../accounts/credential-cipher';
import { TradovateCredentialsDto } from '../../accounts/dto/account.dto';
import { Account } from '../../accounts/entities/account.entity';
import { AccountCredential } from '../../accounts/entities/account-credential.entity';

/** Everything secret about a Tradovate account, as stored (encrypted) in account_credentials. */
export interface TradovateSecrets {
  username?: string;
  password?: string;
  appId?: string;
  appVersion?: string;
  cid?: string;
  sec?: string;
  deviceId?: string;
  oauth?: { accessToken: string; expiresAt: string; refreshToken?: string | null };
}

/**
 * The accounts side of Tradovate: secrets sealed with the installation key, handed decrypted only
 * to the broker connection, and the connection's status written back to the account row.
 */
@Injectable()
export class TradovateAccountsService implements OnModuleInit {
  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    @InjectRepository(AccountCredential) private readonly secrets: Repository<AccountCredential>,
    private readonly credentials: CredentialsService,
    private readonly venue: TradovateVenueService,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // in arrival order per account: a late 'connecting' write must never land after 'connected'
    this.bus.inLanes('AccountConnectionChanged', 'account-status', (e) => e.accountId, (e) => this.saveStatus(e));
  }

  async saveSecrets(accountId: string, secrets: TradovateSecrets): Promise<void> {
    const sealed = encryptSecret(secrets, this.credentials.encryptionKey());
    await this.secrets.save({ accountId, sealed, updatedAt: this.clock.nowIso() }, NO_TX);
  }

  async readSecrets(accountId: string): Promise<TradovateSecrets | null> {
    const row = await this.secrets.findOneBy({ accountId });
    return row ? decryptSecret<TradovateSecrets>(row.sealed, this.credentials.encryptionKey()) : null;
  }

  async connect(account: Account, fresh = false): Promise<void> {
    const s = await this.readSecrets(account.id).catch(() => null);
    const hasPassword = Boolean(s?.username && s.password);
    if (!hasPassword && !s?.oauth) {
      await this.accounts.update({ id: account.id }, { status: 'error', lastError: 'no Tradovate credentials: add them on the credentials page or connect with OAuth' });
      return;
    }
    this.venue.connect({
      accountId: account.id,
      environment: account.environment ?? 'demo',
      credentials: hasPassword
        ? { username: s!.username!, password: s!.password!, appId: s!.appId ?? '', appVersion: s!.appVersion ?? '1.0', cid: s!.cid ?? '0', sec: s!.sec ?? '', deviceId: s!.deviceId ?? null }
        : null,
      oauthToken: s?.oauth ? { accessToken: s.oauth.accessToken, expiresAt: s.oauth.expiresAt } : null,
      accountSpec: account.accountSpec,
      demoFallback: account.demoFallback,
    }, fresh);
  }

  /** The account's next settled state change (connected or error), or null after timeoutMs. Call before connecting. */
  nextSettled(accountId: string, timeoutMs = 15_000): Promise<AccountConnectionChanged | null> {
    const done$ = this.bus.ofType('AccountConnectionChanged').pipe(filter((e) => e.accountId === accountId && e.status !== 'connecting'));
    return firstValueFrom(race(done$, timer(timeoutMs).pipe(map(() => null))));
  }

  /** The credentials page: new username/password (other fields kept unless given), then a real login to check them. */
  async replaceCredentials(account: Account, dto: TradovateCredentialsDto): Promise<Account> {
    const old = (await this.readSecrets(account.id).catch(() => null)) ?? {};
    const { username, password, appId, appVersion, cid, sec, deviceId } = dto;
    const merged: TradovateSecrets = { ...old, username, password, ...defined({ appId, appVersion, cid, sec, deviceId }) };
    await this.saveSecrets(account.id, merged);
    if (dto.accountSpec !== undefined) account.accountSpec = dto.accountSpec.trim() || null;
    await this.accounts.update({ id: account.id }, { accountSpec: account.accountSpec, status: 'connecting', lastError: null, updatedAt: this.clock.nowIso() });
    return this.reconnectAndWait(account);
  }

  /** After the OAuth code exchange: the token is stored sealed like a password and used for the session. */
  async completeOAuth(account: Account, oauth: NonNullable<TradovateSecrets['oauth']>): Promise<Account> {
    const old = (await this.readSecrets(account.id).catch(() => null)) ?? {};
    await this.saveSecrets(account.id, { ...old, oauth });
    return this.reconnectAndWait(account);
  }

  /** A signed, expiring OAuth `state` carrying the account and its environment (G-36). */
  oauthState(account: Account): string {
    const payload = Buffer.from(JSON.stringify({ a: account.id, e: account.environment ?? 'demo', n: randomBytes(8).toString('hex'), x: this.clock.now().getTime() + 15 * 60_000 })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  readOAuthState(state: string): { accountId: string; environment: 'demo' | 'live' } {
    const [payload, mac] = state.split('.');
    if (!payload || !mac || mac !== this.sign(payload)) throw new BadRequestException('the OAuth state is not one we issued; start again from the account page');
    const { a, e, x } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { a: string; e: 'demo' | 'live'; x: number };
    if (x < this.clock.now().getTime()) throw new BadRequestException('the OAuth attempt expired; start again from the account page');
    return { accountId: a, environment: e };
  }

  private async reconnectAndWait(account: Account): Promise<Account> {
    const fresh = (await this.accounts.findOneBy({ id: account.id })) ?? account;
    const settled = this.nextSettled(account.id);
    this.venue.disconnect(account.id);
    await this.connect(fresh, true);
    const change = await settled;
    if (change) await this.saveStatus(change); // the bus handler may not have written it yet
    return (await this.accounts.findOneBy({ id: account.id })) ?? fresh;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.credentials.encryptionKey()).update(`oauth-state:${payload}`).digest('base64url');
  }

  async forget(accountId: string): Promise<void> {
    this.venue.disconnect(accountId);
    await this.secrets.delete({ accountId });
  }

  private async saveStatus(e: AccountConnectionChanged): Promise<void> {
    await this.accounts.update(
      { id: e.accountId },
      {
        status: e.status,
        lastError: e.lastError,
        statusDetail: e.detail,
        ...(e.tokenExpiresAt ? { tokenExpiresAt: e.tokenExpiresAt } : {}),
        ...(e.brokerAccountRef ? { brokerAccountRef: e.brokerAccountRef } : {}),
        ...(e.brokerAccountName ? { brokerAccountName: e.brokerAccountName } : {}),
        updatedAt: this.clock.nowIso(),
      },
    );
  }
}

function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
