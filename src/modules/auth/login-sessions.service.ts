import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, createHmac, randomBytes } from 'crypto';
import { IsNull, LessThan, MoreThan, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../core/clock';
import { CredentialsService } from './credentials.service';
import { LoginSession } from './entities/login-session.entity';
import { safeEqual } from './password-hash';

/** the longest a login lives, however busy */
export const SESSION_MAX_DAYS = 7;
/** lastSeenAt is written at most this often: the idle limit is minutes to hours, a write per request is waste */
const TOUCH_EVERY_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Browser logins kept in the database, so they survive a restart and can be ended: on logout, when
 * the admin password changes, or everywhere at once. A session ends when idle longer than
 * JT_SESSION_IDLE_MIN or older than SESSION_MAX_DAYS.
 */
@Injectable()
export class LoginSessionsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Security');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(LoginSession) private readonly sessions: Repository<LoginSession>,
    private readonly credentials: CredentialsService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.credentials.adminPasswordChanged) await this.revokeAll('the admin password changed');
  }

  /** Starts a session; the returned value is the cookie, the only place its secret exists. */
  async start(clientAddress: string | undefined): Promise<{ cookie: string; maxAgeMs: number }> {
    const now = this.clock.now();
    const id = randomBytes(16).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const maxAgeMs = SESSION_MAX_DAYS * 86_400_000;
    await this.sessions.delete({ expiresAt: LessThan(now.toISOString()) });
    await this.sessions.insert({
      id,
      secretHash: sha256(secret),
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + maxAgeMs).toISOString(),
      revokedAt: null,
      clientAddress: clientAddress?.slice(0, 64) ?? null,
    });
    return { cookie: `${id}.${secret}`, maxAgeMs };
  }

  /** The live session a cookie names, or null; a hit counts as activity for the idle limit. */
  async check(cookie: string | undefined): Promise<LoginSession | null> {
    const parsed = parse(cookie);
    if (!parsed) return null;
    const row = await this.sessions.findOneBy({ id: parsed.id });
    if (!row || !safeEqual(sha256(parsed.secret), row.secretHash) || row.revokedAt) return null;
    const now = this.clock.now().getTime();
    if (now >= Date.parse(row.expiresAt) || now - Date.parse(row.lastSeenAt) >= this.config.sessionIdleMin * 60_000) return null;
    if (now - Date.parse(row.lastSeenAt) >= TOUCH_EVERY_MS) {
      row.lastSeenAt = new Date(now).toISOString();
      await this.sessions.update({ id: row.id }, { lastSeenAt: row.lastSeenAt });
    }
    return row;
  }

  /** Ends the session a cookie names (logout); a cookie naming nothing live is ignored. */
  async revoke(cookie: string | undefined): Promise<void> {
    const session = await this.check(cookie);
    if (session) await this.sessions.update({ id: session.id, revokedAt: IsNull() }, { revokedAt: this.clock.nowIso() });
  }

  /** Ends every session ("log out everywhere", a new admin password); answers how many it ended. */
  async revokeAll(reason: string): Promise<number> {
    const now = this.clock.nowIso();
    const result = await this.sessions.update({ revokedAt: IsNull(), expiresAt: MoreThan(now) }, { revokedAt: now });
    this.logger.warn(`Ended every login session (${result.affected ?? 0}): ${reason}`);
    return result.affected ?? 0;
  }

  /** The synchronizer token for forms and scripts of this session (derived, so nothing more is stored). */
  csrfToken(session: LoginSession): string {
    return createHmac('sha256', this.credentials.keyFor('csrf')).update(session.id).digest('base64url');
  }

  checkCsrfToken(session: LoginSession, candidate: unknown): boolean {
    return typeof candidate === 'string' && safeEqual(candidate, this.csrfToken(session));
  }
}

function parse(cookie: string | undefined): { id: string; secret: string } | null {
  const match = /^([0-9a-f]{32})\.([A-Za-z0-9_-]{43})$/.exec(cookie ?? '');
  return match ? { id: match[1], secret: match[2] } : null;
}
