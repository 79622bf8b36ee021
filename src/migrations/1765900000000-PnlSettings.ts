import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

// Schema API only, so it runs on SQLite and Postgres alike. Dollar amounts are exact decimal text.
export class PnlSettings1765900000000 implements MigrationInterface {
  name = 'PnlSettings1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('accounts', [
      new TableColumn({ name: 'startingBalance', type: 'varchar', length: '20', default: "'50000'" }),
      new TableColumn({ name: 'commissionPerContract', type: 'varchar', length: '20', default: "'0'" }),
      new TableColumn({ name: 'dailyLossLimit', type: 'varchar', length: '20', isNullable: true }),
      new TableColumn({ name: 'maxLossPerPosition', type: 'varchar', length: '20', isNullable: true }),
    ]);
    await q.addColumns('recorders', [new TableColumn({ name: 'dailyLossLimit', type: 'varchar', length: '20', isNullable: true })]);
    await q.createTable(
      new Table({
        name: 'trade_excursions',
        columns: [
          { name: 'accountId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'contract', type: 'varchar', length: '20', isPrimary: true },
          { name: 'openedAt', type: 'varchar', length: '30', isPrimary: true },
          { name: 'tradeId', type: 'varchar', length: '36', isNullable: true },
          { name: 'maxFavorableUsd', type: 'varchar', length: '30' },
          { name: 'maxAdverseUsd', type: 'varchar', length: '30' },
          { name: 'updatedAt', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.createIndex('trade_excursions', new TableIndex({ columnNames: ['tradeId'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('trade_excursions');
    await q.dropColumns('recorders', ['dailyLossLimit']);
    await q.dropColumns('accounts', ['startingBalance', 'commissionPerContract', 'dailyLossLimit', 'maxLossPerPosition']);
  }
}
