import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One broker account: the built-in paper broker or Tradovate (demo or live). Secrets live in AccountCredential. */
@Entity('accounts')
export class Account {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  broker: 'paper' | 'tradovate';

  /** Tradovate: demo or live (separate hosts and id spaces); null for paper */
  @Column({ type: 'varchar', length: 10, nullable: true })
  environment: 'demo' | 'live' | null;

  /** broker connection: connecting, connected, error (paper is always connected) */
  @Column({ type: 'varchar', length: 12, default: 'connected' })
  status: 'connecting' | 'connected' | 'error';

  @Column({ type: 'varchar', length: 300, nullable: true })
  statusDetail: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  tokenExpiresAt: string | null;

  /** the Tradovate account name to trade on (e.g. DEMO1234567); null = the first active one */
  @Column({ type: 'varchar', length: 64, nullable: true })
  accountSpec: string | null;

  /** the broker account actually traded on, as the broker names it */
  @Column({ type: 'varchar', length: 64, nullable: true })
  brokerAccountName: string | null;

  /** live accounts: use a demo session for read-only data while live login is rate-limited or down */
  @Column({ type: 'boolean', default: false })
  demoFallback: boolean;

  /** the account's id at its broker (for paper, the same as ours) */
  @Column({ type: 'varchar', length: 64 })
  brokerAccountRef: string;

  /** largest absolute position the broker allows; null = no limit */
  @Column({ type: 'integer', nullable: true })
  maxPosition: number | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** what the reconciler does on drift: alert (default), adopt the broker's position, or flatten */
  @Column({ type: 'varchar', length: 10, default: 'alert' })
  driftPolicy: 'alert' | 'adopt' | 'flatten';

  /** live Tradovate: who accepted trading although TradingView routing is reported off (null = not accepted) */
  @Column({ type: 'varchar', length: 100, nullable: true })
  routingAckBy: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  routingAckAt: string | null;

  // --- P&L settings (money as exact decimal text, dollars) ---
  /** paper: the cash the account starts with */
  @Column({ type: 'varchar', length: 20, default: '50000' })
  startingBalance: string;

  /** per contract per side (a round trip of 1 contract pays it twice) */
  @Column({ type: 'varchar', length: 20, default: '0' })
  commissionPerContract: string;

  /** the day's realized + open loss that flattens the account and stops entries until the next session; null = none */
  @Column({ type: 'varchar', length: 20, nullable: true })
  dailyLossLimit: string | null;

  /** the open loss on one position that flattens it; null = none */
  @Column({ type: 'varchar', length: 20, nullable: true })
  maxLossPerPosition: string | null;
  // --- end P&L settings ---

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
