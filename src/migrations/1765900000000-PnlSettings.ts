import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('recorders', ['dailyLossLimit']);
    await q.dropColumns('accounts', ['startingBalance', 'commissionPerContract', 'dailyLossLimit', 'maxLossPerPosition']);
  }
}
