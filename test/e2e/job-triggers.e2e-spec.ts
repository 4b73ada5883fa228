import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createApp } from '../../src/app.factory';
import { loadAppConfig } from '../../src/core/config/app-config';
import { DatabaseService } from '../../src/core/database/database.service';
import { ExecutionLauncher } from '../../src/modules/executions/execution-launcher';
import { JobTriggers } from '../../src/modules/scheduling/job-triggers.service';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../utils/test-databases';
import { bearer, TEST_JWT_SECRET, tokenFor } from '../utils/tokens';
import { linearModelPmml } from '../utils/zementis-job-examples';

const BASE = '/service/zementis';
const ADMIN = bearer(tokenFor('ADMIN', { sub: 'alice' }, { expiresIn: '1h' }));
const SECOND = 1000;

type Launch = {
  replica: ExecutionLauncher;
  jobId: number;
  fireTime: number;
  trigger: string;
  at: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One replica of the service: the real app on a database it shares with the others. */
async function startReplica(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<INestApplication> {
  const config = loadAppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    JOB_SYNC_INTERVAL_MS: '500',
    ...database.env,
    ...env,
  });
  const app = await createApp(config);
  await app.get(DatabaseService).whenReady(30_000);
  return app;
}

describe.each(testDatabaseKinds())('Job triggers (%s)', (kind) => {
  let database: TestDatabase;
  let app: INestApplication;
  let launches: Launch[];

  const http = (target: INestApplication = app) => request(target.getHttpServer() as App);

  // The real launcher, watched: every launch is recorded with the replica that made it, then
  // goes on to create its execution as usual.
  beforeAll(async () => {
    launches = [];
    const launch = ExecutionLauncher.prototype.launch;
    jest.spyOn(ExecutionLauncher.prototype, 'launch').mockImplementation(function (
      this: ExecutionLauncher,
      job,
      fireTime,
      trigger,
    ) {
      launches.push({
        replica: this,
        jobId: job.jobId,
        fireTime: fireTime.getTime(),
        trigger,
        at: Date.now(),
      });
      return launch.call(this, job, fireTime, trigger);
    });
    database = await createTestDatabase(kind);
    app = await startReplica(database);
    await http()
      .post(`${BASE}/model`)
      .set(...ADMIN)
      .set('Content-Type', 'application/xml')
      .send(linearModelPmml('Linear', ['x']))
      .expect(201);
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
    jest.restoreAllMocks();
  });

  const launchesOf = (jobId: number, replica?: INestApplication) =>
    launches.filter(
      (launch) =>
        launch.jobId === jobId && (!replica || launch.replica === replica.get(ExecutionLauncher)),
    );

  async function createDevice(target = app): Promise<number> {
    const response = await http(target)
      .post('/inventory/managedObjects')
      .set(...ADMIN)
      .send({ name: 'Sensor', type: 'c8y_Device', c8y_IsDevice: {} })
      .expect(201);
    return Number((response.body as { id: string }).id);
  }

  async function createPeriodicJob(cronExpression: string, target = app): Promise<number> {
    const deviceId = await createDevice(target);
    const response = await http(target)
      .post(`${BASE}/job`)
      .set(...ADMIN)
      .send({
        jobName: `every ${cronExpression}`,
        modelOrGroup: 'Linear',
        groupOrDeviceId: deviceId,
        applyAllModels: false,
        modelToDeviceMappings: { x: 'c8y_Temperature.T.value' },
        jobSchedule: {
          frequency: 'periodic',
          cronExpression,
          dataFromPreviousNSeconds: 1,
          timeZone: 'Europe/Berlin',
        },
      })
      .expect(201);
    return (response.body as { jobId: number }).jobId;
  }

  const jobAnswer = async (jobId: number, target = app) =>
    (
      await http(target)
        .get(`${BASE}/job/${jobId}`)
        .set(...ADMIN)
        .expect(200)
    ).body as { nextFireTime: string | null };

  it('launches a periodic job every second, and stops at once on pause and delete', async () => {
    const jobId = await createPeriodicJob('* * * * * ?');
    const created = Date.now();
    expect(app.get(JobTriggers).nextFireTime(jobId)).toBeDefined();
    const { nextFireTime } = await jobAnswer(jobId);
    expect(Date.parse(nextFireTime as string)).toBeGreaterThan(created - SECOND);
    expect(Date.parse(nextFireTime as string)).toBeLessThanOrEqual(created + SECOND);

    await sleep(3.5 * SECOND);
    const running = launchesOf(jobId);
    expect(running.length).toBeGreaterThanOrEqual(3);
    for (const [index, launch] of running.entries()) {
      expect(launch.trigger).toBe('schedule');
      expect(launch.fireTime % SECOND).toBe(0);
      if (index > 0) expect(launch.fireTime - running[index - 1].fireTime).toBe(SECOND);
      expect(launch.at - launch.fireTime).toBeLessThan(SECOND);
    }
    const metrics = await http().get('/metrics').expect(200);
    const fires = /^scorecast_trigger_lateness_seconds_count (\d+)$/m.exec(metrics.text);
    expect(Number(fires?.[1])).toBeGreaterThanOrEqual(running.length);

    await http()
      .post(`${BASE}/job/${jobId}/pause`)
      .set(...ADMIN)
      .expect(200);
    const paused = launchesOf(jobId).length;
    expect((await jobAnswer(jobId)).nextFireTime).toBeNull();
    await sleep(2 * SECOND);
    expect(launchesOf(jobId)).toHaveLength(paused);

    await http()
      .post(`${BASE}/job/${jobId}/resume`)
      .set(...ADMIN)
      .expect(200);
    await sleep(2.2 * SECOND);
    expect(launchesOf(jobId).length).toBeGreaterThanOrEqual(paused + 2);

    await http()
      .delete(`${BASE}/job/${jobId}`)
      .set(...ADMIN)
      .expect(200);
    const deleted = launchesOf(jobId).length;
    expect(app.get(JobTriggers).nextFireTime(jobId)).toBeUndefined();
    await sleep(2 * SECOND);
    expect(launchesOf(jobId)).toHaveLength(deleted);
  });

  it('after every replica was down, launches the missed fire once as a misfire', async () => {
    const jobId = await createPeriodicJob('* * * * * ?');
    await sleep(1.5 * SECOND);
    await app.close();
    const stopped = Date.now();
    await sleep(2.5 * SECOND);
    app = await startReplica(database);
    const restarted = Date.now();
    await sleep(1.5 * SECOND);

    const misfires = launchesOf(jobId, app).filter((launch) => launch.trigger === 'misfire');
    expect(misfires).toHaveLength(1);
    expect(misfires[0].fireTime).toBeGreaterThan(stopped);
    expect(misfires[0].fireTime).toBeLessThan(restarted + SECOND);
    const scheduled = launchesOf(jobId, app).filter((launch) => launch.trigger === 'schedule');
    expect(scheduled.length).toBeGreaterThanOrEqual(1);
    expect(scheduled[0].fireTime).toBe(misfires[0].fireTime + SECOND);
  });

  if (kind === 'mysql') {
    it('converges on a change made by another replica within the sync interval', async () => {
      const other = await startReplica(database);
      try {
        const jobId = await createPeriodicJob('* * * * * ?', other);
        await sleep(2 * SECOND);
        expect(launchesOf(jobId, app).length).toBeGreaterThanOrEqual(1);
        expect((await jobAnswer(jobId, app)).nextFireTime).not.toBeNull();

        await http(other)
          .post(`${BASE}/job/${jobId}/pause`)
          .set(...ADMIN)
          .expect(200);
        await sleep(1.5 * SECOND); // the interval (500 ms) and a look's reads
        const paused = launchesOf(jobId, app).length;
        expect(app.get(JobTriggers).nextFireTime(jobId)).toBeUndefined();
        await sleep(1.5 * SECOND);
        expect(launchesOf(jobId, app)).toHaveLength(paused);

        await http(other)
          .post(`${BASE}/job/${jobId}/resume`)
          .set(...ADMIN)
          .expect(200);
        await sleep(1.5 * SECOND);
        expect(app.get(JobTriggers).nextFireTime(jobId)).toBeDefined();
        await http(other)
          .delete(`${BASE}/job/${jobId}`)
          .set(...ADMIN)
          .expect(200);
        await sleep(1.5 * SECOND);
        expect(app.get(JobTriggers).nextFireTime(jobId)).toBeUndefined();
      } finally {
        await other.close();
      }
    });
  }
});
