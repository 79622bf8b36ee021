import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Schema API only, so it runs on SQLite and Postgres alike.
export class RecorderPriceSource1766000000000 implements MigrationInterface {
  name = 'RecorderPriceSource1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('recorders', new TableColumn({ name: 'priceSource', type: 'varchar', length: '12', default: "'alert'" }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('recorders', 'priceSource');
  }
}
