import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';

/** A private MariaDB/MySQL server living in a temp dir, reachable over TCP on 127.0.0.1. */
export interface ThrowawayMysqlServer {
  host: string;
  port: number;
  user: string;
  password: string;
  socketPath: string;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;
const TEST_USER = 'scorecast';

function isExecutableFile(candidate: string): boolean {
  try {
    accessSync(candidate, constants.X_OK);
    return statSync(candidate).isFile();
  } catch {
    return false;
  }
}

// The sbin dirs are commonly missing from PATH for non-root users, yet that is where distros put the server.
function searchDirs(extra: string[] = []): string[] {
  const fromPath = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  return [...new Set([...extra, ...fromPath, '/usr/sbin', '/usr/local/sbin', '/usr/bin'])];
}

function findExecutable(names: string[], dirs: string[]): string | undefined {
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Absolute path of a `mariadbd` (preferred) or `mysqld` binary, if one is installed. */
export function findMysqlServerBinary(): string | undefined {
  return findExecutable(['mariadbd', 'mysqld'], searchDirs());
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error) {
        reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${tail(output)}`));
      } else {
        resolve(output);
      }
    });
  });
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function readLogTail(logPath: string): string {
  try {
    return tail(readFileSync(logPath, 'utf8'));
  } catch {
    return '(no server log)';
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Racy in theory (another process could grab the port before the server binds), but good enough for tests.
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not determine a free TCP port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function initialiseDataDir(
  binary: string,
  isMariaDb: boolean,
  dataDir: string,
  runningAsRoot: boolean,
): Promise<void> {
  if (isMariaDb) {
    const installDb = findExecutable(['mariadb-install-db'], searchDirs([dirname(binary)]));
    if (installDb === undefined) {
      throw new Error(`mariadb-install-db not found next to ${binary} or on PATH`);
    }
    await run(installDb, [
      '--no-defaults',
      `--datadir=${dataDir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...(runningAsRoot ? ['--user=root'] : []),
    ]);
  } else {
    await run(binary, [
      '--no-defaults',
      '--initialize-insecure',
      `--datadir=${dataDir}`,
      ...(runningAsRoot ? ['--user=root'] : []),
    ]);
  }
}

interface ExitState {
  exited: boolean;
  description: string;
}

function watchExit(child: ChildProcess): { state: ExitState; exited: Promise<void> } {
  const state: ExitState = { exited: false, description: '' };
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      state.exited = true;
      state.description = signal !== null ? `signal ${signal}` : `exit code ${String(code)}`;
      resolve();
    });
    // A spawn failure (e.g. EACCES) emits 'error' and may never emit 'exit'.
    child.once('error', (error) => {
      state.exited = true;
      state.description = `spawn error: ${error.message}`;
      resolve();
    });
  });
  return { state, exited };
}

async function waitUntilReady(port: number, exit: ExitState, logPath: string): Promise<Connection> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = 'no attempt made';
  while (Date.now() < deadline) {
    if (exit.exited) {
      throw new Error(
        `MySQL server exited during startup (${exit.description}). Server log tail:\n${readLogTail(logPath)}`,
      );
    }
    try {
      return await createConnection({
        host: '127.0.0.1',
        port,
        user: 'root',
        password: '',
        connectTimeout: 2_000,
      });
    } catch (error: unknown) {
      lastError = errorMessage(error);
    }
    await sleep(100);
  }
  throw new Error(
    `MySQL server did not accept connections within ${READY_TIMEOUT_MS / 1000}s ` +
      `(last error: ${lastError}). Server log tail:\n${readLogTail(logPath)}`,
  );
}

async function createTestUser(root: Connection, password: string): Promise<void> {
  // mariadb-install-db may create anonymous ''@'localhost' accounts; they would shadow
  // 'scorecast'@'%' for connections from 127.0.0.1 (more specific host wins) and reject the password.
  const [rows] = await root.query("SELECT User, Host FROM mysql.user WHERE User = ''");
  if (Array.isArray(rows)) {
    for (const row of rows) {
      if (
        typeof row === 'object' &&
        row !== null &&
        'Host' in row &&
        typeof row.Host === 'string'
      ) {
        await root.query("DROP USER ''@?", [row.Host]);
      }
    }
  }
  await root.query(`CREATE USER '${TEST_USER}'@'%' IDENTIFIED BY ?`, [password]);
  await root.query(`GRANT ALL PRIVILEGES ON *.* TO '${TEST_USER}'@'%'`);
}

async function terminate(
  child: ChildProcess,
  exit: ExitState,
  exited: Promise<void>,
): Promise<void> {
  if (exit.exited) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), STOP_GRACE_MS);
  });
  const gotKilled = await Promise.race([exited.then(() => false), timedOut]);
  clearTimeout(timer);
  if (gotKilled && !exit.exited) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Initialises a fresh data dir, starts `binary` on a free port and creates a dedicated all-privileges user. */
/**
 * InnoDB sizes: `small` (the e2e suites: many servers may run at once, little data) or the
 * server's own defaults (benchmarks: what an installation gets without tuning).
 */
export type InnodbSizes = 'small' | 'server-defaults';

export async function startThrowawayMysqlServer(
  binary: string,
  innodbSizes: InnodbSizes = 'small',
): Promise<ThrowawayMysqlServer> {
  const version = await run(binary, ['--version']);
  const isMariaDb = /mariadb/i.test(version);
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

  const baseDir = await mkdtemp(join(tmpdir(), 'scorecast-mysql-'));
  const dataDir = join(baseDir, 'data');
  const socketPath = join(baseDir, 'mysqld.sock');
  const logPath = join(baseDir, 'mysqld.log');

  let child: ChildProcess | undefined;
  let exitState: ExitState | undefined;
  let exited: Promise<void> | undefined;
  try {
    await initialiseDataDir(binary, isMariaDb, dataDir, runningAsRoot);
    const port = await findFreePort();

    const args = [
      '--no-defaults',
      `--datadir=${dataDir}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${socketPath}`,
      `--pid-file=${join(baseDir, 'mysqld.pid')}`,
      '--skip-log-bin',
      ...(innodbSizes === 'small'
        ? ['--innodb-buffer-pool-size=64M', '--innodb-log-file-size=16M']
        : []),
      // MySQL 8 otherwise also opens the X Protocol on the fixed port 33060, which clashes between parallel runs.
      ...(isMariaDb ? [] : ['--mysqlx=OFF']),
      ...(runningAsRoot ? ['--user=root'] : []),
    ];
    const logFd = openSync(logPath, 'a');
    try {
      child = spawn(binary, args, { detached: false, stdio: ['ignore', logFd, logFd] });
    } finally {
      // The child holds its own copy of the descriptor.
      closeSync(logFd);
    }
    ({ state: exitState, exited } = watchExit(child));

    const root = await waitUntilReady(port, exitState, logPath);
    const password = randomBytes(18).toString('hex');
    try {
      await createTestUser(root, password);
    } finally {
      await root.end();
    }

    const server = child;
    const state = exitState;
    const exitPromise = exited;
    const pid = server.pid;
    if (pid === undefined) throw new Error('MySQL server process has no pid');
    let stopping: Promise<void> | undefined;
    return {
      host: '127.0.0.1',
      port,
      user: TEST_USER,
      password,
      socketPath,
      dataDir,
      pid,
      stop() {
        stopping ??= (async () => {
          await terminate(server, state, exitPromise);
          await rm(baseDir, { recursive: true, force: true });
        })();
        return stopping;
      },
    };
  } catch (error: unknown) {
    // Don't leave a half-started server or its files behind.
    if (child !== undefined && exitState !== undefined && exited !== undefined) {
      await terminate(child, exitState, exited);
    }
    await rm(baseDir, { recursive: true, force: true });
    throw error;
  }
}
