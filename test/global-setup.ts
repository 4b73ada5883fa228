import {
  findMysqlServerBinary,
  startThrowawayMysqlServer,
  type ThrowawayMysqlServer,
} from './utils/throwaway-mysql-server';

/** globalThis key under which the throwaway server is handed from globalSetup to globalTeardown. */
export const THROWAWAY_MYSQL_KEY = Symbol.for('scorecast.throwawayMysql');

/** Where globalSetup parks the server; globalSetup and globalTeardown share this process's globalThis. */
export const serverHolder = globalThis as unknown as {
  [key: symbol]: ThrowawayMysqlServer | undefined;
};

function warnSqliteOnly(reason: string): void {
  const bar = '!'.repeat(78);
  process.stderr.write(
    [
      '',
      bar,
      '!!!!',
      '!!!!  No MariaDB/MySQL server available for the e2e tests.',
      `!!!!  Reason: ${reason.split('\n').join('\n!!!!    ')}`,
      '!!!!',
      '!!!!  The e2e suites will run on SQLite ONLY; MySQL-specific behaviour is NOT tested.',
      '!!!!  Install MariaDB (mariadbd) or MySQL (mysqld), or point SCORECAST_TEST_MYSQL at a',
      '!!!!  server as JSON {"host","port","user","password"}. Set REQUIRE_MYSQL=1 to make this fatal.',
      '!!!!',
      bar,
      '',
      '',
    ].join('\n'),
  );
}

/** Jest globalSetup: provides SCORECAST_TEST_MYSQL by starting a throwaway server unless one is given. */
export default async function globalSetup(): Promise<void> {
  // The e2e suites run far from UTC, so that code storing local times fails them. Workers are
  // forked after this and inherit it; an in-band run sees it because Node re-reads TZ.
  process.env.TZ = 'Asia/Kolkata';

  // An externally provided server wins.
  if (process.env.SCORECAST_TEST_MYSQL !== undefined && process.env.SCORECAST_TEST_MYSQL !== '') {
    return;
  }
  const required = process.env.REQUIRE_MYSQL === '1';

  const binary = findMysqlServerBinary();
  if (binary === undefined) {
    if (required) {
      throw new Error(
        'No MariaDB/MySQL server binary (mariadbd or mysqld) was found, and REQUIRE_MYSQL=1 demands one.',
      );
    }
    warnSqliteOnly('no mariadbd or mysqld binary found on PATH, /usr/sbin or /usr/local/sbin');
    return;
  }

  let server: ThrowawayMysqlServer;
  try {
    server = await startThrowawayMysqlServer(binary);
  } catch (error: unknown) {
    if (required) throw error;
    warnSqliteOnly(
      `starting ${binary} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return;
  }

  serverHolder[THROWAWAY_MYSQL_KEY] = server;
  // Jest workers are forked after globalSetup and inherit process.env.
  const { host, port, user, password } = server;
  process.env.SCORECAST_TEST_MYSQL = JSON.stringify({ host, port, user, password });
}
