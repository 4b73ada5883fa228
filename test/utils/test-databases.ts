import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export type TestDatabaseKind = 'sqlite' | 'mysql';

export interface MysqlServerInfo {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The MariaDB/MySQL server started by test/global-setup.ts, if one could be started. */
export function mysqlServer(): MysqlServerInfo | undefined {
  const json = process.env.SCORECAST_TEST_MYSQL;
  return json ? (JSON.parse(json) as MysqlServerInfo) : undefined;
}

/** Every dialect the e2e suites run on here: SQLite always, MariaDB/MySQL when available. */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return mysqlServer() ? ['sqlite', 'mysql'] : ['sqlite'];
}

export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

function mysqlEnv(server: MysqlServerInfo, database: string): Record<string, string> {
  return {
    DB_TYPE: 'mysql',
    DB_HOST: server.host,
    DB_PORT: String(server.port),
    DB_USER: server.user,
    DB_PASSWORD: server.password,
    DB_NAME: database,
  };
}

function mysqlAdminConnection(server: MysqlServerInfo) {
  return createConnection({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
  });
}

/** Creates an empty database on a MariaDB/MySQL server; returns the DB_* variables for it. */
export async function createMysqlDatabase(
  server: MysqlServerInfo,
  name: string,
): Promise<Record<string, string>> {
  const admin = await mysqlAdminConnection(server);
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return mysqlEnv(server, name);
}

/** A fresh, empty database of the given kind, and the DB_* variables that point at it. */
export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'scorecast-e2e-'));
    return {
      env: { DB_TYPE: 'sqlite', DB_PATH: join(dir, 'scorecast.sqlite') },
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const server = mysqlServer();
  if (!server) throw new Error('no MariaDB/MySQL server was started for the e2e suites');
  const name = `scorecast_e2e_${randomBytes(6).toString('hex')}`;
  return {
    env: await createMysqlDatabase(server, name),
    drop: async () => {
      const connection = await mysqlAdminConnection(server);
      await connection.query(`DROP DATABASE IF EXISTS ${name}`);
      await connection.end();
    },
  };
}
