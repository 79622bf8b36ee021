import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

// Schema API only, so it runs on SQLite and Postgres alike.
export class ExitEngine1764800000000 implements MigrationInterface {
  name = 'ExitEngine1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'exit_machines',
        columns: [
          { name: 'accountId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'contract', type: 'varchar', length: '20', isPrimary: true },
          { name: 'state', type: 'varchar', length: '14' },
          { name: 'requestKey', type: 'varchar', length: '100', isNullable: true },
          { name: 'reason', type: 'varchar', length: '200', isNullable: true },
          { name: 'expectedNetPos', type: 'integer', isNullable: true },
          { name: 'startNetPos', type: 'integer', isNullable: true },
          { name: 'clOrdId', type: 'varchar', length: '64', isNullable: true },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'signalId', type: 'varchar', length: '36', isNullable: true },
          { name: 'lastResult', type: 'varchar', length: '500', isNullable: true },
          { name: 'updatedAt', type: 'varchar', length: '30' },
        ],
      }),
    );
    await q.addColumn('accounts', new TableColumn({ name: 'driftPolicy', type: 'varchar', length: '10', default: "'alert'" }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('accounts', 'driftPolicy');
    await q.dropTable('exit_machines');
  }
}
