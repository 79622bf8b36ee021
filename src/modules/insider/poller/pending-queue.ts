import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThanOrEqual, Repository } from 'typeorm';
import { NO_TX } from '../../../database/transactions';
import { InsiderPending } from '../entities/insider-pending.entity';

/** Filings seen but not yet stored; the durable half of "a crash mid-batch loses nothing". */
@Injectable()
export class PendingQueue {
  constructor(@InjectRepository(InsiderPending) private readonly repo: Repository<InsiderPending>) {}

  async enqueue(item: Omit<InsiderPending, 'attempts' | 'lastError' | 'nextAttemptAt'>, now: string): Promise<boolean> {
    if (await this.repo.findOne({ where: { accession: item.accession } })) return false;
    await this.repo.save(Object.assign(new InsiderPending(), { ...item, attempts: 0, lastError: null, nextAttemptAt: now }), NO_TX);
    return true;
  }

  due(now: string, accessions?: string[]): Promise<InsiderPending[]> {
    return this.repo.find({
      where: { nextAttemptAt: LessThanOrEqual(now), ...(accessions ? { accession: In(accessions) } : {}) },
      order: { filedAt: 'ASC' },
    });
  }

  async retryLater(item: InsiderPending, error: string, nextAttemptAt: string): Promise<void> {
    await this.repo.update({ accession: item.accession }, { attempts: item.attempts + 1, lastError: error.slice(0, 500), nextAttemptAt });
  }

  async done(accession: string): Promise<void> {
    await this.repo.delete({ accession });
  }

  count(): Promise<number> {
    return this.repo.count();
  }
}
