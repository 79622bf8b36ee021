import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../../core/clock';
import { NO_TX } from '../../../database/transactions';
import { InsiderWatch } from '../entities/insider-watch.entity';

export const DEFAULT_ALERT_THRESHOLD = 70;

/** Watched tickers and their alert thresholds. */
@Injectable()
export class WatchlistService {
  constructor(
    @InjectRepository(InsiderWatch) private readonly repo: Repository<InsiderWatch>,
    private readonly clock: Clock,
  ) {}

  list(): Promise<InsiderWatch[]> {
    return this.repo.find({ order: { ticker: 'ASC' } });
  }

  find(ticker: string): Promise<InsiderWatch | null> {
    return this.repo.findOne({ where: { ticker: ticker.toUpperCase() } });
  }

  async add(ticker: string, alertThreshold = DEFAULT_ALERT_THRESHOLD, cik: string | null = null): Promise<InsiderWatch> {
    const symbol = ticker.toUpperCase();
    if (await this.find(symbol)) throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `${symbol} is already on the watchlist` });
    const watch = Object.assign(new InsiderWatch(), { ticker: symbol, cik, alertThreshold, backfillStatus: null, addedAt: this.clock.nowIso() });
    return this.repo.save(watch, NO_TX);
  }

  async update(ticker: string, changes: Partial<Pick<InsiderWatch, 'alertThreshold' | 'backfillStatus' | 'cik'>>): Promise<InsiderWatch> {
    const watch = await this.require(ticker);
    Object.assign(watch, changes);
    return this.repo.save(watch, NO_TX);
  }

  async remove(ticker: string): Promise<void> {
    const watch = await this.require(ticker);
    await this.repo.delete({ ticker: watch.ticker });
  }

  private async require(ticker: string): Promise<InsiderWatch> {
    const watch = await this.find(ticker);
    if (!watch) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `${ticker.toUpperCase()} is not on the watchlist` });
    return watch;
  }
}
