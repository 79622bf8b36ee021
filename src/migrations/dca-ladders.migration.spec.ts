import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../database/migrations';
import { DcaLadders1765800000000 } from './1765800000000-DcaLadders';

/** Existing recorders keep what dcaEnabled did: same-side alerts add (and no ladder appears by itself). */
describe('migration 1765800000000 DcaLadders', () => {
  let dir: string;
  let db: DataSource;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-dca-migration-'));
    const before = MIGRATIONS.filter((m) => m !== DcaLadders1765800000000);
    db = new DataSource({ type: 'sqlite', database: path.join(dir, 'db.sqlite'), migrations: before, logging: false });
    await db.initialize();
    await db.runMigrations();
  });

  afterEach(async () => {
    if (db.isInitialized) await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('turns dcaEnabled into the dca block (enabled as it was, no levels) and adds the ladder table', async () => {
    const insert = (id: string, dcaEnabled: number) =>
      db.query(`INSERT INTO recorders (id, name, symbol, quantity, enabled, dcaEnabled, sameSide, webhookToken, createdAt, updatedAt) VALUES (?, ?, 'MNQ1!', 1, 1, ?, 'ignore', ?, 'x', 'x')`, [id, `r-${id}`, dcaEnabled, `tok-${id}`]);
    await insert('adds', 1);
    await insert('plain', 0);
    await db.destroy();

    db = new DataSource({ type: 'sqlite', database: path.join(dir, 'db.sqlite'), migrations: MIGRATIONS, logging: false });
    await db.initialize();
    await db.runMigrations();
    const rows: { id: string; dca: string }[] = await db.query('SELECT id, dca FROM recorders ORDER BY id');
    const off = { levels: [], maxAdds: null, capMode: 'skip', maxQuantity: null, retryRejected: false };
    expect(rows.map((r) => [r.id, JSON.parse(r.dca)])).toEqual([
      ['adds', { enabled: true, ...off }],
      ['plain', { enabled: false, ...off }],
    ]);
    expect(await db.query('SELECT COUNT(*) AS n FROM dca_ladders')).toEqual([{ n: 0 }]);
    await db.undoLastMigration();
    expect((await db.query('PRAGMA table_info(recorders)')).map((c: { name: string }) => c.name)).not.toContain('dca');
  });
});
