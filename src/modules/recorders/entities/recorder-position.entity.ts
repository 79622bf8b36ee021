import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The recorder's virtual position at TradingView prices, per contract. */
@Entity('recorder_positions')
export class RecorderPosition {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  recorderId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  contract: string;

  /** the position ledger's state (see core/positions), as JSON */
  @Column({ type: 'text' })
  ledger: string;

  @Column({ type: 'integer' })
  netPos: number;

  @Column({ type: 'varchar', length: 30, nullable: true })
  avgPrice: string | null;

  /** the exits fixed when the virtual position opened (ExitPlan JSON) */
  @Column({ type: 'text', nullable: true })
  exitPlan: string | null;

  /** what the virtual exit watch remembers (WatchState JSON): levels fired, best price, moved stop */
  @Column({ type: 'text', nullable: true })
  exitWatch: string | null;

  /** a new id each time a fill opens the virtual position: its DCA ladder starts fresh */
  @Column({ type: 'varchar', length: 36, nullable: true })
  positionKey: string | null;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
