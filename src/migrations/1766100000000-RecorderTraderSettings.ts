import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';

const int = (name: string, nullable: boolean, dflt?: number) => new TableColumn({ name, type: 'integer', isNullable: nullable, ...(dflt === undefined ? {} : { default: dflt }) });
const text = (name: string, length: string, nullable: boolean, dflt?: string) => new TableColumn({ name, type: 'varchar', length, isNullable: nullable, ...(dflt === undefined ? {} : { default: `'${dflt}'` }) });
const bool = (name: string, nullable: boolean) => new TableColumn({ name, type: 'boolean', isNullable: nullable, ...(nullable ? {} : { default: false }) });

/** Shared by recorder (defaults that change nothing: G-15) and trader (all null = inherit: G-12). */
function settingColumns(trader: boolean): TableColumn[] {
  return [
    int('initialSize', trader, trader ? undefined : 0),
    int('addSize', trader, trader ? undefined : 0),
    int('maxContractsPerOrder', true),
    int('maxContractsPerPosition', true),
    text('riskDollars', '20', true),
    text('riskPercent', '20', true),
    bool('riskMinOneContract', trader),
    text('directionFilter', '5', trader, trader ? undefined : 'both'),
    text('timeZone', '64', trader, trader ? undefined : 'America/New_York'),
    text('window1Start', '5', true),
    text('window1End', '5', true),
    text('window2Start', '5', true),
    text('window2End', '5', true),
    int('cooldownSec', trader, trader ? undefined : 0),
    int('maxSignalsPerDay', true),
    int('everyNthSignal', trader, trader ? undefined : 1),
    bool('inverse', trader),
    bool('flattenAtWindowEnd', trader),
  ];
}

const TRADER_EXITS = ['takeProfitTicks', 'stopLossTicks', 'trailTriggerTicks', 'trailDistanceTicks', 'breakEvenTicks', 'breakEvenOffsetTicks'];

// Schema API only, so it runs on SQLite and Postgres alike.
export class RecorderTraderSettings1766100000000 implements MigrationInterface {
  name = 'RecorderTraderSettings1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('recorders', settingColumns(false));
    await q.addColumns('traders', [
      text('symbol', '40', true),
      ...settingColumns(true),
      ...TRADER_EXITS.map((name) => int(name, true)),
      new TableColumn({ name: 'takeProfitLevels', type: 'text', isNullable: true }),
    ]);
    await q.createTable(
      new Table({
        name: 'signal_filter_counters',
        columns: [
          { name: 'recorderId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'scope', type: 'varchar', length: '36', isPrimary: true },
          { name: 'sessionDay', type: 'varchar', length: '10' },
          { name: 'entrySignals', type: 'integer', default: 0 },
          { name: 'entriesTaken', type: 'integer', default: 0 },
          { name: 'lastEntryAt', type: 'varchar', length: '30', isNullable: true },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('signal_filter_counters');
    const settings = settingColumns(false).map((c) => c.name);
    await q.dropColumns('traders', ['symbol', ...settings, ...TRADER_EXITS, 'takeProfitLevels']);
    await q.dropColumns('recorders', settings);
  }
}
