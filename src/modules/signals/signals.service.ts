import { NO_TX } from '../../database/transactions';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThanOrEqual, Repository } from 'typeorm';
import { Clock } from '../../core/clock';
import { SignalEvent } from './entities/signal-event.entity';
import { Signal, SignalStatus } from './entities/signal.entity';
import { WriteBatcher } from './write-batcher';

export interface SignalFilter {
  recorderId?: string;
  /** signals that caused something on this account (an intent, an order, a fill) */
  accountId?: string;
  status?: SignalStatus;
  limit?: number;
}

/** Signals and their timelines: where each alert's time went, and what it caused per account. */
@Injectable()
export class SignalsService {
  /** new signals: the webhook's acknowledgement waits for this write alone (group commit) */
  private readonly newSignals = new WriteBatcher<Signal>(async (rows) => void (await this.signals.insert(rows)));
  /** timeline steps, write-behind: one multi-row insert per tick; reads of the timeline wait for it */
  private readonly newEvents = new WriteBatcher<Partial<SignalEvent>>(async (rows) => void (await this.events.insert(rows)));

  constructor(
    @InjectRepository(Signal) private readonly signals: Repository<Signal>,
    @InjectRepository(SignalEvent) private readonly events: Repository<SignalEvent>,
    private readonly clock: Clock,
  ) {}

  async save(signal: Signal): Promise<Signal> {
    return this.signals.save(signal, NO_TX);
  }

  /** A new signal, stored with the others that arrived in the same tick; resolves once it is in the database. */
  async insertNew(signal: Signal): Promise<void> {
    await this.newSignals.add(signal);
  }

  /** Every timeline step recorded so far is in the database. */
  timelineWritten(): Promise<void> {
    return this.newEvents.flushed();
  }

  /** The first signal of the recorder with this key received since `since` (duplicate check). */
  findByKeySince(recorderId: string, dedupeKey: string, since: string): Promise<Signal | null> {
    return this.signals.findOne({
      where: { recorderId, dedupeKey, receivedAt: MoreThanOrEqual(since) },
      order: { receivedAt: 'ASC' },
    });
  }

  /** Signals with a duplicate key received since `since`, oldest first (the dedupe index's start). */
  listKeyedSince(since: string): Promise<Pick<Signal, 'id' | 'recorderId' | 'dedupeKey' | 'receivedAt'>[]> {
    return this.signals
      .createQueryBuilder('s')
      .select(['s.id', 's.recorderId', 's.dedupeKey', 's.receivedAt'])
      .where('s.dedupeKey IS NOT NULL AND s.receivedAt >= :since', { since })
      .orderBy('s.receivedAt', 'ASC')
      .getMany();
  }

  async setStatus(signalId: string, status: SignalStatus, reason: string | null = null): Promise<void> {
    await this.signals.update({ id: signalId }, { status, reason });
  }

  /** Routed; only from `accepted`, so a stale mark made meanwhile (an entry checked at the door) stands. */
  async markProcessed(signalId: string): Promise<void> {
    await this.signals.update({ id: signalId, status: 'accepted' }, { status: 'processed' });
  }

  /** Stale, with the reason on the signal and on its timeline. */
  async markStale(signalId: string, reason: string, accountId: string | null = null): Promise<void> {
    await this.setStatus(signalId, 'stale', reason);
    await this.record(signalId, 'stale', reason, accountId);
  }

  /** Its routing threw: the trader sees why instead of a signal accepted for ever. */
  async markFailed(signalId: string, reason: string): Promise<void> {
    await this.setStatus(signalId, 'failed', reason.slice(0, 500));
    await this.record(signalId, 'failed', reason);
  }

  find(signalId: string): Promise<Signal | null> {
    return this.signals.findOneBy({ id: signalId });
  }

  /** Signals stored as accepted but never routed (a stop cut them short), oldest first. */
  listUnrouted(): Promise<Signal[]> {
    return this.signals.find({ where: { status: 'accepted' }, order: { receivedAt: 'ASC' } });
  }

  countUnrouted(): Promise<number> {
    return this.signals.count({ where: { status: 'accepted' } });
  }

  /** Whether the signal's timeline already has one of these steps (a re-route skips work done once). */
  async hasStep(signalId: string, steps: string[]): Promise<boolean> {
    await this.newEvents.flushed();
    return this.events.exist({ where: { signalId, step: In(steps) } });
  }

  async record(signalId: string | null, step: string, detail: string | null = null, accountId: string | null = null, ts?: string): Promise<void> {
    if (!signalId) return;
    await this.newEvents.add({ signalId, step, detail: detail?.slice(0, 500) ?? null, accountId, ts: ts ?? this.clock.nowIso() });
  }

  async list(filter: SignalFilter): Promise<Signal[]> {
    await this.newEvents.flushed();
    const query = this.signals.createQueryBuilder('s').orderBy('s.receivedAt', 'DESC').take(filter.limit ?? 100);
    if (filter.recorderId) query.andWhere('s.recorderId = :recorderId', { recorderId: filter.recorderId });
    if (filter.status) query.andWhere('s.status = :status', { status: filter.status });
    if (filter.accountId) {
      query.andWhere((qb) => {
        const sub = qb.subQuery().select('e.signalId').from(SignalEvent, 'e').where('e.accountId = :accountId').getQuery();
        return `s.id IN ${sub}`;
      }, { accountId: filter.accountId });
    }
    return query.getMany();
  }

  async get(id: string): Promise<{ signal: Signal; timeline: SignalEvent[] }> {
    const signal = await this.signals.findOneBy({ id });
    if (!signal) throw new NotFoundException(`signal ${id} not found`);
    await this.newEvents.flushed();
    const timeline = await this.events.find({ where: { signalId: id }, order: { id: 'ASC' } });
    return { signal, timeline };
  }
}
