import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../core/clock';
import { afterRestart, freshLadder, LadderState } from '../../core/dca/dca-ladder';
import { DcaLadder } from './entities/dca-ladder.entity';

/** Ladder states per (holder, contract): one write at a time per key, in the order decided. */
@Injectable()
export class LadderStore {
  private readonly writes = new Map<string, Promise<unknown>>();

  constructor(
    @InjectRepository(DcaLadder) private readonly ladders: Repository<DcaLadder>,
    private readonly clock: Clock,
  ) {}

  /**
   * The stored ladder of this position, as a restart finds it (an add that was in flight counts as
   * made); a fresh ladder when the stored one belongs to an earlier position.
   */
  async load(holder: string, contract: string, positionKey: string): Promise<LadderState> {
    await this.writes.get(`${holder}|${contract}`)?.catch(() => undefined);
    const row = await this.ladders.findOneBy({ holder, contract });
    return row?.positionKey === positionKey ? afterRestart(JSON.parse(row.state) as LadderState) : freshLadder(positionKey);
  }

  save(holder: string, contract: string, state: LadderState): Promise<unknown> {
    const k = `${holder}|${contract}`;
    const row = { holder, contract, positionKey: state.positionKey, state: JSON.stringify(state), updatedAt: this.clock.nowIso() };
    const next = (this.writes.get(k) ?? Promise.resolve()).catch(() => undefined).then(() => this.ladders.upsert(row, ['holder', 'contract']));
    this.writes.set(k, next);
    return next;
  }
}
