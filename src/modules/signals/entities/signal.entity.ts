import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `accepted` is the only unfinished state: each accepted signal ends `processed`, `stale` or `failed`. */
export type SignalStatus = 'accepted' | 'duplicate' | 'blocked' | 'rejected' | 'stale' | 'processed' | 'failed' | 'rate_limited';

/** One webhook delivery, kept verbatim even when it was rejected, so the trader can see it. */
@Entity('signals')
@Index(['recorderId', 'receivedAt'])
@Index(['recorderId', 'dedupeKey'])
export class Signal {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  recorderId: string;

  @Column({ type: 'varchar', length: 12 })
  status: SignalStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'text' })
  rawBody: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  contentType: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  dialect: string | null;

  /** the ParsedAlert as JSON; null when the body could not be parsed */
  @Column({ type: 'text', nullable: true })
  parsed: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  action: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  symbol: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  contract: string | null;

  @Column({ type: 'integer', nullable: true })
  quantity: number | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  price: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  dedupeKey: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  duplicateOf: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  firedAt: string | null;

  @Column({ type: 'varchar', length: 30 })
  receivedAt: string;
}
