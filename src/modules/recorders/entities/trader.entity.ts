import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DcaSettings } from '../../../core/dca/dca-settings';
import { jsonColumn } from './json-column';
import type { DirectionFilter } from '../settings/direction-filter';
import type { TakeProfitLevel } from './recorder.entity';

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

  // Every setting below: null = the recorder's (G-12); 0 and false are real values (G-11).

  /** its own ticker (ES1! on an MNQ1! recorder) */
  @Column({ type: 'varchar', length: 40, nullable: true })
  symbol: string | null;

  @Column({ type: 'integer', nullable: true })
  initialSize: number | null;

  @Column({ type: 'integer', nullable: true })
  addSize: number | null;

  @Column({ type: 'integer', nullable: true })
  maxContractsPerOrder: number | null;

  @Column({ type: 'integer', nullable: true })
  maxContractsPerPosition: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  riskDollars: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  riskPercent: string | null;

  @Column({ type: 'boolean', nullable: true })
  riskMinOneContract: boolean | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  directionFilter: DirectionFilter | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  timeZone: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  window1Start: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  window1End: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  window2Start: string | null;

  @Column({ type: 'varchar', length: 5, nullable: true })
  window2End: string | null;

  @Column({ type: 'integer', nullable: true })
  cooldownSec: number | null;

  @Column({ type: 'integer', nullable: true })
  maxSignalsPerDay: number | null;

  @Column({ type: 'integer', nullable: true })
  everyNthSignal: number | null;

  @Column({ type: 'boolean', nullable: true })
  inverse: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  flattenAtWindowEnd: boolean | null;

  @Column({ type: 'integer', nullable: true })
  takeProfitTicks: number | null;

  @Column({ type: 'integer', nullable: true })
  stopLossTicks: number | null;

  @Column({ type: 'text', nullable: true, transformer: { to: (v: unknown) => (v == null ? null : JSON.stringify(v)), from: (v: string | null) => (v ? JSON.parse(v) : null) } })
  takeProfitLevels: TakeProfitLevel[] | null;

  @Column({ type: 'integer', nullable: true })
  trailTriggerTicks: number | null;

  @Column({ type: 'integer', nullable: true })
  trailDistanceTicks: number | null;

  @Column({ type: 'integer', nullable: true })
  breakEvenTicks: number | null;

  @Column({ type: 'integer', nullable: true })
  breakEvenOffsetTicks: number | null;

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
