import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One EDGAR filing as the insider service saw it: parsed (with its score) or failed (with the reason).
 * An accession is stored once per reporting-owner group (the first owner's CIK, '' when unknown).
 */
@Entity('insider_filings')
@Index('UQ_insider_filings_accession_owner', ['accession', 'ownerCik'], { unique: true })
@Index('IDX_insider_filings_issuer_trade', ['issuerCik', 'tradeDate'])
@Index('IDX_insider_filings_score', ['score'])
export class InsiderFiling {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  accession: string;

  @Column({ type: 'varchar', length: 10, default: '' })
  ownerCik: string;

  @Column({ type: 'varchar', length: 20 })
  formType: string;

  @Column({ type: 'varchar', length: 8 })
  status: 'parsed' | 'failed';

  @Column({ type: 'varchar', length: 500, nullable: true })
  failureReason: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  issuerCik: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  issuerName: string | null;

  /** display ticker: from the SEC ticker map by issuer CIK, else what the filer typed */
  @Column({ type: 'varchar', length: 20, nullable: true })
  ticker: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  ownerName: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  ownerRoles: string | null;

  /** acceptance time (ISO, from the feed or the index) */
  @Column({ type: 'varchar', length: 30 })
  filedAt: string;

  @Column({ type: 'varchar', length: 10, nullable: true })
  tradeDate: string | null;

  @Column({ type: 'integer', default: 0 })
  score: number;

  @Column({ type: 'varchar', length: 8, default: 'none' })
  scoreKind: 'buy' | 'sale' | 'stake' | 'none';

  /** the SignalScore as JSON: factors, multipliers, reason */
  @Column({ type: 'text', nullable: true })
  scoreDetail: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  valueUsd: string | null;

  @Column({ type: 'boolean', default: false })
  isPurchase: boolean;

  /** the ParsedFiling as JSON */
  @Column({ type: 'text', nullable: true })
  parsed: string | null;

  /** kept so a better parser can re-read old filings */
  @Column({ type: 'text', nullable: true })
  rawDocument: string | null;

  @Column({ type: 'varchar', length: 500 })
  indexUrl: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  documentUrl: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  amendsAccession: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  supersededBy: string | null;

  @Column({ type: 'boolean', default: false })
  alerted: boolean;

  @Column({ type: 'varchar', length: 30 })
  createdAt: string;
}
