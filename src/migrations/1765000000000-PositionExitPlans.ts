import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

const int = (name: string) => new TableColumn({ name, type: 'integer', isNullable: true });
const text = (name: string) => new TableColumn({ name, type: 'text', isNullable: true });

// Schema API only, so it runs on SQLite and Postgres alike.
export class PositionExitPlans1765000000000 implements MigrationInterface {
  name = 'PositionExitPlans1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('recorders', [text('takeProfitLevels'), int('trailTriggerTicks'), int('trailDistanceTicks'), int('breakEvenTicks'), int('breakEvenOffsetTicks')]);
    await q.addColumn('orders', text('exitPlan'));
    await q.addColumns('positions', [text('exitPlan'), new TableColumn({ name: 'positionKey', type: 'varchar', length: '36', isNullable: true })]);
    await q.addColumns('recorder_positions', [text('exitPlan'), text('exitWatch')]);
    await q.createTable(
      new Table({
        name: 'exit_watches',
        columns: [
          { name: 'accountId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'contract', type: 'varchar', length: '20', isPrimary: true },
          { name: 'positionKey', type: 'varchar', length: '36' },
          { name: 'state', type: 'text' },
          { name: 'updatedAt', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('exit_watches');
    await q.dropColumns('recorder_positions', ['exitPlan', 'exitWatch']);
    await q.dropColumns('positions', ['exitPlan', 'positionKey']);
    await q.dropColumn('orders', 'exitPlan');
    await q.dropColumns('recorders', ['takeProfitLevels', 'trailTriggerTicks', 'trailDistanceTicks', 'breakEvenTicks', 'breakEvenOffsetTicks']);
  }
}
