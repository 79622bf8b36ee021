import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A watched ticker: its signals at or above the threshold raise an alert on the dashboard. */
@Entity('insider_watchlist')
export class InsiderWatch {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  ticker: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  cik: string | null;

  @Column({ type: 'integer' })
  alertThreshold: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  backfillStatus: string | null;

  @Column({ type: 'varchar', length: 30 })
  addedAt: string;
}
