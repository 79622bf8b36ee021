import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * DCA settings as one JSON block per recorder (and per trader, null = the recorder's), and the
 * ladder state per position. Existing recorders keep what dcaEnabled did: same-side alerts add.
 */
export class DcaLadders1765800000000 implements MigrationInterface {
  name = 'DcaLadders1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('recorders', new TableColumn({ name: 'dca', type: 'text', isNullable: true }));
    await q.addColumn('traders', new TableColumn({ name: 'dca', type: 'text', isNullable: true }));
    await q.addColumn('recorder_positions', new TableColumn({ name: 'positionKey', type: 'varchar', length: '36', isNullable: true }));
    const esc = (name: string) => q.connection.driver.escape(name);
    for (const enabled of [true, false]) {
      const settings = JSON.stringify({ enabled, levels: [], maxAdds: null, capMode: 'skip', maxQuantity: null, retryRejected: false });
      await q.query(`UPDATE ${esc('recorders')} SET ${esc('dca')} = '${settings}' WHERE ${esc('dcaEnabled')} = ${enabled ? 'TRUE' : 'FALSE'}`);
    }
    await q.createTable(
      new Table({
        name: 'dca_ladders',
        columns: [
          { name: 'holder', type: 'varchar', length: '80', isPrimary: true },
          { name: 'contract', type: 'varchar', length: '20', isPrimary: true },
          { name: 'positionKey', type: 'varchar', length: '80' },
          { name: 'state', type: 'text' },
          { name: 'updatedAt', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('dca_ladders');
    await q.dropColumn('recorder_positions', 'positionKey');
    await q.dropColumn('traders', 'dca');
    await q.dropColumn('recorders', 'dca');
  }
}
