import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A filing seen in a feed (or a backfill) and not yet stored. Written before the feed cursor moves,
 * deleted only when the filing row exists: a crash mid-batch loses nothing.
 */
@Entity('insider_pending')
export class InsiderPending {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  accession: string;

  /** any CIK of the filing: its archive folder answers under each */
  @Column({ type: 'varchar', length: 10 })
  cik: string;

  @Column({ type: 'varchar', length: 20 })
  formType: string;

  @Column({ type: 'varchar', length: 30 })
  filedAt: string;

  @Column({ type: 'varchar', length: 10 })
  source: 'feed' | 'backfill';

  /** backfill: the primary document named by the submissions JSON */
  @Column({ type: 'varchar', length: 200, nullable: true })
  primaryDocument: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 30 })
  nextAttemptAt: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;
}
