import { DataSource, EntityManager, QueryRunner, SaveOptions } from 'typeorm';

/**
 * TypeORM's SQLite driver shares one connection (one query runner) across the whole process, so
 * two transactions that overlap in time corrupt each other's BEGIN/COMMIT bookkeeping. Therefore:
 * single-statement writes never open a transaction of their own (NO_TX), and explicit
 * transactions go through `inTransaction`, one commit at a time.
 */
export const NO_TX: SaveOptions = { transaction: false };

/** Units of work that arrive while a commit runs share the next one (group commit), up to this many. */
export const MAX_GROUP = 64;

interface Unit {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Committer {
  waiting: Unit[];
  running: boolean;
}

const committers = new WeakMap<DataSource, Committer>();

/**
 * Runs `work` in a transaction. Work of concurrent callers (different accounts' fills) is grouped:
 * one BEGIN/COMMIT for the group, each unit inside its own savepoint, so a unit that fails is
 * rolled back alone and rejects alone; a failed COMMIT rejects every unit of the group. Either way
 * nothing is half-written, and a unit's promise settles only once its writes are committed.
 */
export function inTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  let committer = committers.get(db);
  if (!committer) {
    committer = { waiting: [], running: false };
    committers.set(db, committer);
  }
  const owner = committer;
  return new Promise<T>((resolve, reject) => {
    owner.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (!owner.running) void drain(db, owner);
  });
}

async function drain(db: DataSource, committer: Committer): Promise<void> {
  committer.running = true;
  try {
    while (committer.waiting.length > 0) {
      const group = committer.waiting.splice(0, MAX_GROUP);
      if (group.length === 1) await commitOne(db, group[0]);
      else await commitGroup(db.createQueryRunner(), group);
    }
  } finally {
    committer.running = false;
  }
}

async function commitOne(db: DataSource, unit: Unit): Promise<void> {
  try {
    unit.resolve(await db.transaction(unit.work));
  } catch (error) {
    unit.reject(error);
  }
}

async function commitGroup(runner: QueryRunner, group: Unit[]): Promise<void> {
  try {
    await runner.startTransaction();
  } catch (error) {
    group.forEach((unit) => unit.reject(error));
    return;
  }
  const done: { unit: Unit; value: unknown }[] = [];
  for (let i = 0; i < group.length; i++) {
    const unit = group[i];
    try {
      await runner.startTransaction();
    } catch (error) {
      return abandon(runner, [...done.map((d) => d.unit), ...group.slice(i)], error);
    }
    try {
      const value = await unit.work(runner.manager);
      await runner.commitTransaction();
      done.push({ unit, value });
    } catch (error) {
      try {
        await runner.rollbackTransaction();
      } catch (rollbackError) {
        unit.reject(error);
        return abandon(runner, [...done.map((d) => d.unit), ...group.slice(i + 1)], rollbackError);
      }
      unit.reject(error);
    }
  }
  try {
    await runner.commitTransaction();
  } catch (error) {
    return abandon(runner, done.map((d) => d.unit), error);
  }
  done.forEach(({ unit, value }) => unit.resolve(value));
}

/** The group's transaction cannot be trusted any more: all of it is rolled back, its units fail. */
async function abandon(runner: QueryRunner, units: Unit[], error: unknown): Promise<void> {
  while (runner.isTransactionActive) {
    try {
      await runner.rollbackTransaction();
    } catch {
      break;
    }
  }
  units.forEach((unit) => unit.reject(error));
}
