import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What the broker says happened. Unique per broker fill id: a report applied twice changes nothing. */
@Entity('fills')
@Index(['accountId', 'brokerFillId'], { unique: true })
export class Fill {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  /** our order, when the fill belongs to one we sent */
  @Column({ type: 'varchar', length: 36, nullable: true })
  orderId: string | null;

  @Column({ type: 'varchar', length: 64 })
  brokerOrderId: string;

  @Column({ type: 'varchar', length: 64 })
  brokerFillId: string;

  @Column({ type: 'varchar', length: 20 })
  contract: string;

  @Column({ type: 'varchar', length: 4 })
  action: 'Buy' | 'Sell';

  @Column({ type: 'integer' })
  quantity: number;

  /** as the broker reported it (text: an off-scale price is still stored, see unbooked-fill.ts) */
  @Column({ type: 'text' })
  price: string;

  @Column({ type: 'varchar', length: 30 })
  ts: string;
}
