import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One strategy: a webhook token, a symbol, a size and the rules for same-side and opposite alerts. */
@Entity('recorders')
export class Recorder {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  name: string;

  /** default symbol as the trader writes it (MNQ1!); an alert's ticker overrides it */
  @Column({ type: 'varchar', length: 40 })
  symbol: string;

  /** contracts per entry when the alert gives none */
  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'integer', nullable: true })
  takeProfitTicks: number | null;

  @Column({ type: 'integer', nullable: true })
  stopLossTicks: number | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** adds (DCA) on a same-side alert; when on, an opposite alert is blocked, not reversed */
  @Column({ type: 'boolean', default: false })
  dcaEnabled: boolean;

  /** same-side alert with DCA off: ignore it, or close and enter fresh */
  @Column({ type: 'varchar', length: 10, default: 'ignore' })
  sameSide: 'ignore' | 'reenter';

  @Column({ type: 'varchar', length: 64, unique: true })
  webhookToken: string;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
