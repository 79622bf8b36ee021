import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Built with TypeORM's schema API, not raw SQL, so the same migration runs on SQLite and Postgres.
const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
const str = (name: string, length: number, nullable = false, def?: string): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
  ...(def !== undefined ? { default: `'${def}'` } : {}),
});
const int = (name: string, nullable = false, def?: number): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable: nullable,
  ...(def !== undefined ? { default: def } : {}),
});
const bool = (name: string, def: boolean): TableColumnOptions => ({ name, type: 'boolean', default: def });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const stamps = [str('createdAt', 30), str('updatedAt', 30)];

export class InitialSchema1764500000000 implements MigrationInterface {
  name = 'InitialSchema1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'accounts',
        columns: [id(), str('name', 100), str('broker', 20), str('brokerAccountRef', 64), int('maxPosition', true), bool('enabled', true), ...stamps],
        uniques: [{ name: 'UQ_accounts_name', columnNames: ['name'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'recorders',
        columns: [
          id(),
          str('name', 100),
          str('symbol', 40),
          int('quantity'),
          int('takeProfitTicks', true),
          int('stopLossTicks', true),
          bool('enabled', true),
          bool('dcaEnabled', false),
          str('sameSide', 10, false, 'ignore'),
          str('webhookToken', 64),
          ...stamps,
        ],
        uniques: [
          { name: 'UQ_recorders_name', columnNames: ['name'] },
          { name: 'UQ_recorders_webhookToken', columnNames: ['webhookToken'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'traders',
        columns: [id(), str('recorderId', 36), str('accountId', 36), str('multiplier', 20, false, '1'), int('maxQuantity', true), bool('enabled', true), ...stamps],
        indices: [{ name: 'IDX_traders_recorder_account', columnNames: ['recorderId', 'accountId'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'recorder_positions',
        columns: [{ ...str('recorderId', 36), isPrimary: true }, { ...str('contract', 20), isPrimary: true }, text('ledger'), int('netPos'), str('avgPrice', 30, true), str('updatedAt', 30)],
      }),
    );
    const tradeColumns = [str('contract', 20), str('side', 5), int('quantity'), str('entryPrice', 30), str('exitPrice', 30), int('pnlTicks'), str('pnlUsd', 30), str('openedAt', 30), str('closedAt', 30)];
    await q.createTable(
      new Table({
        name: 'recorder_trades',
        columns: [id(), str('recorderId', 36), ...tradeColumns],
        indices: [{ name: 'IDX_recorder_trades_recorder', columnNames: ['recorderId', 'closedAt'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'orders',
        columns: [
          id(),
          str('accountId', 36),
          str('contract', 20),
          str('action', 4),
          int('quantity'),
          str('orderType', 10),
          str('price', 30, true),
          str('purpose', 10),
          str('clOrdId', 64),
          str('status', 10),
          str('brokerOrderId', 64, true),
          int('filledQuantity', false, 0),
          str('avgFillPrice', 30, true),
          str('rejectReason', 64, true),
          str('rejectText', 500, true),
          str('signalId', 36, true),
          str('traderId', 36, true),
          str('recorderId', 36, true),
          ...stamps,
        ],
        uniques: [{ name: 'UQ_orders_clOrdId', columnNames: ['clOrdId'] }],
        indices: [{ name: 'IDX_orders_account', columnNames: ['accountId', 'createdAt'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'fills',
        columns: [id(), str('accountId', 36), str('orderId', 36, true), str('brokerOrderId', 64), str('brokerFillId', 64), str('contract', 20), str('action', 4), int('quantity'), str('price', 30), str('ts', 30)],
        indices: [{ name: 'IDX_fills_account_brokerFill', columnNames: ['accountId', 'brokerFillId'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'positions',
        columns: [{ ...str('accountId', 36), isPrimary: true }, { ...str('contract', 20), isPrimary: true }, int('netPos'), str('avgPrice', 30, true), text('ledger'), str('recorderId', 36, true), str('updatedAt', 30)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'trades',
        columns: [id(), str('accountId', 36), str('recorderId', 36, true), ...tradeColumns],
        indices: [{ name: 'IDX_trades_account', columnNames: ['accountId', 'closedAt'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'signals',
        columns: [
          id(),
          str('recorderId', 36),
          str('status', 12),
          str('reason', 500, true),
          text('rawBody'),
          str('contentType', 100, true),
          str('dialect', 20, true),
          text('parsed', true),
          str('action', 10, true),
          str('symbol', 40, true),
          str('contract', 20, true),
          int('quantity', true),
          str('price', 30, true),
          str('dedupeKey', 64, true),
          str('duplicateOf', 36, true),
          str('firedAt', 30, true),
          str('receivedAt', 30),
        ],
      }),
    );
    await q.createIndex('signals', new TableIndex({ name: 'IDX_signals_recorder_received', columnNames: ['recorderId', 'receivedAt'] }));
    await q.createIndex('signals', new TableIndex({ name: 'IDX_signals_recorder_dedupe', columnNames: ['recorderId', 'dedupeKey'] }));
    await q.createTable(
      new Table({
        name: 'signal_events',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          str('signalId', 36),
          str('ts', 30),
          str('step', 30),
          str('accountId', 36, true),
          str('detail', 500, true),
        ],
        indices: [{ name: 'IDX_signal_events_signal', columnNames: ['signalId', 'id'] }],
      }),
    );
    await q.createTable(new Table({ name: 'settings', columns: [{ ...str('key', 64), isPrimary: true }, text('value')] }));
    await q.createTable(new Table({ name: 'paper_state', columns: [{ ...str('id', 20), isPrimary: true }, text('snapshot'), str('updatedAt', 30)] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['paper_state', 'settings', 'signal_events', 'signals', 'trades', 'positions', 'fills', 'orders', 'recorder_trades', 'recorder_positions', 'traders', 'recorders', 'accounts']) {
      await q.dropTable(table);
    }
  }
}
