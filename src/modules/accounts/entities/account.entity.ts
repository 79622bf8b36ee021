import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One broker account: the built-in paper broker now, Tradovate later. */
@Entity('accounts')
export class Account {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  broker: 'paper';

  /** the account's id at its broker (for paper, the same as ours) */
  @Column({ type: 'varchar', length: 64 })
  brokerAccountRef: string;

  /** largest absolute position the broker allows; null = no limit */
  @Column({ type: 'integer', nullable: true })
  maxPosition: number | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
