import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A round trip at the broker: entry fill(s) to flat, with realized P&L. Recorded from fills only. */
@Entity('trades')
@Index(['accountId', 'closedAt'])
export class Trade {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  recorderId: string | null;

  @Column({ type: 'varchar', length: 20 })
  contract: string;

  @Column({ type: 'varchar', length: 5 })
  side: 'LONG' | 'SHORT';

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'varchar', length: 30 })
  entryPrice: string;

  @Column({ type: 'varchar', length: 30 })
  exitPrice: string;

  @Column({ type: 'integer' })
  pnlTicks: number;

  @Column({ type: 'varchar', length: 30 })
  pnlUsd: string;

  @Column({ type: 'varchar', length: 30 })
  openedAt: string;

  @Column({ type: 'varchar', length: 30 })
  closedAt: string;
}
