import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Schema API only, so it runs on SQLite and Postgres alike.
export class RecorderAlertGuards1765400000000 implements MigrationInterface {
  name = 'RecorderAlertGuards1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('recorders', [
      new TableColumn({ name: 'followAlertTicker', type: 'boolean', default: false }),
      new TableColumn({ name: 'oversizedQuantity', type: 'varchar', length: '10', default: "'refuse'" }),
    ]);
    // a fill is stored as the broker reported it, whatever the length of its price
    await q.changeColumn('fills', 'price', new TableColumn({ name: 'price', type: 'text' }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.changeColumn('fills', 'price', new TableColumn({ name: 'price', type: 'varchar', length: '30' }));
    await q.dropColumns('recorders', ['followAlertTicker', 'oversizedQuantity']);
  }
}
