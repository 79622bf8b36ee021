import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One browser login. The cookie carries `<id>.<secret>`; only the secret's SHA-256 is stored, so a
 * copy of the database opens no session. Revoked rows stay until they expire, for the audit trail.
 */
@Entity('login_sessions')
export class LoginSession {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  lastSeenAt: string;

  /** the latest it may live, however busy */
  @Column({ type: 'varchar', length: 30 })
  expiresAt: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  revokedAt: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  clientAddress: string | null;
}
