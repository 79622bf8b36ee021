import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Schema API only, so it runs on SQLite and Postgres alike.
export class RoutingAcknowledgement1765200000000 implements MigrationInterface {
  name = 'RoutingAcknowledgement1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('accounts', [
      new TableColumn({ name: 'routingAckBy', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'routingAckAt', type: 'varchar', length: '30', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('accounts', ['routingAckBy', 'routingAckAt']);
  }
}
