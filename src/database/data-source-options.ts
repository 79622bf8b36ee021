import * as fs from 'fs';
import * as path from 'path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** SQLite (WAL) by default, Postgres when DATABASE_URL says so. Migrations always run at start. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: false } as const;
  if (config.database.type === 'postgres') {
    try {
      require.resolve('pg');
    } catch {
      throw new Error('DATABASE_URL selects Postgres, but the "pg" driver is not installed: run `npm install pg` (SQLite needs nothing)');
    }
    return { type: 'postgres', url: config.database.url, ...common };
  }
  if (config.database.path !== ':memory:') {
    fs.mkdirSync(path.dirname(config.database.path), { recursive: true, mode: 0o700 });
  }
  return {
    type: 'sqlite',
    database: config.database.path,
    enableWAL: config.database.path !== ':memory:',
    busyTimeout: 5000,
    ...common,
  };
}
