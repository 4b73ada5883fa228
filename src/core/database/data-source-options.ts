import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { ENTITIES, MIGRATIONS } from './schema';

const MYSQL_POOL_SIZE = 10;
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * TypeORM options for either dialect. `synchronize` is always off: the schema comes only from
 * migrations. Times are UTC on both (mysql2 `timezone: 'Z'`; TypeORM writes UTC to SQLite).
 */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
  };
  if (database.type === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      enableWAL: true,
      timeout: SQLITE_BUSY_TIMEOUT_MS,
    };
  }
  return {
    ...common,
    type: 'mysql',
    host: database.host,
    port: database.port,
    username: database.user,
    password: database.password,
    database: database.database,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    poolSize: MYSQL_POOL_SIZE,
  };
}
