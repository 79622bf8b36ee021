import { DataSource, EntityManager, SaveOptions } from 'typeorm';

/**
 * TypeORM's SQLite driver shares one connection (one query runner) across the whole process, so
 * two transactions that overlap in time corrupt each other's BEGIN/COMMIT bookkeeping. Therefore:
 * single-statement writes never open a transaction of their own (NO_TX), and explicit
 * transactions run one at a time through `inTransaction`.
 */
export const NO_TX: SaveOptions = { transaction: false };

const queues = new WeakMap<DataSource, Promise<unknown>>();

export function inTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => db.transaction(work));
  queues.set(db, next);
  return next;
}
