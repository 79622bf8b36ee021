import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from './transactions';

/** A real SQLite file; `statements` records every statement sent on the shared connection. */
async function openDb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jt-tx-'));
  const db = new DataSource({ type: 'sqlite', database: path.join(dir, 'tx.db'), entities: [] });
  await db.initialize();
  await db.query('PRAGMA foreign_keys = ON');
  await db.query('CREATE TABLE accounts (id TEXT PRIMARY KEY)');
  await db.query('CREATE TABLE fills (id TEXT PRIMARY KEY, accountId TEXT NOT NULL REFERENCES accounts(id) DEFERRABLE INITIALLY DEFERRED, qty INTEGER NOT NULL)');
  await db.query(`INSERT INTO accounts (id) VALUES ('acc-1'), ('acc-2'), ('acc-3')`);
  const statements: string[] = [];
  const runner = db.createQueryRunner();
  const query = runner.query.bind(runner);
  runner.query = ((sql: string, ...rest: unknown[]) => {
    statements.push(sql);
    return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
  }) as typeof runner.query;
  const close = async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { db, statements, close };
}

const bookFill = (id: string, accountId: string, qty: number) => (tx: EntityManager) => tx.query('INSERT INTO fills (id, accountId, qty) VALUES (?, ?, ?)', [id, accountId, qty]).then(() => id);

async function fillIds(db: DataSource): Promise<string[]> {
  return (await db.query('SELECT id FROM fills ORDER BY id')).map((r: { id: string }) => r.id);
}

describe('inTransaction (group commit)', () => {
  it('units arriving while a commit runs share one transaction; a failing unit is rolled back alone', async () => {
    const { db, statements, close } = await openDb();
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = inTransaction(db, async (tx) => {
        await bookFill('f1', 'acc-1', 1)(tx);
        await held;
        return 'f1';
      });
      const grouped = [
        inTransaction(db, bookFill('f2', 'acc-2', 2)),
        inTransaction(db, async (tx) => {
          await bookFill('f3', 'acc-3', 3)(tx);
          throw new Error('ledger unusable on acc-3');
        }),
        inTransaction(db, bookFill('f4', 'acc-1', 4)),
      ];
      release();
      const results = await Promise.allSettled([first, ...grouped]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect((results[2] as PromiseRejectedResult).reason.message).toBe('ledger unusable on acc-3');
      // the failed unit's own write is gone, the others' are committed
      expect(await fillIds(db)).toEqual(['f1', 'f2', 'f4']);
      // two commits, not four: the first alone, the three that queued behind it together
      expect(statements.filter((s) => s.startsWith('BEGIN')).length).toBe(2);
      expect(statements.filter((s) => s === 'COMMIT').length).toBe(2);
    } finally {
      await close();
    }
  });

  it('a group whose COMMIT fails rejects every unit of the group and writes none of them', async () => {
    const { db, close } = await openDb();
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = inTransaction(db, async (tx) => {
        await held;
        return bookFill('f1', 'acc-1', 1)(tx);
      });
      const grouped = [
        inTransaction(db, bookFill('f2', 'acc-2', 2)),
        // the foreign key is checked at COMMIT: this unit passes on its own and sinks the group's commit
        inTransaction(db, bookFill('f3', 'no-such-account', 3)),
      ];
      release();
      const results = await Promise.allSettled([first, ...grouped]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
      expect(await fillIds(db)).toEqual(['f1']);
      // the shared connection is usable again afterwards
      await expect(inTransaction(db, bookFill('f5', 'acc-3', 5))).resolves.toBe('f5');
      expect(await fillIds(db)).toEqual(['f1', 'f5']);
    } finally {
      await close();
    }
  });

  it('work that resolves settles only after its commit: a reader then sees it', async () => {
    const { db, close } = await openDb();
    try {
      const ids = await Promise.all(['a', 'b', 'c'].map((id) => inTransaction(db, bookFill(id, 'acc-1', 1))));
      expect(ids).toEqual(['a', 'b', 'c']);
      expect(await fillIds(db)).toEqual(['a', 'b', 'c']);
    } finally {
      await close();
    }
  });
});
