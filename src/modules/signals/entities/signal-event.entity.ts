import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One step of a signal's timeline: fired, received, parsed, intent, submitted, acknowledged, filled. */
@Entity('signal_events')
@Index(['signalId', 'id'])
export class SignalEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 36 })
  signalId: string;

  @Column({ type: 'varchar', length: 30 })
  ts: string;

  @Column({ type: 'varchar', length: 30 })
  step: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  accountId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  detail: string | null;
}
