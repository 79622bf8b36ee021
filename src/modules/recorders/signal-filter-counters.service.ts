import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NO_TX } from '../../database/transactions';
import { SignalFilterCounter } from './entities/signal-filter-counter.entity';
import { sessionDay } from './settings/session-day';
import { FilterCounts } from './settings/signal-filters';

/** The stateful filters' counts, stored (a restart keeps them), started again each exchange session day. */
@Injectable()
export class SignalFilterCountersService {
  constructor(@InjectRepository(SignalFilterCounter) private readonly counters: Repository<SignalFilterCounter>) {}

  async counts(recorderId: string, scope: string, now: Date): Promise<FilterCounts> {
    const row = await this.counters.findOneBy({ recorderId, scope });
    if (!row) return { entrySignals: 0, entriesTaken: 0, lastEntryAt: null };
    // the cooldown runs across the session end; the day's counts do not
    if (row.sessionDay !== sessionDay(now)) return { entrySignals: 0, entriesTaken: 0, lastEntryAt: row.lastEntryAt };
    return { entrySignals: row.entrySignals, entriesTaken: row.entriesTaken, lastEntryAt: row.lastEntryAt };
  }

  async note(recorderId: string, scope: string, now: Date, before: FilterCounts, what: { entrySignal: boolean; entryTaken: boolean }): Promise<void> {
    if (!what.entrySignal && !what.entryTaken) return;
    await this.counters.save(
      {
        recorderId,
        scope,
        sessionDay: sessionDay(now),
        entrySignals: before.entrySignals + (what.entrySignal ? 1 : 0),
        entriesTaken: before.entriesTaken + (what.entryTaken ? 1 : 0),
        lastEntryAt: what.entryTaken ? now.toISOString() : before.lastEntryAt,
      },
      NO_TX,
    );
  }

  async forget(recorderId: string): Promise<void> {
    await this.counters.delete({ recorderId });
  }
}
