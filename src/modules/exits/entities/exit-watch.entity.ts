import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the TP/SL monitor remembers about one open position (WatchState JSON): legs fired, best
 * price, the moved stop. Keyed by the position's key, so a restart fires no level twice and a
 * trailing stop never loosens.
 */
@Entity('exit_watches')
export class ExitWatch {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  accountId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  contract: string;

  @Column({ type: 'varchar', length: 36 })
  positionKey: string;

  @Column({ type: 'text' })
  state: string;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
