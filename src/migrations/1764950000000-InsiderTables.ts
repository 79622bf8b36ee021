import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

// Schema API only (no raw SQL) so it runs on SQLite and Postgres alike.
const str = (name: string, length: number, nullable = false, def?: string): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
  ...(def !== undefined ? { default: `'${def}'` } : {}),
});
const int = (name: string, def?: number): TableColumnOptions => ({ name, type: 'integer', isNullable: false, ...(def !== undefined ? { default: def } : {}) });
const bool = (name: string, def: boolean): TableColumnOptions => ({ name, type: 'boolean', default: def });
const text = (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: true });

export class InsiderTables1764950000000 implements MigrationInterface {
  name = 'InsiderTables1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'insider_filings',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('accession', 20),
          str('ownerCik', 10, false, ''),
          str('formType', 20),
          str('status', 8),
          str('failureReason', 500, true),
          str('issuerCik', 10, true),
          str('issuerName', 200, true),
          str('ticker', 20, true),
          str('ownerName', 300, true),
          str('ownerRoles', 300, true),
          str('filedAt', 30),
          str('tradeDate', 10, true),
          int('score', 0),
          str('scoreKind', 8, false, 'none'),
          text('scoreDetail'),
          str('valueUsd', 30, true),
          bool('isPurchase', false),
          text('parsed'),
          text('rawDocument'),
          str('indexUrl', 500),
          str('documentUrl', 500, true),
          str('amendsAccession', 20, true),
          str('supersededBy', 20, true),
          bool('alerted', false),
          str('createdAt', 30),
        ],
        indices: [
          { name: 'UQ_insider_filings_accession_owner', columnNames: ['accession', 'ownerCik'], isUnique: true },
          { name: 'IDX_insider_filings_issuer_trade', columnNames: ['issuerCik', 'tradeDate'] },
          { name: 'IDX_insider_filings_score', columnNames: ['score'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'insider_pending',
        columns: [
          { ...str('accession', 20), isPrimary: true },
          str('cik', 10),
          str('formType', 20),
          str('filedAt', 30),
          str('source', 10),
          str('primaryDocument', 200, true),
          int('attempts', 0),
          str('nextAttemptAt', 30),
          str('lastError', 500, true),
        ],
      }),
    );
    await q.createTable(new Table({ name: 'insider_feed_cursors', columns: [{ ...str('feed', 40), isPrimary: true }, str('lastAccession', 20, true), str('updatedAt', 30)] }));
    await q.createTable(
      new Table({
        name: 'insider_watchlist',
        columns: [{ ...str('ticker', 20), isPrimary: true }, str('cik', 10, true), int('alertThreshold'), str('backfillStatus', 200, true), str('addedAt', 30)],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['insider_watchlist', 'insider_feed_cursors', 'insider_pending', 'insider_filings']) await q.dropTable(table);
  }
}
