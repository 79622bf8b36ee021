import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The DCA ladder of one position: which levels fired (invariant 5: stored before an add goes out). */
@Entity('dca_ladders')
export class DcaLadder {
  /** `account:<accountId>` for a broker position, `recorder:<recorderId>` for a virtual one */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  holder: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  contract: string;

  /** the position the state belongs to: a new position starts a fresh ladder */
  @Column({ type: 'varchar', length: 80 })
  positionKey: string;

  /** LadderState JSON (core/dca/dca-ladder.ts) */
  @Column({ type: 'text' })
  state: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
