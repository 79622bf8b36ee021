import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where the poller stopped in one current-filings feed (per form type). */
@Entity('insider_feed_cursors')
export class InsiderFeedCursor {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  feed: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  lastAccession: string | null;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
