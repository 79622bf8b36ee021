import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

// Schema API only, so it runs on SQLite and Postgres alike.
const str = (name: string, length: number, nullable = true) => new TableColumn({ name, type: 'varchar', length: String(length), isNullable: nullable });

export class TradovateAccounts1764700000000 implements MigrationInterface {
  name = 'TradovateAccounts1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('accounts', [
      str('environment', 10),
      new TableColumn({ name: 'status', type: 'varchar', length: '12', isNullable: false, default: `'connected'` }),
      str('statusDetail', 300),
      str('lastError', 500),
      str('tokenExpiresAt', 30),
      str('accountSpec', 64),
      str('brokerAccountName', 64),
      new TableColumn({ name: 'demoFallback', type: 'boolean', isNullable: false, default: false }),
    ]);
    await q.createTable(
      new Table({
        name: 'account_credentials',
        columns: [
          { name: 'accountId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'sealed', type: 'text' },
          { name: 'updatedAt', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('account_credentials');
    for (const c of ['demoFallback', 'brokerAccountName', 'accountSpec', 'tokenExpiresAt', 'lastError', 'statusDetail', 'status', 'environment']) await q.dropColumn('accounts', c);
  }
}
