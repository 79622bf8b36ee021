import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExitState } from '../exit-states';

/** The persisted exit machine of one (account, contract): a restart resumes from here. */
@Entity('exit_machines')
export class ExitMachine {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  accountId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  contract: string;

  @Column({ type: 'varchar', length: 14 })
  state: ExitState;

  /** the idempotency key of the exit being worked; orders are keyed by it and the attempt */
  @Column({ type: 'varchar', length: 100, nullable: true })
  requestKey: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  /** the position the broker should show when this exit is done (0 for a full exit) */
  @Column({ type: 'integer', nullable: true })
  expectedNetPos: number | null;

  /** the position before the exit, to tell a finished exit from a flip */
  @Column({ type: 'integer', nullable: true })
  startNetPos: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  clOrdId: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 36, nullable: true })
  signalId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastResult: string | null;

  @Column({ type: 'varchar', length: 30 })
  updatedAt: string;
}
