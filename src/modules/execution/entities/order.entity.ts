import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type OrderPurpose = 'open' | 'add' | 'close' | 'reduce' | 'flatten';
export type OrderState = 'pending' | 'working' | 'filled' | 'canceled' | 'rejected';

/** What we sent to a broker. Broker-owned fields carry a `broker` prefix. */
@Entity('orders')
@Index(['accountId', 'createdAt'])
export class Order {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 20 })
  contract: string;

  @Column({ type: 'varchar', length: 4 })
  action: 'Buy' | 'Sell';

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ type: 'varchar', length: 10 })
  orderType: 'Market' | 'Limit' | 'Stop';

  @Column({ type: 'varchar', length: 30, nullable: true })
  price: string | null;

  @Column({ type: 'varchar', length: 10 })
  purpose: OrderPurpose;

  /** our idempotency key, sent to the broker as clOrdId */
  @Column({ type: 'varchar', length: 64, unique: true })
  clOrdId: string;

  @Column({ type: 'varchar', length: 10 })
  status: OrderState;

  @Column({ type: 'varchar', length: 64, nullable: true })
  brokerOrderId: string | null;

  @Column({ type: 'integer', default: 0 })
  filledQuantity: number;

  @Column({ type: 'varchar', length: 30, nullable: true })
  avgFillPrice: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  rejectReason: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectText: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  signalId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  traderId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  recorderId: string | null;

  /** an entry's exits (ExitPlan JSON), copied onto the position its fill opens */
  @Column({ type: 'text', nullable: true })
  exitPlan: string | null;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
