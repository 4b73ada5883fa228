import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import type { AppConfig } from '../../src/core/config/app-config';
import { DatabaseService } from '../../src/core/database/database.service';
import { ServiceUnavailableError } from '../../src/core/errors/domain-errors';
import {
  DEVICE_DATA_SOURCE,
  type DeviceDataSource,
  type RecordChunk,
  type WindowQuery,
} from '../../src/modules/devices/device-data-source';
import { ExecutionLauncher } from '../../src/modules/executions/execution-launcher';
import { ExecutionRetention } from '../../src/modules/executions/execution-retention';
import { ExecutionsRepository } from '../../src/modules/executions/executions.repository';
import { javaInstant } from '../../src/modules/executions/java-instant';
import type { Job } from '../../src/modules/jobs/job';
import { JobsService } from '../../src/modules/jobs/jobs.service';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { bearer, tokenFor } from '../utils/tokens';
import { linearModelPmml, NO_AUTH } from '../utils/zementis-job-examples';

const BASE = '/service/zementis';
const ADMIN = bearer(tokenFor('ADMIN', { sub: 'alice' }));
const OTHER_ADMIN = bearer(tokenFor('ADMIN', { sub: 'carol' }));
const READ = bearer(tokenFor('READ', { sub: 'bob' }));
const HOUR = 3_600_000;
const INPUTS = ['x', 'y'];
const MAPPINGS = { x: 'c8y_T.x.value', y: 'c8y_T.y.value' };
const JAVA_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/;
const UTC_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const NO_DATA = (device: number): string =>
  `The device ${device} was not active or sending any measurements during the time specified for data range`;
const FINISHED = ['Success', 'Warning', 'Failure', 'Cancelled'];

type Body = Record<string, unknown>;

// Same fields, values and order: what a client comparing the JSON text would see.
function expectSameJson(actual: unknown, expected: unknown): void {
  expect(JSON.stringify(actual, null, 2)).toBe(JSON.stringify(expected, null, 2));
}

/** Polls `probe` every 20 ms until it returns something other than undefined. */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`no answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Holds every window read of the data source before its second chunk until released. */
function holdReads(source: DeviceDataSource): {
  secondChunkWanted: Promise<void>;
  release(): void;
  restore(): void;
} {
  const original = source.readWindow.bind(source);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let wanted!: () => void;
  const secondChunkWanted = new Promise<void>((resolve) => (wanted = resolve));
  const spy = jest.spyOn(source, 'readWindow').mockImplementation(async function* held(
    query: WindowQuery,
  ): AsyncGenerator<RecordChunk> {
    let first = true;
    for await (const chunk of original(query)) {
      if (!first) {
        // The runner stores a chunk before it asks for the next one.
        wanted();
        await gate;
      }
      first = false;
      yield chunk;
    }
  });
  return { secondChunkWanted, release, restore: () => spy.mockRestore() };
}

describe.each(testDatabaseKinds())('job executions (%s)', (kind) => {
  let t: TestApp;
  let base: number;
  let bigDevice: number;
  let smallDevice: number;
  let silentDevice: number;
  let recentDevice: number;
  let group: number;

  const http = () => request(t.http);

  const get = async (path: string, auth = READ): Promise<Body> =>
    (
      await http()
        .get(`${BASE}${path}`)
        .set(...auth)
        .expect(200)
    ).body as Body;

  const createJob = async (overrides: Body): Promise<number> => {
    const now = Date.now();
    const response = await http()
      .post(`${BASE}/job`)
      .set(...ADMIN)
      .send({
        jobName: 'Scoring',
        modelOrGroup: 'Summer',
        groupOrDeviceId: bigDevice,
        applyAllModels: false,
        modelToDeviceMappings: MAPPINGS,
        jobSchedule: {
          frequency: 'once',
          scheduleAt: new Date(now + HOUR).toISOString(),
          dataFrom: new Date(base - 1000).toISOString(),
          dataTo: new Date(now - HOUR).toISOString(),
        },
        ...overrides,
      })
      .expect(201);
    return (response.body as { jobId: number }).jobId;
  };

  const run = async (jobId: number): Promise<number> => {
    const response = await http()
      .post(`${BASE}/job/${jobId}/run`)
      .set(...ADMIN)
      .expect(202);
    return (response.body as { jobExecutionNumber: number }).jobExecutionNumber;
  };

  /** The execution once it has ended. */
  const ended = (jobId: number, number: number): Promise<Body> =>
    eventually(async () => {
      const execution = await get(`/job/${jobId}/history/${number}`);
      return FINISHED.includes(execution.jobExecutionStatus as string) ? execution : undefined;
    });

  const runToEnd = async (jobId: number): Promise<Body> => ended(jobId, await run(jobId));

  const managedObject = async (body: Body): Promise<number> =>
    Number(
      (
        (
          await http()
            .post('/inventory/managedObjects')
            .set(...ADMIN)
            .send(body)
            .expect(201)
        ).body as { id: string }
      ).id,
    );

  /** `count` measurements of x = i, y = 0.5, one a second from `from`. */
  const measure = async (device: number, from: number, count: number): Promise<void> => {
    const measurements = Array.from({ length: count }, (_, i) => ({
      source: { id: String(device) },
      time: new Date(from + i * 1000).toISOString(),
      type: 'c8y_T',
      c8y_T: { x: { value: i }, y: { value: 0.5 } },
    }));
    await http()
      .post('/measurement/measurements')
      .set(...ADMIN)
      .send({ measurements })
      .expect(201);
  };

  const upload = (name: string) =>
    http()
      .post(`${BASE}/model`)
      .set(...ADMIN)
      .set('Content-Type', 'application/xml')
      .send(linearModelPmml(name, INPUTS))
      .expect(201);

  const setModelActive = (name: string, active: boolean) =>
    http()
      .put(`${BASE}/model/${name}/${active ? 'activate' : 'deactivate'}`)
      .set(...ADMIN)
      .expect(200);

  const scores = (from: number, count: number): number[] =>
    Array.from({ length: count }, (_, i) => from + i + 0.5);

  const times = (from: number, count: number): string[] =>
    Array.from({ length: count }, (_, i) => new Date(base + (from + i) * 1000).toISOString());

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { EXECUTION_LEASE_MS: '1000' } });
    // Whole seconds plus 250 ms, three hours ago: timestamps keep their milliseconds.
    base = Math.floor((Date.now() - 3 * HOUR) / 1000) * 1000 + 250;
    for (const name of ['Summer', 'SummerV2', 'Fragile', 'Sturdy', 'Lonely']) await upload(name);
    const modelGroup = (groupName: string, models: string[]) =>
      http()
        .post(`${BASE}/pmml/groups`)
        .set(...ADMIN)
        .send({ groupName, models, primaryModel: models[0] })
        .expect(201);
    await modelGroup('SummerModels', ['Summer', 'SummerV2']);
    await modelGroup('FragileModels', ['Sturdy', 'Fragile']);

    const device = (name: string) => managedObject({ name, c8y_IsDevice: {} });
    bigDevice = await device('Press');
    smallDevice = await device('Pump');
    silentDevice = await device('Spare');
    recentDevice = await device('Fan');
    group = await managedObject({ name: 'Plant', c8y_IsDeviceGroup: {} });
    for (const child of [bigDevice, smallDevice]) {
      await http()
        .post(`/inventory/managedObjects/${group}/childAssets`)
        .set(...ADMIN)
        .send({ managedObject: { id: String(child) } })
        .expect(201);
    }
    await measure(bigDevice, base, 2500);
    await measure(smallDevice, base, 300);
  });
  afterAll(() => t.close());

  describe('a once job on one device', () => {
    let jobId: number;
    let number: number;

    beforeAll(async () => {
      jobId = await createJob({});
    });

    it('answers a job that never ran with NotExecuted', async () => {
      expectSameJson(await get(`/job/${jobId}/status`), {
        jobExecutionStatus: 'NotExecuted',
        jobExecutionDuration: '0',
      });
    });

    it('POST /job/{id}/run answers 202 with the new execution, Queued', async () => {
      const response = await http()
        .post(`${BASE}/job/${jobId}/run`)
        .set(...ADMIN)
        .expect(202);
      expectSameJson(response.body, {
        jobId,
        jobExecutionNumber: 1,
        jobExecutionStatus: 'Queued',
      });
      number = 1;
      expect((await ended(jobId, number)).jobExecutionStatus).toBe('Success');
    });

    it('GET /job/{id}/status answers the last execution’s status and duration', async () => {
      const status = await get(`/job/${jobId}/status`);
      const detail = await get(`/job/${jobId}/history/${number}`);
      expectSameJson(status, {
        jobExecutionStatus: 'Success',
        jobExecutionDuration: detail.jobExecutionDuration,
      });
    });

    it('GET /job/{id}/history/{n} answers the document’s fields in its order, then the extensions', async () => {
      const detail = await get(`/job/${jobId}/history/${number}`);
      expect(detail.jobExecutionStartTime).toMatch(JAVA_INSTANT);
      expect(detail.jobExecutionEndTime).toMatch(JAVA_INSTANT);
      const duration =
        Date.parse(detail.jobExecutionEndTime as string) -
        Date.parse(detail.jobExecutionStartTime as string);
      expect(detail.scheduledFireTime).toMatch(UTC_MS);
      expectSameJson(detail, {
        jobId,
        jobExecutionNumber: 1,
        isExecutionForDeviceGroup: false,
        jobExecutionStartTime: detail.jobExecutionStartTime,
        jobExecutionEndTime: detail.jobExecutionEndTime,
        jobExecutionDuration: String(duration),
        jobExecutionStatus: 'Success',
        jobExecutionStatusMessage: [],
        trigger: 'manual',
        scheduledFireTime: detail.scheduledFireTime,
        dataFrom: new Date(base - 1000).toISOString(),
        dataTo: detail.dataTo,
        recordsScored: 2500,
        retryOf: null,
      });
    });

    it('GET /job/{id}/history answers a page without total pages by default', async () => {
      const history = await get(`/job/${jobId}/history`);
      expectSameJson(history, {
        next: null,
        prev: null,
        statistics: { currentPage: 1, totalPages: null, pageSize: 5 },
        jobExecutions: [await get(`/job/${jobId}/history/${number}`)],
      });
    });

    it('GET …/inferences answers a block of 2000 records a page, the document’s shape', async () => {
      const first = await get(`/job/${jobId}/history/${number}/inferences`);
      expectSameJson(first, {
        next: `${BASE}/job/${jobId}/history/1/inferences?currentPage=2`,
        prev: null,
        statistics: { currentPage: 1, totalPages: null, numberOfDevices: 1, numberOfModels: 1 },
        inferenceCollection: [
          {
            recordCollection: [
              {
                outputRecords: {
                  score: scores(0, 2000),
                  [`timestamp_${jobId}`]: times(0, 2000),
                },
                modelName: 'Summer',
              },
            ],
            deviceId: bigDevice,
            recordSize: 2000,
          },
        ],
      });
      const second = await get(
        `/job/${jobId}/history/${number}/inferences?currentPage=2&withTotalPages=true`,
      );
      expectSameJson(second, {
        next: null,
        prev: `${BASE}/job/${jobId}/history/1/inferences?currentPage=1`,
        statistics: { currentPage: 2, totalPages: 2, numberOfDevices: 1, numberOfModels: 1 },
        inferenceCollection: [
          {
            recordCollection: [
              {
                outputRecords: {
                  score: scores(2000, 500),
                  [`timestamp_${jobId}`]: times(2000, 500),
                },
                modelName: 'Summer',
              },
            ],
            deviceId: bigDevice,
            recordSize: 500,
          },
        ],
      });
      const past = await get(`/job/${jobId}/history/${number}/inferences?currentPage=3`);
      expect(past.inferenceCollection).toEqual([]);
    });

    it('GET …/logs answers the structured log of the steps, oldest first', async () => {
      const logs = await get(`/job/${jobId}/history/${number}/logs`);
      const lines = logs.logs as Body[];
      expect(lines.map((line) => line.message)).toEqual([
        'Execution started',
        'Resolved the device',
        'Scoring with',
        'Device scored',
        'Execution ended',
      ]);
      expect(lines.map((line) => line.sequence)).toEqual([1, 2, 3, 4, 5]);
      expect(lines[3].details).toEqual({ deviceId: bigDevice, records: 2500, chunks: 2 });
      expect(lines[4]).toMatchObject({ level: 'info', time: expect.stringMatching(UTC_MS) });
      const paged = await get(`/job/${jobId}/history/${number}/logs?pageSize=2&currentPage=2`);
      expect(paged.next).toBe(`${BASE}/job/${jobId}/history/1/logs?pageSize=2&currentPage=3`);
      expect((paged.logs as Body[]).map((line) => line.sequence)).toEqual([3, 4]);
    });

    it('adds the run fields to the job in GET /job/{id} and GET /jobs', async () => {
      const job = await get(`/job/${jobId}`);
      const detail = await get(`/job/${jobId}/history/${number}`);
      expect(job).toMatchObject({
        lastExecutionStatus: 'Success',
        lastExecutionTime: new Date(
          Date.parse(detail.jobExecutionStartTime as string),
        ).toISOString(),
        executionCount: 1,
        successCount: 1,
        failureCount: 0,
      });
      const keys = Object.keys(job);
      expect(keys.slice(keys.indexOf('retentionDays') + 1)).toEqual([
        'nextFireTime',
        'lastExecutionStatus',
        'lastExecutionTime',
        'executionCount',
        'successCount',
        'failureCount',
      ]);
      const listed = ((await get('/jobs?pageSize=2000')).jobs as Body[]).find(
        (entry) => entry.jobId === jobId,
      );
      expect(listed).toEqual(job);
    });

    it('filters GET /jobs by the status of the newest execution', async () => {
      const neverRan = await createJob({ jobName: 'Scoring never run' });
      const ids = async (status: string): Promise<number[]> =>
        ((await get(`/jobs?pageSize=2000&lastExecutionStatus=${status}`)).jobs as Body[]).map(
          (entry) => entry.jobId as number,
        );
      const succeeded = await ids('Success');
      expect(succeeded).toContain(jobId);
      expect(succeeded).not.toContain(neverRan);
      expect(await ids('Failure')).not.toContain(jobId);
      const refused = await http()
        .get(`${BASE}/jobs?lastExecutionStatus=success`)
        .set(...READ)
        .expect(400);
      expect(refused.body).toEqual({
        errors: [
          "lastExecutionStatus must be one of Queued, Running, Success, Warning, Failure, Cancelled; got 'success'.",
        ],
      });
    });

    it('counts executions in the metrics', async () => {
      const metrics = await http().get('/metrics').expect(200);
      expect(metrics.text).toMatch(/scorecast_executions_total\{status="Success"\} [1-9]/);
      expect(metrics.text).toMatch(/scorecast_execution_records_scored_total [1-9]/);
      expect(metrics.text).toContain('scorecast_execution_duration_seconds_bucket');
    });

    it('refuses to cancel or retry an execution that succeeded (409)', async () => {
      await http()
        .post(`${BASE}/job/${jobId}/history/${number}/cancel`)
        .set(...ADMIN)
        .expect(409, {
          errors: [
            'Job execution 1 is Success; only a Queued or Running execution can be cancelled.',
          ],
        });
      await http()
        .post(`${BASE}/job/${jobId}/history/${number}/retry`)
        .set(...ADMIN)
        .expect(409, {
          errors: [
            'Job execution 1 is Success; only a Failure or Cancelled execution can be retried.',
          ],
        });
    });
  });

  describe('not found, roles', () => {
    let jobId: number;

    beforeAll(async () => {
      jobId = await createJob({ groupOrDeviceId: smallDevice });
    });

    it('answers the documented 404 for an unknown job on every route', async () => {
      const reads = ['status', 'history', 'history/1', 'history/1/inferences', 'history/1/logs'];
      for (const id of ['00000', '999999', 'abc']) {
        for (const path of reads) {
          await http()
            .get(`${BASE}/job/${id}/${path}`)
            .set(...READ)
            .expect(404, { errors: [`Zementis job ID '${id}' not found.`] });
        }
        for (const path of ['run', 'history/1/cancel', 'history/1/retry']) {
          await http()
            .post(`${BASE}/job/${id}/${path}`)
            .set(...ADMIN)
            .expect(404, { errors: [`Zementis job ID '${id}' not found.`] });
        }
      }
    });

    it('answers the documented 404 for an unknown execution', async () => {
      for (const number of ['0', '7', 'one']) {
        for (const path of [`history/${number}`, `history/${number}/inferences`]) {
          await http()
            .get(`${BASE}/job/${jobId}/${path}`)
            .set(...READ)
            .expect(404, { errors: [`Job Execution number ${number} does not exist.`] });
        }
        await http()
          .post(`${BASE}/job/${jobId}/history/${number}/cancel`)
          .set(...ADMIN)
          .expect(404, { errors: [`Job Execution number ${number} does not exist.`] });
      }
    });

    it('refuses paging parameters out of range', async () => {
      await http()
        .get(`${BASE}/job/${jobId}/history?pageSize=0`)
        .set(...READ)
        .expect(400, { errors: ["pageSize must be an integer from 1 to 2000; got '0'."] });
    });

    it('lets READ read and only ADMIN run, cancel and retry', async () => {
      await http().get(`${BASE}/job/${jobId}/status`).expect(401, NO_AUTH);
      for (const path of ['run', 'history/1/cancel', 'history/1/retry']) {
        await http()
          .post(`${BASE}/job/${jobId}/${path}`)
          .set(...READ)
          .expect(403);
      }
      expect((await get(`/job/${jobId}/history`)).jobExecutions).toEqual([]);
    });
  });

  describe('groups, missing data, failing models', () => {
    it('scores every device of a group with every model (applyAllModels)', async () => {
      const jobId = await createJob({
        modelOrGroup: 'SummerModels',
        applyAllModels: true,
        groupOrDeviceId: group,
      });
      const execution = await runToEnd(jobId);
      expect(execution).toMatchObject({
        isExecutionForDeviceGroup: true,
        jobExecutionStatus: 'Success',
        recordsScored: 2 * (2500 + 300),
      });
      const page = await get(`/job/${jobId}/history/1/inferences?withTotalPages=true`);
      expect(page.statistics).toEqual({
        currentPage: 1,
        totalPages: 2,
        numberOfDevices: 2,
        numberOfModels: 2,
      });
      const devices = page.inferenceCollection as Body[];
      expect(devices.map((device) => [device.deviceId, device.recordSize])).toEqual([
        [bigDevice, 2000],
        [smallDevice, 300],
      ]);
      const small = devices[1].recordCollection as Body[];
      expect(small.map((entry) => entry.modelName)).toEqual(['Summer', 'SummerV2']);
      expect(small[1].outputRecords).toEqual({
        score: scores(0, 300),
        [`timestamp_${jobId}`]: times(0, 300),
      });
      const second = await get(`/job/${jobId}/history/1/inferences?currentPage=2`);
      expect(
        (second.inferenceCollection as Body[]).map((device) => [
          device.deviceId,
          device.recordSize,
        ]),
      ).toEqual([[bigDevice, 500]]);
    });

    it('scores with the primary model only without applyAllModels', async () => {
      const jobId = await createJob({ modelOrGroup: 'SummerModels', groupOrDeviceId: smallDevice });
      expect((await runToEnd(jobId)).recordsScored).toBe(300);
      const page = await get(`/job/${jobId}/history/1/inferences`);
      expect(
        ((page.inferenceCollection as Body[])[0].recordCollection as Body[]).map(
          (entry) => entry.modelName,
        ),
      ).toEqual(['Summer']);
    });

    it('ends with a Warning and the documented text when a device has no data', async () => {
      const jobId = await createJob({ groupOrDeviceId: silentDevice });
      const execution = await runToEnd(jobId);
      expect(execution).toMatchObject({
        jobExecutionStatus: 'Warning',
        jobExecutionStatusMessage: [NO_DATA(silentDevice)],
        recordsScored: 0,
      });
      const page = await get(`/job/${jobId}/history/1/inferences`);
      expect(page).toEqual({
        next: null,
        prev: null,
        statistics: { currentPage: 1, totalPages: null, numberOfDevices: 0, numberOfModels: 0 },
        inferenceCollection: [],
      });
    });

    it('names a failing model and still scores with the others (Warning)', async () => {
      const jobId = await createJob({
        modelOrGroup: 'FragileModels',
        applyAllModels: true,
        groupOrDeviceId: smallDevice,
      });
      await setModelActive('Fragile', false);
      try {
        const execution = await runToEnd(jobId);
        expect(execution).toMatchObject({
          jobExecutionStatus: 'Warning',
          jobExecutionStatusMessage: [
            "Model 'Fragile' is not active; activate it before applying it.",
          ],
          recordsScored: 300,
        });
        const page = await get(`/job/${jobId}/history/1/inferences`);
        expect(page.statistics).toMatchObject({ numberOfDevices: 1, numberOfModels: 1 });
      } finally {
        await setModelActive('Fragile', true);
      }
    });

    it('fails when nothing can be scored, and a retry runs the same window again', async () => {
      const jobId = await createJob({ modelOrGroup: 'Lonely', groupOrDeviceId: smallDevice });
      await setModelActive('Lonely', false);
      const failed = await runToEnd(jobId);
      expect(failed).toMatchObject({
        jobExecutionStatus: 'Failure',
        jobExecutionStatusMessage: [
          "Model 'Lonely' is not active; activate it before applying it.",
        ],
        recordsScored: 0,
      });
      expect((await get(`/job/${jobId}`)).failureCount).toBe(1);

      await setModelActive('Lonely', true);
      const response = await http()
        .post(`${BASE}/job/${jobId}/history/1/retry`)
        .set(...ADMIN)
        .expect(202);
      expect(response.body).toEqual({ jobId, jobExecutionNumber: 2, jobExecutionStatus: 'Queued' });
      const retried = await ended(jobId, 2);
      expect(retried).toMatchObject({
        jobExecutionStatus: 'Success',
        trigger: 'retry',
        retryOf: 1,
        dataFrom: failed.dataFrom,
        dataTo: failed.dataTo,
        recordsScored: 300,
      });
      expect(await get(`/job/${jobId}`)).toMatchObject({
        lastExecutionStatus: 'Success',
        executionCount: 2,
        successCount: 1,
        failureCount: 1,
      });
    });

    it('retries a data source that failed for a moment', async () => {
      const jobId = await createJob({ groupOrDeviceId: smallDevice });
      const source = t.app.get<DeviceDataSource>(DEVICE_DATA_SOURCE);
      const spy = jest.spyOn(source, 'readWindow').mockImplementationOnce(() => {
        throw new ServiceUnavailableError('Cumulocity request failed: status 503');
      });
      try {
        expect(await runToEnd(jobId)).toMatchObject({
          jobExecutionStatus: 'Success',
          recordsScored: 300,
        });
      } finally {
        spy.mockRestore();
      }
      const logs = (await get(`/job/${jobId}/history/1/logs`)).logs as Body[];
      expect(logs.find((line) => line.level === 'warn')).toMatchObject({
        message: 'Reading the device failed; trying again',
        details: {
          deviceId: smallDevice,
          try: 1,
          retryInMs: 500,
          error: 'Cumulocity request failed: status 503',
        },
      });
    });

    it('reads [fire − dataFromPreviousNSeconds, fire) for a periodic job', async () => {
      const now = Date.now();
      // 90 s and 30 s ago, then 10 s ahead: only the middle one is in the last minute.
      await measure(recentDevice, now - 90_000, 1);
      await measure(recentDevice, now - 30_000, 1);
      await measure(recentDevice, now + 10_000, 1);
      const jobId = await createJob({
        groupOrDeviceId: recentDevice,
        jobSchedule: {
          frequency: 'periodic',
          cronExpression: '0 0 0 1 1 ? 2099',
          dataFromPreviousNSeconds: 60,
          timeZone: 'Europe/Berlin',
        },
      });
      const execution = await runToEnd(jobId);
      expect(execution.recordsScored).toBe(1);
      expect(
        Date.parse(execution.dataTo as string) - Date.parse(execution.dataFrom as string),
      ).toBe(60_000);
      const page = await get(`/job/${jobId}/history/1/inferences`);
      const [device] = page.inferenceCollection as Body[];
      expect((device.recordCollection as Body[])[0].outputRecords).toEqual({
        score: [0.5],
        [`timestamp_${jobId}`]: [javaInstant(now - 30_000)],
      });
    });
  });

  describe('cancel, overlap, Idempotency-Key', () => {
    let hold: ReturnType<typeof holdReads>;

    afterEach(() => hold?.restore());

    it('cancels a Running execution between chunks, keeping what it stored', async () => {
      const jobId = await createJob({});
      hold = holdReads(t.app.get<DeviceDataSource>(DEVICE_DATA_SOURCE));
      const number = await run(jobId);
      await hold.secondChunkWanted;
      expect((await get(`/job/${jobId}/status`)).jobExecutionStatus).toBe('Running');
      const response = await http()
        .post(`${BASE}/job/${jobId}/history/${number}/cancel`)
        .set(...ADMIN)
        .expect(202);
      expect(response.body).toEqual({
        jobId,
        jobExecutionNumber: number,
        jobExecutionStatus: 'Running',
      });
      hold.release();
      const execution = await ended(jobId, number);
      expect(execution).toMatchObject({
        jobExecutionStatus: 'Cancelled',
        jobExecutionStatusMessage: [
          'Cancelled on request after 2000 record scorings; what was stored is kept.',
        ],
        recordsScored: 2000,
      });
      const page = await get(`/job/${jobId}/history/${number}/inferences?withTotalPages=true`);
      expect(page.statistics).toMatchObject({ totalPages: 1, numberOfDevices: 1 });
      // A cancelled execution can be retried.
      await http()
        .post(`${BASE}/job/${jobId}/history/${number}/retry`)
        .set(...ADMIN)
        .expect(202);
    });

    it('records a fire that comes while the job runs as skipped; a manual run still runs', async () => {
      const jobId = await createJob({});
      const job = (await t.app.get(JobsService).findById(jobId)) as Job;
      hold = holdReads(t.app.get<DeviceDataSource>(DEVICE_DATA_SOURCE));
      const running = await run(jobId);
      await hold.secondChunkWanted;

      const launcher = t.app.get(ExecutionLauncher);
      const skipped = await launcher.launch(job, new Date(Date.now() - 1000), 'schedule');
      expect(skipped).toBe(running + 1);
      expect(await get(`/job/${jobId}/history/${String(skipped)}`)).toMatchObject({
        jobExecutionStatus: 'Cancelled',
        jobExecutionStatusMessage: [
          `Skipped: execution ${running} of this job was still queued or running when this one was due.`,
        ],
        jobExecutionDuration: '0',
        trigger: 'schedule',
      });
      const manual = await run(jobId);
      expect(manual).toBe(running + 2);
      // While one runs, the status is the running one's, with the time so far.
      const status = await get(`/job/${jobId}/status`);
      expect(status.jobExecutionStatus).toBe('Running');
      expect(Number(status.jobExecutionDuration)).toBeGreaterThanOrEqual(0);

      hold.release();
      expect((await ended(jobId, running)).jobExecutionStatus).toBe('Success');
      expect((await ended(jobId, manual)).jobExecutionStatus).toBe('Success');
    });

    it('creates one execution of a fire however often it is launched', async () => {
      const jobId = await createJob({ groupOrDeviceId: smallDevice });
      const job = (await t.app.get(JobsService).findById(jobId)) as Job;
      const launcher = t.app.get(ExecutionLauncher);
      const fire = new Date(Date.now() - 5000);
      const numbers = await Promise.all(
        [1, 2, 3, 4].map(() => launcher.launch(job, fire, 'schedule')),
      );
      expect(numbers.filter((number) => number !== undefined)).toEqual([1]);
      expect(await launcher.launch(job, fire, 'misfire')).toBeUndefined();
      await ended(jobId, 1);
      const history = await get(`/job/${jobId}/history?withTotalPages=true`);
      expect(history.statistics).toMatchObject({ totalPages: 1 });
      expect(
        (history.jobExecutions as Body[]).map((execution) => execution.jobExecutionNumber),
      ).toEqual([1]);
      expect(await launcher.latestFireTimes([jobId])).toEqual(new Map([[jobId, fire]]));
    });

    it('answers a run retried with the same Idempotency-Key once, and refuses the key for another job', async () => {
      const jobId = await createJob({ groupOrDeviceId: smallDevice });
      const keyed = (id: number, auth = ADMIN) =>
        http()
          .post(`${BASE}/job/${id}/run`)
          .set(...auth)
          .set('Idempotency-Key', 'run-5f2a');
      const first = await keyed(jobId).expect(202);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await keyed(jobId).expect(202);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      // Keys belong to the caller.
      const other = await keyed(jobId, OTHER_ADMIN).expect(202);
      expect(other.body).toMatchObject({ jobExecutionNumber: 2 });
      const otherJob = await createJob({ groupOrDeviceId: smallDevice });
      await keyed(otherJob).expect(409, {
        errors: [
          "Idempotency-Key 'run-5f2a' was already used for another request; send a new key to run the job again.",
        ],
      });
      await ended(jobId, 2);
      expect((await get(`/job/${jobId}/history`)).jobExecutions).toHaveLength(2);
    });
  });

  describe('several replicas on one database', () => {
    let replica: INestApplication;

    const startReplica = async (executions: Partial<AppConfig['executions']>) => {
      replica = await createApp({
        ...t.config,
        executions: { ...t.config.executions, ...executions },
      });
      await replica.get(DatabaseService).whenReady(30_000);
      return replica;
    };

    afterEach(() => replica?.close());

    it('lets one replica only create the execution of a fire', async () => {
      await startReplica({});
      const jobId = await createJob({ groupOrDeviceId: smallDevice });
      const job = (await t.app.get(JobsService).findById(jobId)) as Job;
      const fire = new Date(Date.now() - 2000);
      const launchers = [t.app.get(ExecutionLauncher), replica.get(ExecutionLauncher)];
      const numbers = await Promise.all(
        [...launchers, ...launchers].map((launcher) => launcher.launch(job, fire, 'schedule')),
      );
      expect(numbers.filter((number) => number !== undefined)).toEqual([1]);
      expect((await ended(jobId, 1)).recordsScored).toBe(300);
    });

    it('takes over an execution whose runner died, without duplicating inferences', async () => {
      const jobId = await createJob({ groupOrDeviceId: smallDevice });
      const executions = t.app.get(ExecutionsRepository);
      const now = Date.now();
      const inserted = await executions.insert({
        jobId,
        executionNumber: 1,
        scheduledFireTime: now - 10_000,
        trigger: 'schedule',
        status: 'Running',
        statusMessage: [],
        forDeviceGroup: false,
        windowFrom: base - 1000,
        windowTo: now - HOUR,
        windowToInclusive: true,
        createdAt: now - 10_000,
        startedAt: now - 10_000,
        endedAt: 0,
        durationMs: 0,
        recordsScored: 0,
        claimedBy: 'dead-replica',
        leaseUntil: now - 1000,
        cancelRequested: false,
        attempt: 1,
        retryOf: 0,
      });
      if (inserted.kind !== 'inserted') throw new Error('the execution was not inserted');
      // What the dead runner stored before it died.
      await t.app
        .get(DataSource)
        .query(
          'INSERT INTO execution_inferences (execution_id, attempt, chunk_number, device_index, model_index, device_id, model_name, row_count, outputs) VALUES (?, 1, 1, 0, 0, ?, ?, 1, ?)',
          [inserted.id, smallDevice, 'Summer', `{"score":[99],"timestamp_${jobId}":["x"]}`],
        );

      await t.app.get(ExecutionLauncher).sweep();
      const execution = await ended(jobId, 1);
      expect(execution).toMatchObject({ jobExecutionStatus: 'Success', recordsScored: 300 });
      const page = await get(`/job/${jobId}/history/1/inferences?withTotalPages=true`);
      expect(page.statistics).toMatchObject({ totalPages: 1, numberOfDevices: 1 });
      const [device] = page.inferenceCollection as Body[];
      expect((device.recordCollection as Body[])[0].outputRecords).toEqual({
        score: scores(0, 300),
        [`timestamp_${jobId}`]: times(0, 300),
      });
      const [stored] = await t.app
        .get(DataSource)
        .query<{ n: number | string }[]>(
          'SELECT COUNT(*) AS n FROM execution_inferences WHERE execution_id = ?',
          [inserted.id],
        );
      expect(Number(stored.n)).toBe(1);
      const logs = (await get(`/job/${jobId}/history/1/logs`)).logs as Body[];
      expect(logs[0]).toMatchObject({
        level: 'warn',
        message: expect.stringMatching(/^Taken over/),
      });
      expect(logs[1].details).toMatchObject({ attempt: 2 });
    });

    it('marks an orphan as failed with EXECUTION_ORPHAN_POLICY=fail', async () => {
      const jobId = await createJob({ groupOrDeviceId: smallDevice });
      const now = Date.now();
      const inserted = await t.app.get(ExecutionsRepository).insert({
        jobId,
        executionNumber: 1,
        scheduledFireTime: now,
        trigger: 'schedule',
        status: 'Running',
        statusMessage: [],
        forDeviceGroup: false,
        windowFrom: base,
        windowTo: now - HOUR,
        windowToInclusive: true,
        createdAt: now,
        startedAt: now - 4000,
        endedAt: 0,
        durationMs: 0,
        recordsScored: 0,
        claimedBy: 'dead-replica',
        leaseUntil: now - 1,
        cancelRequested: false,
        attempt: 1,
        retryOf: 0,
      });
      expect(inserted.kind).toBe('inserted');
      // Only the replica with the fail policy may see the orphan.
      const sweep = jest.spyOn(t.app.get(ExecutionLauncher), 'sweep').mockResolvedValue();
      try {
        await (await startReplica({ orphanPolicy: 'fail' })).get(ExecutionLauncher).sweep();
      } finally {
        sweep.mockRestore();
      }
      const execution = await get(`/job/${jobId}/history/1`);
      expect(execution).toMatchObject({
        jobExecutionStatus: 'Failure',
        jobExecutionStatusMessage: [
          'The replica running this execution (dead-replica) stopped before it ended (EXECUTION_ORPHAN_POLICY=fail).',
        ],
      });
      expect(Number(execution.jobExecutionDuration)).toBeGreaterThanOrEqual(4000);
    });

    it('stops an execution at EXECUTION_TIMEOUT_MS as a Failure', async () => {
      const jobId = await createJob({});
      const runner = await startReplica({ timeoutMs: 1000 });
      const hold = holdReads(runner.get<DeviceDataSource>(DEVICE_DATA_SOURCE));
      try {
        const job = (await t.app.get(JobsService).findById(jobId)) as Job;
        const number = await runner.get(ExecutionLauncher).launch(job, new Date(), 'manual');
        await hold.secondChunkWanted;
        await new Promise((resolve) => setTimeout(resolve, 1100));
        hold.release();
        const execution = await ended(jobId, number as number);
        expect(execution).toMatchObject({
          jobExecutionStatus: 'Failure',
          jobExecutionStatusMessage: [
            'The execution ran longer than 1000 ms (EXECUTION_TIMEOUT_MS) and was stopped; what was stored is kept.',
          ],
          recordsScored: 2000,
        });
      } finally {
        hold.restore();
      }
    });
  });

  describe('retention and deletion', () => {
    const count = async (table: string, jobId: number): Promise<number> => {
      const where =
        table === 'job_executions'
          ? 'job_id = ?'
          : 'execution_id IN (SELECT id FROM job_executions WHERE job_id = ?)';
      const [row] = await t.app
        .get(DataSource)
        .query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, [
          jobId,
        ]);
      return Number(row.n);
    };

    it('keeps the newest keepExecutions executions of a job, with their inferences and logs', async () => {
      const jobId = await createJob({ groupOrDeviceId: smallDevice, keepExecutions: 2 });
      for (let i = 0; i < 4; i++) await runToEnd(jobId);
      expect(await t.app.get(ExecutionRetention).purge()).toBe(2);
      const history = await get(`/job/${jobId}/history`);
      expect(
        (history.jobExecutions as Body[]).map((execution) => execution.jobExecutionNumber),
      ).toEqual([4, 3]);
      expect(await count('execution_inferences', jobId)).toBe(2);
      expect(await count('execution_logs', jobId)).toBe(2 * 5);
      // Numbers go on after a purge.
      expect(await run(jobId)).toBe(5);
      await ended(jobId, 5);
    });

    it('deletes executions older than the default retention, always keeping the newest', async () => {
      const jobId = await createJob({ groupOrDeviceId: smallDevice });
      for (let i = 0; i < 3; i++) await runToEnd(jobId);
      const days = t.config.executions.retentionDaysDefault;
      const later = Date.now() + (days + 1) * 86_400_000;
      await t.app.get(ExecutionRetention).purge(later);
      const history = await get(`/job/${jobId}/history`);
      expect(
        (history.jobExecutions as Body[]).map((execution) => execution.jobExecutionNumber),
      ).toEqual([3]);
    });

    it('deletes a job’s executions, inferences and logs with the job', async () => {
      const jobId = await createJob({ groupOrDeviceId: smallDevice });
      await runToEnd(jobId);
      const inferences = await count('execution_inferences', jobId);
      expect(inferences).toBe(1);
      await http()
        .delete(`${BASE}/job/${jobId}`)
        .set(...ADMIN)
        .expect(200);
      expect(await count('job_executions', jobId)).toBe(0);
      const [row] = await t.app
        .get(DataSource)
        .query<{ n: number | string }[]>(
          'SELECT COUNT(*) AS n FROM execution_inferences i LEFT JOIN job_executions e ON e.id = i.execution_id WHERE e.id IS NULL',
        );
      expect(Number(row.n)).toBe(0);
      const [logs] = await t.app
        .get(DataSource)
        .query<{ n: number | string }[]>(
          'SELECT COUNT(*) AS n FROM execution_logs l LEFT JOIN job_executions e ON e.id = l.execution_id WHERE e.id IS NULL',
        );
      expect(Number(logs.n)).toBe(0);
      await http()
        .get(`${BASE}/job/${jobId}/history`)
        .set(...READ)
        .expect(404, { errors: [`Zementis job ID '${jobId}' not found.`] });
    });
  });
});
