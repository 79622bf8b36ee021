import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Our book per (account, contract), built only from recorded fills. */
@Entity('positions')
export class Position {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  accountId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  contract: string;

  @Column({ type: 'integer' })
  netPos: number;

  @Column({ type: 'varchar', length: 30, nullable: true })
  avgPrice: string | null;

  /** the position ledger's state (see core/positions), as JSON */
  @Column({ type: 'text' })
  ledger: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  recorderId: string | null;

  /** the exits fixed when the position opened (ExitPlan JSON); adds keep them */
  @Column({ type: 'text', nullable: true })
  exitPlan: string | null;

  /** a new id each time a fill opens the position (flat -> open, or a flip): one exit per level per key */
  @Column({ type: 'varchar', length: 36, nullable: true })
  positionKey: string | null;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
