import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository } from 'typeorm';
import { NO_TX } from '../../../database/transactions';
import { InsiderFiling } from '../entities/insider-filing.entity';

export interface SignalQuery {
  form?: string;
  minScore?: number;
  tickers?: string[];
  purchasesOnly?: boolean;
  ticker?: string;
  sort?: 'score' | 'date' | 'ticker' | 'value';
  dir?: 'asc' | 'desc';
  limit?: number;
  includeFailed?: boolean;
}

const SORT_COLUMN = { score: 'f.score', date: 'f.filedAt', ticker: 'f.ticker', value: 'f.valueUsd' } as const;

/** The insider_filings table: stored signals, failures, and the history the scorer asks about. */
@Injectable()
export class InsiderFilingStore {
  constructor(@InjectRepository(InsiderFiling) private readonly repo: Repository<InsiderFiling>) {}

  async hasAccession(accession: string): Promise<boolean> {
    return (await this.repo.count({ where: { accession } })) > 0;
  }

  /** Saves one row; false when (accession, owner) is already stored. */
  async insert(row: InsiderFiling): Promise<boolean> {
    if ((await this.repo.count({ where: { accession: row.accession, ownerCik: row.ownerCik } })) > 0) return false;
    try {
      await this.repo.insert(row);
      return true;
    } catch (error) {
      if (/unique|duplicate/i.test((error as Error).message)) return false;
      throw error;
    }
  }

  async update(id: string, changes: Partial<InsiderFiling>): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  get(id: string): Promise<InsiderFiling | null> {
    return this.repo.findOne({ where: { id } });
  }

  byAccession(accession: string): Promise<InsiderFiling | null> {
    return this.repo.findOne({ where: { accession } });
  }

  /** The earlier Form 4 of the same owner, issuer and trade date that a 4/A restates. */
  findAmendedOriginal(issuerCik: string, ownerCik: string, tradeDate: string | null, accession: string): Promise<InsiderFiling | null> {
    const q = this.repo
      .createQueryBuilder('f')
      .where('f.issuerCik = :issuerCik AND f.ownerCik = :ownerCik AND f.accession <> :accession', { issuerCik, ownerCik, accession })
      .andWhere("f.formType = '4' AND f.supersededBy IS NULL");
    if (tradeDate) q.andWhere('f.tradeDate = :tradeDate', { tradeDate });
    return q.orderBy('f.filedAt', 'DESC').getOne();
  }

  /** Months (YYYY-MM) in which this owner traded this issuer, and the first trade date. */
  async ownerHistory(issuerCik: string, ownerCik: string, before: string): Promise<{ firstTradeDate: string | null; monthsTraded: string[] }> {
    const rows = await this.repo
      .createQueryBuilder('f')
      .select('f.tradeDate', 'tradeDate')
      .where("f.issuerCik = :issuerCik AND f.ownerCik = :ownerCik AND f.formType IN ('4', '4/A') AND f.tradeDate IS NOT NULL AND f.tradeDate < :before", { issuerCik, ownerCik, before })
      .getRawMany<{ tradeDate: string }>();
    const dates = rows.map((r) => r.tradeDate).sort();
    return { firstTradeDate: dates[0] ?? null, monthsTraded: [...new Set(dates.map((d) => d.slice(0, 7)))] };
  }

  /** Distinct other owners with an eligible trade of this kind in the issuer within [from, to]. */
  async otherTraders(issuerCik: string, ownerCik: string, kind: 'buy' | 'sale', from: string, to: string): Promise<number> {
    const rows = await this.repo
      .createQueryBuilder('f')
      .select('DISTINCT f.ownerCik', 'ownerCik')
      .where('f.issuerCik = :issuerCik AND f.ownerCik <> :ownerCik AND f.scoreKind = :kind AND f.supersededBy IS NULL', { issuerCik, ownerCik, kind })
      .andWhere('f.tradeDate >= :from AND f.tradeDate <= :to', { from, to })
      .getRawMany();
    return rows.length;
  }

  list(query: SignalQuery): Promise<InsiderFiling[]> {
    const q = this.repo.createQueryBuilder('f');
    if (!query.includeFailed) q.andWhere("f.status = 'parsed'");
    q.andWhere('f.supersededBy IS NULL');
    if (query.form && /^13[DG]$/.test(query.form)) q.andWhere('f.formType LIKE :schedule', { schedule: `%${query.form}%` });
    else if (query.form) q.andWhere(new Brackets((b) => b.where('f.formType = :form', { form: query.form }).orWhere('f.formType = :amended', { amended: `${query.form}/A` })));
    if (query.minScore !== undefined) q.andWhere('f.score >= :minScore', { minScore: query.minScore });
    if (query.purchasesOnly) q.andWhere('f.isPurchase = :yes', { yes: true });
    if (query.ticker) q.andWhere('f.ticker = :ticker', { ticker: query.ticker });
    if (query.tickers) {
      if (query.tickers.length === 0) q.andWhere('1 = 0');
      else q.andWhere('f.ticker IN (:...tickers)', { tickers: query.tickers });
    }
    const dir = (query.dir ?? 'desc').toUpperCase() as 'ASC' | 'DESC';
    const sort = query.sort ?? 'date';
    // money is stored as text: order by its numeric value, portable to SQLite and Postgres
    if (sort === 'value') q.addSelect('CAST(f.valueUsd AS DECIMAL(20,2))', 'value_num').orderBy('value_num', dir, 'NULLS LAST');
    else q.orderBy(SORT_COLUMN[sort], dir);
    if (sort !== 'date') q.addOrderBy('f.filedAt', 'DESC');
    return q.take(query.limit ?? 200).getMany();
  }

  failures(limit = 20): Promise<InsiderFiling[]> {
    return this.repo.find({ where: { status: 'failed' }, order: { filedAt: 'DESC' }, take: limit });
  }

  save(row: InsiderFiling): Promise<InsiderFiling> {
    return this.repo.save(row, NO_TX);
  }
}
