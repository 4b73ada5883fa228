import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Connection, createConnection, type RowDataPacket } from 'mysql2/promise';
import { javaInstant } from '../../src/modules/executions/java-instant';
import { createMysqlDatabase, mysqlServer } from '../utils/test-databases';
import { TEST_JWT_SECRET, tokenFor } from '../utils/tokens';
import { linearModelPmml } from '../utils/zementis-job-examples';

// Issue 8's test of "exactly once across replicas", for real: three replicas of the built
// service (`dist/src/main.js`) as separate processes on one MariaDB database, jobs firing every
// second, one replica killed with SIGKILL while it runs an execution. Then the database must
// show every fire executed exactly once, and every window's inferences stored exactly once.

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/src/main.js');
const BASE = '/service/zementis';
const AUTHORIZATION = `Bearer ${tokenFor('ADMIN', { sub: 'alice' }, { expiresIn: '1h' })}`;
const SECOND = 1000;
const LEASE_MS = 2000;
const SYNC_INTERVAL_MS = 500;
/** One measurement every STEP_MS ms, x = its index; the model's score is x. */
const STEP_MS = 4;
/** Periodic jobs, `* * * * * ?`: their dataFromPreviousNSeconds; 3, 2 and 1 chunks a run. */
const WINDOWS_S = [20, 12, 6];
/** Records per stored chunk (INFERENCE_CHUNK_RECORDS) and per page of inferences. */
const CHUNK_RECORDS = 2000;
/** Measurements reach this far beyond the creation of the data; the suite ends long before. */
const DATA_AHEAD_MS = 180 * SECOND;
const MEASUREMENTS_PER_POST = 2000;
const SKIPPED =
  /^Skipped: execution \d+ of this job was still queued or running when this one was due\.$/;

const server = mysqlServer();
const describeWithMysql = server ? describe : describe.skip;
const title = server
  ? 'three replicas of the built service on one MariaDB'
  : 'three replicas of the built service on one MariaDB (skipped: no MariaDB/MySQL server for the e2e tests; see test/global-setup.ts)';

interface Replica {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: string[];
  exited: Promise<NodeJS.Signals | number | null>;
}

interface ExecutionRow {
  id: number;
  jobId: number;
  executionNumber: number;
  scheduledFireTime: number;
  trigger: string;
  status: string;
  statusMessage: string[];
  windowFrom: number;
  windowTo: number;
  recordsScored: number;
  claimedBy: string;
  attempt: number;
}

interface InferenceRow {
  executionId: number;
  attempt: number;
  chunkNumber: number;
  deviceId: number;
  modelName: string;
  rowCount: number;
  outputs: string;
}

/** A Running execution the killed replica held, as the database showed it just after the kill. */
interface Orphan {
  id: number;
  jobId: number;
  executionNumber: number;
  attempt: number;
  chunksStored: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `probe` every `everyMs` until it returns something other than undefined. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** Every process started, so that afterAll kills them all whatever failed. */
const started: ChildProcessWithoutNullStreams[] = [];

function startReplica(env: NodeJS.ProcessEnv): Promise<Replica> {
  const child = spawn(process.execPath, [MAIN], { env, cwd: ROOT });
  started.push(child);
  const output: string[] = [];
  const exited = new Promise<NodeJS.Signals | number | null>((done) =>
    child.once('exit', (code, signal) => done(signal ?? code)),
  );
  return new Promise((ready, fail) => {
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      stdout += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) ready({ child, url, output, exited });
    });
    void exited.then((code) =>
      fail(new Error(`replica exited with ${String(code)}: ${output.join('')}`)),
    );
  });
}

async function api<T>(replica: Replica, method: string, path: string, body?: unknown): Promise<T> {
  const xml = typeof body === 'string';
  const response = await fetch(`${replica.url}${path}`, {
    method,
    headers: {
      Authorization: AUTHORIZATION,
      'Content-Type': xml ? 'application/xml' : 'application/json',
    },
    body: body === undefined ? undefined : xml ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The replica's pid in a claim's `claimed_by` (host:pid:random). */
const pidOf = (claimedBy: string): number => Number(claimedBy.split(':').at(-2));

describeWithMysql(title, () => {
  let replicas: Replica[] = [];
  let db: Connection;
  let dataStart: number;
  let deviceId: number;
  let jobIds: number[];
  let killed: Replica;
  let killedId: string;
  let orphans: Orphan[];
  let executions: ExecutionRow[];
  let inferences: InferenceRow[];

  const query = async <T>(sql: string, values: unknown[] = []): Promise<T[]> => {
    const [rows] = await db.query<RowDataPacket[]>(sql, values);
    return rows as T[];
  };

  const readExecutions = async (): Promise<ExecutionRow[]> =>
    (
      await query<Record<string, unknown>>(
        `SELECT id, job_id, execution_number, scheduled_fire_time, trigger_kind, status,
                status_message, window_from, window_to, records_scored, claimed_by, attempt
         FROM job_executions ORDER BY job_id, scheduled_fire_time`,
      )
    ).map((row) => ({
      id: Number(row.id),
      jobId: Number(row.job_id),
      executionNumber: Number(row.execution_number),
      scheduledFireTime: Number(row.scheduled_fire_time),
      trigger: String(row.trigger_kind),
      status: String(row.status),
      statusMessage: JSON.parse(String(row.status_message)) as string[],
      windowFrom: Number(row.window_from),
      windowTo: Number(row.window_to),
      recordsScored: Number(row.records_scored),
      claimedBy: String(row.claimed_by),
      attempt: Number(row.attempt),
    }));

  const unfinishedCount = async (): Promise<number> =>
    Number(
      (
        await query<{ n: unknown }>(
          "SELECT COUNT(*) AS n FROM job_executions WHERE status IN ('Queued', 'Running')",
        )
      )[0].n,
    );

  const successesPerJob = async (): Promise<number[]> => {
    const rows = await query<{ jobId: unknown; n: unknown }>(
      "SELECT job_id AS jobId, COUNT(*) AS n FROM job_executions WHERE status = 'Success' GROUP BY job_id",
    );
    return jobIds.map((jobId) => Number(rows.find((row) => Number(row.jobId) === jobId)?.n ?? 0));
  };

  /** The measurements in [from, to): their times and x values (x is the index). */
  const expectedRecords = (from: number, to: number): { times: number[]; x: number[] } => {
    const first = Math.max(0, Math.ceil((from - dataStart) / STEP_MS));
    const end = DATA_AHEAD_MS / STEP_MS;
    const times: number[] = [];
    const x: number[] = [];
    for (let i = first; i < end && dataStart + i * STEP_MS < to; i++) {
      times.push(dataStart + i * STEP_MS);
      x.push(i);
    }
    return { times, x };
  };

  /**
   * Kills a replica other than the first (the one the suite talks to) while it holds a Running
   * execution, preferably one that has stored a chunk already. SIGSTOP freezes it first, so
   * that the database can be asked whether it still holds the execution: a run ends in
   * milliseconds, and a replica that finished in between is let go on (SIGCONT) and watched
   * again. Answers the executions it held, as they were just after the kill.
   */
  async function killMidRun(): Promise<Orphan[]> {
    const candidates = new Map(replicas.slice(1).map((replica) => [replica.child.pid, replica]));
    const chunksOf = (jobId: number) =>
      Math.ceil((WINDOWS_S[jobIds.indexOf(jobId)] * SECOND) / STEP_MS / CHUNK_RECORDS);
    const since = Date.now();
    while (Date.now() - since < 25 * SECOND) {
      // Best: a run that stored part of its window; after a while, any run will do.
      const partOnly = Date.now() - since < 10 * SECOND;
      const target = (await runningHeld()).find(
        (row) =>
          candidates.has(pidOf(row.claimedBy)) &&
          (!partOnly || (row.chunksStored > 0 && row.chunksStored < chunksOf(row.jobId))),
      );
      if (!target) {
        await sleep(10);
        continue;
      }
      const replica = candidates.get(pidOf(target.claimedBy)) as Replica;
      replica.child.kill('SIGSTOP');
      // A statement sent just before the stop still runs; let it land before looking.
      await sleep(100);
      const still = (await runningHeld()).filter((row) => row.claimedBy === target.claimedBy);
      if (still.length === 0) {
        replica.child.kill('SIGCONT');
        continue;
      }
      replica.child.kill('SIGKILL');
      killed = replica;
      killedId = target.claimedBy;
      expect(await replica.exited).toBe('SIGKILL');
      return (await runningHeld())
        .filter((row) => row.claimedBy === killedId)
        .map(({ id, jobId, executionNumber, attempt, chunksStored }) => ({
          id,
          jobId,
          executionNumber,
          attempt,
          chunksStored,
        }));
    }
    throw new Error('no replica but the first held a Running execution within 25 s');
  }

  async function runningHeld(): Promise<(Orphan & { claimedBy: string })[]> {
    const rows = await query<Record<string, unknown>>(
      `SELECT e.id, e.job_id, e.execution_number, e.attempt, e.claimed_by,
              (SELECT COUNT(*) FROM execution_inferences i
               WHERE i.execution_id = e.id AND i.attempt = e.attempt) AS chunks
       FROM job_executions e WHERE e.status = 'Running'`,
    );
    return rows.map((row) => ({
      id: Number(row.id),
      jobId: Number(row.job_id),
      executionNumber: Number(row.execution_number),
      attempt: Number(row.attempt),
      claimedBy: String(row.claimed_by),
      chunksStored: Number(row.chunks),
    }));
  }

  beforeAll(async () => {
    if (!existsSync(MAIN)) {
      throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
    }
    const mysql = server as NonNullable<typeof server>;
    const name = `scorecast_replicas_${randomBytes(6).toString('hex')}`;
    const dbEnv = await createMysqlDatabase(mysql, name);
    db = await createConnection({
      host: mysql.host,
      port: mysql.port,
      user: mysql.user,
      password: mysql.password,
      database: name,
    });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      TZ: process.env.TZ,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      // Each its own free port.
      PORT: '0',
      LOG_LEVEL: 'warn',
      JWT_SECRET: TEST_JWT_SECRET,
      EXECUTION_LEASE_MS: String(LEASE_MS),
      JOB_SYNC_INTERVAL_MS: String(SYNC_INTERVAL_MS),
      ...dbEnv,
    };
    // Together, as a rollout starts them: the migrations' lock lets one migrate.
    replicas = await Promise.all([startReplica(env), startReplica(env), startReplica(env)]);
    await Promise.all(
      replicas.map((replica) =>
        eventually(
          'replica ready',
          async () => ((await fetch(`${replica.url}/health/ready`)).ok ? true : undefined),
          30 * SECOND,
        ),
      ),
    );
    const [first] = replicas;

    await api(first, 'POST', `${BASE}/model`, linearModelPmml('Linear', ['x']));
    deviceId = Number(
      (
        await api<{ id: string }>(first, 'POST', '/inventory/managedObjects', {
          name: 'Press',
          c8y_IsDevice: {},
        })
      ).id,
    );
    // From before the longest window of the first fire to far beyond the last fire.
    dataStart = Math.floor(Date.now() / SECOND) * SECOND - (Math.max(...WINDOWS_S) + 5) * SECOND;
    const count = DATA_AHEAD_MS / STEP_MS;
    for (let from = 0; from < count; from += MEASUREMENTS_PER_POST) {
      const measurements = Array.from(
        { length: Math.min(MEASUREMENTS_PER_POST, count - from) },
        (_, k) => ({
          source: { id: String(deviceId) },
          time: new Date(dataStart + (from + k) * STEP_MS).toISOString(),
          type: 'c8y_T',
          c8y_T: { x: { value: from + k } },
        }),
      );
      await api(first, 'POST', '/measurement/measurements', { measurements });
    }

    jobIds = [];
    for (const seconds of WINDOWS_S) {
      const job = await api<{ jobId: number }>(first, 'POST', `${BASE}/job`, {
        jobName: `Every second, the last ${seconds} s`,
        modelOrGroup: 'Linear',
        groupOrDeviceId: deviceId,
        applyAllModels: false,
        modelToDeviceMappings: { x: 'c8y_T.x.value' },
        jobSchedule: {
          frequency: 'periodic',
          cronExpression: '* * * * * ?',
          dataFromPreviousNSeconds: seconds,
          timeZone: 'Europe/Berlin',
        },
      });
      jobIds.push(job.jobId);
    }

    // Runs on every replica first, then the kill.
    await eventually(
      'each job succeeded 6 times',
      async () => ((await successesPerJob()).every((n) => n >= 6) ? true : undefined),
      30 * SECOND,
    );
    orphans = await killMidRun();

    // The survivors take the orphans over after the lease and go on firing for a while.
    const afterKill = await successesPerJob();
    await eventually(
      'the orphans ended and each job succeeded 5 times more',
      async () => {
        const ids = orphans.map((orphan) => orphan.id);
        const open =
          ids.length === 0
            ? 0
            : Number(
                (
                  await query<{ n: unknown }>(
                    "SELECT COUNT(*) AS n FROM job_executions WHERE id IN (?) AND status IN ('Queued', 'Running')",
                    [ids],
                  )
                )[0].n,
              );
        const now = await successesPerJob();
        return open === 0 && now.every((n, index) => n >= afterKill[index] + 5) ? true : undefined;
      },
      30 * SECOND,
    );

    for (const jobId of jobIds) await api(first, 'POST', `${BASE}/job/${jobId}/pause`);
    // The other replica converges within the sync interval; then nothing is added or open.
    let last = -1;
    let stableSince = Date.now();
    await eventually(
      'no new fire and nothing Queued or Running',
      async () => {
        const [{ n }] = await query<{ n: unknown }>('SELECT COUNT(*) AS n FROM job_executions');
        if (Number(n) !== last) {
          last = Number(n);
          stableSince = Date.now();
        }
        const quiet = Date.now() - stableSince > 4 * SYNC_INTERVAL_MS;
        return quiet && (await unfinishedCount()) === 0 ? true : undefined;
      },
      30 * SECOND,
    );

    executions = await readExecutions();
    inferences = (
      await query<Record<string, unknown>>(
        `SELECT execution_id, attempt, chunk_number, device_id, model_name, row_count, outputs
         FROM execution_inferences ORDER BY execution_id, attempt, device_index, model_index, chunk_number`,
      )
    ).map((row) => ({
      executionId: Number(row.execution_id),
      attempt: Number(row.attempt),
      chunkNumber: Number(row.chunk_number),
      deviceId: Number(row.device_id),
      modelName: String(row.model_name),
      rowCount: Number(row.row_count),
      outputs: String(row.outputs),
    }));
  }, 150 * SECOND);

  afterAll(async () => {
    const exits = started.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) done();
          else child.once('exit', () => done());
        }),
    );
    for (const child of started) child.kill('SIGKILL');
    await Promise.all(exits);
    await db?.query(`DROP DATABASE IF EXISTS ${db.config.database as string}`);
    await db?.end();
  });

  const survivors = () => replicas.filter((replica) => replica !== killed);

  it('kept the other two replicas running', async () => {
    expect(survivors()).toHaveLength(2);
    for (const replica of survivors()) {
      if (replica.child.exitCode !== null) {
        throw new Error(
          `a replica exited with ${replica.child.exitCode}: ${replica.output.join('')}`,
        );
      }
      expect((await fetch(`${replica.url}/health/ready`)).status).toBe(200);
    }
  });

  it('has one execution for every fire between the first and the last of each job, in order', () => {
    for (const jobId of jobIds) {
      const fires = executions.filter((execution) => execution.jobId === jobId);
      expect(fires.length).toBeGreaterThanOrEqual(10);
      for (const [index, execution] of fires.entries()) {
        expect(execution.trigger).toBe('schedule');
        expect(execution.scheduledFireTime % SECOND).toBe(0);
        if (index > 0) {
          expect(execution.scheduledFireTime - fires[index - 1].scheduledFireTime).toBe(SECOND);
        }
      }
      // Numbers are given out once each, none lost.
      const numbers = fires.map((execution) => execution.executionNumber).sort((a, b) => a - b);
      expect(numbers).toEqual(numbers.map((_, index) => index + 1));
    }
  });

  it('never has two executions of one (job, scheduled fire time)', async () => {
    const duplicates = await query(
      'SELECT job_id, scheduled_fire_time, COUNT(*) AS n FROM job_executions GROUP BY job_id, scheduled_fire_time HAVING COUNT(*) > 1',
    );
    expect(duplicates).toEqual([]);
    const keys = new Set(executions.map((e) => `${e.jobId}@${e.scheduledFireTime}`));
    expect(keys.size).toBe(executions.length);
  });

  it('ends every fire as Success, or as a documented skip while the previous run was going', () => {
    for (const execution of executions) {
      if (execution.status === 'Cancelled') {
        expect(execution.statusMessage).toEqual([expect.stringMatching(SKIPPED)]);
      } else {
        expect(execution).toMatchObject({ status: 'Success', statusMessage: [] });
      }
    }
    for (const jobId of jobIds) {
      const succeeded = executions.filter((e) => e.jobId === jobId && e.status === 'Success');
      expect(succeeded.length).toBeGreaterThanOrEqual(7);
    }
  });

  it('stores each successful window’s records exactly once, only of the final attempt', () => {
    const byExecution = new Map<number, InferenceRow[]>();
    for (const row of inferences) {
      byExecution.set(row.executionId, [...(byExecution.get(row.executionId) ?? []), row]);
    }
    for (const execution of executions) {
      const rows = byExecution.get(execution.id) ?? [];
      if (execution.status !== 'Success') {
        expect(rows).toEqual([]);
        continue;
      }
      const seconds = WINDOWS_S[jobIds.indexOf(execution.jobId)];
      expect(execution.windowTo).toBe(execution.scheduledFireTime);
      expect(execution.windowFrom).toBe(execution.scheduledFireTime - seconds * SECOND);
      const expected = expectedRecords(execution.windowFrom, execution.windowTo);
      expect(expected.times).toHaveLength((seconds * SECOND) / STEP_MS);

      expect(rows.map((row) => row.attempt)).toEqual(rows.map(() => execution.attempt));
      expect(rows.map((row) => [row.deviceId, row.modelName])).toEqual(
        rows.map(() => [deviceId, 'Linear']),
      );
      expect(rows.map((row) => row.chunkNumber)).toEqual(rows.map((_, index) => index + 1));
      const outputs = rows.map(
        (row) => JSON.parse(row.outputs) as Record<string, (number | string)[]>,
      );
      const timestamps = outputs.flatMap((output) => output[`timestamp_${execution.jobId}`]);
      const scores = outputs.flatMap((output) => output.score);
      expect(rows.map((row) => row.rowCount)).toEqual(outputs.map((output) => output.score.length));
      // Exactly the window's records, in time order: none missing, none twice.
      expect(timestamps).toEqual(expected.times.map(javaInstant));
      expect(scores).toEqual(expected.x);
      expect(execution.recordsScored).toBe(expected.times.length);
    }
  });

  it('took over every execution the killed replica was running, and ran it once to Success', async () => {
    expect(orphans.length).toBeGreaterThanOrEqual(1);
    for (const orphan of orphans) {
      const execution = executions.find((e) => e.id === orphan.id) as ExecutionRow;
      expect(execution.status).toBe('Success');
      expect(execution.attempt).toBeGreaterThan(orphan.attempt);
      expect(execution.claimedBy).not.toBe(killedId);
      expect(survivors().map((replica) => replica.child.pid)).toContain(pidOf(execution.claimedBy));
      // What the killed attempt had stored went at the takeover.
      expect(
        inferences.filter(
          (row) => row.executionId === orphan.id && row.attempt !== execution.attempt,
        ),
      ).toEqual([]);

      // As a client sees it: the whole window once, on the pages of 2000 records.
      const seconds = WINDOWS_S[jobIds.indexOf(orphan.jobId)];
      const expected = expectedRecords(execution.windowFrom, execution.windowTo);
      const path = `${BASE}/job/${orphan.jobId}/history/${orphan.executionNumber}/inferences`;
      const pages = Math.ceil((seconds * SECOND) / STEP_MS / CHUNK_RECORDS);
      const timestamps: string[] = [];
      for (let page = 1; page <= pages + 1; page++) {
        const body = await api<{
          inferenceCollection: {
            recordCollection: { outputRecords: Record<string, string[]> }[];
          }[];
        }>(replicas[0], 'GET', `${path}?currentPage=${page}`);
        for (const device of body.inferenceCollection) {
          for (const record of device.recordCollection) {
            timestamps.push(...record.outputRecords[`timestamp_${orphan.jobId}`]);
          }
        }
      }
      expect(timestamps).toEqual(expected.times.map(javaInstant));

      const logs = await api<{ logs: { message: string }[] }>(
        replicas[0],
        'GET',
        `${BASE}/job/${orphan.jobId}/history/${orphan.executionNumber}/logs?pageSize=100`,
      );
      expect(logs.logs.map((line) => line.message)).toContainEqual(
        expect.stringMatching(/^Taken over/),
      );
    }
  });
});
