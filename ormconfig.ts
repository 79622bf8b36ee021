import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/app-config';
import { dataSourceOptions } from './src/database/data-source-options';

/** The DataSource for TypeORM's own CLI (migration:run, migration:generate). */
export default new DataSource(dataSourceOptions(loadConfig()));
