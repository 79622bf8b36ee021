import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The paper exchange's whole state as one JSON snapshot, so it survives a restart. */
@Entity('paper_state')
export class PaperState {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  id: string;

  @Column({ type: 'text' })
  snapshot: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
