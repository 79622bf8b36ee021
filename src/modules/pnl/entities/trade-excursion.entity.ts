import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The best and worst open P&L a broker round trip saw (MFE / MAE, dollars at the account venue's
 * quotes), keyed by the position's opening fill; the trade id is filled in when it closes.
 */
@Entity('trade_excursions')
@Index(['tradeId'])
export class TradeExcursion {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  accountId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  contract: string;

  /** the round trip's first fill time (the ledger's openedAt) */
  @PrimaryColumn({ type: 'varchar', length: 30 })
  openedAt: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  tradeId: string | null;

  @Column({ type: 'varchar', length: 30 })
  maxFavorableUsd: string;

  @Column({ type: 'varchar', length: 30 })
  maxAdverseUsd: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
