import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DcaSettings } from '../../../core/dca/dca-settings';
import { jsonColumn } from './json-column';

/** A link recorder -> account: the recorder's signals are traded on that account. */
@Entity('traders')
@Index(['recorderId', 'accountId'], { unique: true })
export class Trader {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  recorderId: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  /** decimal string; 0 is a real value (trade nothing), never replaced by a default */
  @Column({ type: 'varchar', length: 20, default: '1' })
  multiplier: string;

  /** cap on the order and on the total position; null = none */
  @Column({ type: 'integer', nullable: true })
  maxQuantity: number | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** this trader's own DCA settings; null = its recorder's */
  @Column({ type: 'text', nullable: true, transformer: jsonColumn })
  dca: DcaSettings | null;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
