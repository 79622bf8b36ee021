import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the cooldown, max-signals and every-Nth filters remember, per recorder and trader ('recorder' = its virtual book). */
@Entity('signal_filter_counters')
export class SignalFilterCounter {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  recorderId: string;

  /** a trader id, or 'recorder' */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  scope: string;

  /** the exchange session day the counts are of (YYYY-MM-DD); a new day starts them at 0 */
  @Column({ type: 'varchar', length: 10 })
  sessionDay: string;

  /** entry signals that passed direction and windows this session day (the every-Nth count) */
  @Column({ type: 'integer', default: 0 })
  entrySignals: number;

  /** entries taken this session day (the max-signals count) */
  @Column({ type: 'integer', default: 0 })
  entriesTaken: number;

  @Column({ type: 'varchar', length: 30, nullable: true })
  lastEntryAt: string | null;
}
