// The databases a benchmark runs on: a fresh SQLite file, then a throwaway MariaDB/MySQL server
// when one is installed; `measure` gets the whole application on an empty database of each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { loadAppConfig } from '../src/core/config/app-config';
import { DatabaseService } from '../src/core/database/database.service';
import { createMysqlDatabase } from '../test/utils/test-databases';
import {
  findMysqlServerBinary,
  startThrowawayMysqlServer,
} from '../test/utils/throwaway-mysql-server';

type Measure = (database: 'sqlite' | 'mariadb', app: INestApplicationContext) => Promise<void>;

/** Runs `measure` on the application over the database the DB_* settings in `env` name. */
async function withApp(
  database: 'sqlite' | 'mariadb',
  env: Record<string, string>,
  measure: Measure,
): Promise<void> {
  const config = loadAppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'bench-secret-only-for-this-process-0123456789',
    ...env,
  });
  const app = await NestFactory.createApplicationContext(AppModule.register(config), {
    logger: false,
    abortOnError: false,
  });
  try {
    await app.get(DatabaseService).whenReady(60_000);
    await measure(database, app);
  } finally {
    await app.close();
  }
}

export async function onBenchDatabases(measure: Measure): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'scorecast-bench-'));
  try {
    await withApp('sqlite', { DB_TYPE: 'sqlite', DB_PATH: join(dir, 'bench.sqlite') }, measure);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const binary = findMysqlServerBinary();
  if (!binary) {
    process.stdout.write('mysql     skipped: no mariadbd or mysqld installed\n');
    return;
  }
  // The server's own InnoDB sizes, as an untuned installation has them, not the e2e suites'
  // (shrunk so that several servers fit on a test machine).
  const server = await startThrowawayMysqlServer(binary, 'server-defaults');
  try {
    await withApp('mariadb', await createMysqlDatabase(server, 'scorecast_bench'), measure);
  } finally {
    await server.stop();
  }
}
