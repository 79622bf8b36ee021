import { NO_TX } from '../../database/transactions';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHmac, randomBytes } from 'crypto';
import * as path from 'path';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../core/clock';
import { Setting } from './entities/setting.entity';
import { hashPassword, safeEqual, verifyPassword } from './password-hash';
import { readOrCreateSecretFile } from './secret-files';

const ADMIN_HASH = 'admin_password_hash';

/**
 * The installation's secrets: the admin password (only its hash is stored), the API key, and the
 * secret key that signs sessions and encrypts broker credentials. Generated on first start into
 * files under the data directory with 0600 permissions when not given in the environment.
 */
@Injectable()
export class CredentialsService implements OnModuleInit {
  private readonly logger = new Logger('Security');
  private apiKey: string;
  private secretKey: Buffer;
  private adminHash: string;
  /** where the generated admin password / API key are, for the start-up banner */
  readonly locations: { adminPassword: string | null; apiKey: string | null } = { adminPassword: null, apiKey: null };
  /** JT_ADMIN_PASSWORD differs from the stored hash at this start: every login session must end */
  adminPasswordChanged = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(Setting) private readonly settings: Repository<Setting>,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.secretKey = this.loadSecretKey();
    this.apiKey = this.loadApiKey();
    this.adminHash = await this.loadAdminHash();
  }

  checkApiKey(candidate: string): boolean {
    return safeEqual(candidate, this.apiKey);
  }

  checkAdminPassword(candidate: string): boolean {
    return verifyPassword(candidate, this.adminHash);
  }

  /** 32-byte key for AES-256-GCM credential encryption. */
  encryptionKey(): Buffer {
    return this.keyFor('credentials');
  }

  /** A 32-byte key for one purpose, derived from the secret key (never the key itself). */
  keyFor(purpose: 'credentials' | 'csrf'): Buffer {
    return createHmac('sha256', this.secretKey).update(purpose).digest();
  }

  private loadSecretKey(): Buffer {
    if (this.config.secretKey) {
      const raw = this.config.secretKey;
      return /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
    }
    const { value } = readOrCreateSecretFile(path.join(this.config.dataDir, 'secret.key'), () => randomBytes(32).toString('hex'));
    return Buffer.from(value, 'hex');
  }

  private loadApiKey(): string {
    if (this.config.apiKey) return this.config.apiKey;
    const file = path.join(this.config.dataDir, 'api-key');
    const { value } = readOrCreateSecretFile(file, () => `jt_${randomBytes(24).toString('base64url')}`);
    this.locations.apiKey = file;
    return value;
  }

  private async loadAdminHash(): Promise<string> {
    const stored = await this.settings.findOneBy({ key: ADMIN_HASH });
    if (this.config.adminPassword) {
      if (!stored || !verifyPassword(this.config.adminPassword, stored.value)) {
        this.adminPasswordChanged = stored !== null;
        await this.settings.save({ key: ADMIN_HASH, value: hashPassword(this.config.adminPassword) }, NO_TX);
      }
      return (await this.settings.findOneByOrFail({ key: ADMIN_HASH })).value;
    }
    const file = path.join(this.config.dataDir, 'admin-password');
    this.locations.adminPassword = file;
    if (stored) return stored.value;
    const { value, created } = readOrCreateSecretFile(file, () => randomBytes(12).toString('base64url'));
    if (created) this.logger.log(`Generated an admin password; it is in ${file} (readable only by you)`);
    const hash = hashPassword(value);
    await this.settings.save({ key: ADMIN_HASH, value: hash }, NO_TX);
    return hash;
  }
}
