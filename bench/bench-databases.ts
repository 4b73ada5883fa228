// The databases a benchmark runs on: a fresh SQLite file, then a throwaway MariaDB/MySQL server
// when one is installed, each given to `measure` as the DB_* settings of an empty database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMysqlDatabase } from '../test/utils/test-databases';
import {
  findMysqlServerBinary,
  startThrowawayMysqlServer,
} from '../test/utils/throwaway-mysql-server';

export async function onBenchDatabases(
  measure: (database: 'sqlite' | 'mariadb', env: Record<string, string>) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'scorecast-bench-'));
  try {
    await measure('sqlite', { DB_TYPE: 'sqlite', DB_PATH: join(dir, 'bench.sqlite') });
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
    await measure('mariadb', await createMysqlDatabase(server, 'scorecast_bench'));
  } finally {
    await server.stop();
  }
}
