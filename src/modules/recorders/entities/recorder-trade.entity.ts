import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A virtual round trip of a recorder at alert prices (TradingView P&L). */
@Entity('recorder_trades')
@Index(['recorderId', 'closedAt'])
export class RecorderTrade {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  recorderId: string;

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
