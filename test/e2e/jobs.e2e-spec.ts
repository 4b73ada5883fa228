import request from 'supertest';
import { cronProblem } from '../../src/modules/jobs/cron-problem';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { bearer, tokenFor } from '../utils/tokens';
import {
  ACTIVITY_INPUTS,
  ACTIVITY_JOB,
  ACTIVITY_REQUEST,
  ANOMALY_INPUTS,
  ANOMALY_JOB,
  INVALID_FREQUENCY_REQUEST,
  linearModelPmml,
  NO_AUTH,
  UNKNOWN_DEVICE_REQUEST,
} from '../utils/zementis-job-examples';

const BASE = '/service/zementis';
const ADMIN = bearer(tokenFor('ADMIN', { sub: 'alice' }));
const OTHER_ADMIN = bearer(tokenFor('ADMIN', { sub: 'carol' }));
const READ = bearer(tokenFor('READ', { sub: 'bob' }));
const DENIED = {
  error: 'security/Forbidden',
  message: 'Access is denied',
  info: 'https://cumulocity.com/guides/reference/rest-implementation/#error_reporting',
};
const HOUR = 3_600_000;
const UTC_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

type Body = Record<string, unknown>;
type Schedule = Record<string, unknown>;

/** A once schedule an hour ahead over the day before the last hour, as the document's are. */
function onceSchedule(): Schedule {
  const now = Date.now();
  return {
    frequency: 'once',
    scheduleAt: new Date(now + HOUR).toISOString(),
    dataFrom: new Date(now - 25 * HOUR).toISOString(),
    dataTo: new Date(now - HOUR).toISOString(),
  };
}

const PERIODIC = {
  frequency: 'periodic',
  cronExpression: '0 0/15 * * * ?',
  dataFromPreviousNSeconds: 900,
  timeZone: 'Europe/Berlin',
};

/**
 * A documented job as this service answers it: the document's fields in its order with our ids
 * and dates, then the extension fields.
 */
function served(
  documented: typeof ACTIVITY_JOB,
  actual: { jobId: number; jobCreationDate: string; groupOrDeviceId: number; schedule: Schedule },
  createdBy = 'alice',
): Body {
  return {
    ...documented,
    jobId: actual.jobId,
    jobCreationDate: actual.jobCreationDate,
    groupOrDeviceId: actual.groupOrDeviceId,
    jobSchedule: {
      ...documented.jobSchedule,
      scheduleAt: actual.schedule.scheduleAt,
      dataFrom: actual.schedule.dataFrom,
      dataTo: actual.schedule.dataTo,
    },
    jobStatus: 'Active',
    createdBy,
    updatedAt: actual.jobCreationDate,
    keepExecutions: null,
    retentionDays: null,
  };
}

/**
 * A job as every answer but POST /job shows it: followed by the extension fields about its runs
 * (POST answers the job as stored, which an Idempotency-Key retry replays). None of these jobs
 * ever runs; an active once job fires next at its scheduleAt.
 */
function withRuns(job: Body): Body {
  const schedule = job.jobSchedule as Schedule;
  return {
    ...job,
    nextFireTime: job.jobStatus === 'Active' ? schedule.scheduleAt : null,
    lastExecutionStatus: null,
    lastExecutionTime: null,
    executionCount: 0,
    successCount: 0,
    failureCount: 0,
  };
}

// Same fields, values and order: what a client comparing the JSON text would see.
function expectSameJson(actual: unknown, expected: unknown): void {
  expect(JSON.stringify(actual, null, 2)).toBe(JSON.stringify(expected, null, 2));
}

describe.each(testDatabaseKinds())('Jobs API (%s)', (kind) => {
  let t: TestApp;
  let deviceId: number;
  let groupId: number;

  const http = () => request(t.http);

  const postJob = (body: unknown, auth = ADMIN): request.Test =>
    http()
      .post(`${BASE}/job`)
      .set(...auth)
      .send(body as object);

  const create = async (body: unknown, auth = ADMIN): Promise<Body> =>
    (await postJob(body, auth).expect(201)).body as Body;

  const list = async (query = ''): Promise<Body> =>
    (
      await http()
        .get(`${BASE}/jobs${query}`)
        .set(...READ)
        .expect(200)
    ).body as Body;

  const jobIds = async (query = ''): Promise<number[]> =>
    ((await list(query)).jobs as Body[]).map((job) => job.jobId as number);

  const deleteAll = () =>
    http()
      .delete(`${BASE}/jobs`)
      .set(...ADMIN)
      .expect(200);

  /** The document's create request on our device, with a schedule that is valid now. */
  const activity = (overrides: Body = {}): Body => ({
    ...ACTIVITY_REQUEST,
    groupOrDeviceId: deviceId,
    jobSchedule: onceSchedule(),
    ...overrides,
  });

  const problemsOf = async (body: unknown): Promise<string[]> =>
    ((await postJob(body).expect(400)).body as { errors: string[] }).errors;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const upload = (name: string, inputs: readonly string[]) =>
      http()
        .post(`${BASE}/model`)
        .set(...ADMIN)
        .set('Content-Type', 'application/xml')
        .send(linearModelPmml(name, inputs))
        .expect(201);
    await upload('DecisionTreeClassifier', ACTIVITY_INPUTS);
    await upload('IsolationForest', ANOMALY_INPUTS);
    await upload('IsolationForestV2', ANOMALY_INPUTS);
    await upload('Sleeper', ACTIVITY_INPUTS);
    await upload('Disposable', ['x']);
    await http()
      .put(`${BASE}/model/Sleeper/deactivate`)
      .set(...ADMIN)
      .expect(200);
    await http()
      .post(`${BASE}/pmml/groups`)
      .set(...ADMIN)
      .send({
        groupName: 'AnomalyDetectionModels',
        models: ['IsolationForest', 'IsolationForestV2'],
        primaryModel: 'IsolationForest',
      })
      .expect(201);

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
    deviceId = await managedObject({ name: 'Wristband', type: 'c8y_Device', c8y_IsDevice: {} });
    groupId = await managedObject({
      name: 'Plant',
      type: 'c8y_DeviceGroup',
      c8y_IsDeviceGroup: {},
    });
    await http()
      .post(`/inventory/managedObjects/${groupId}/childAssets`)
      .set(...ADMIN)
      .send({ managedObject: { id: String(deviceId) } })
      .expect(201);
  });
  afterAll(() => t.close());

  describe('the documented examples', () => {
    let anomaly: Body;
    let anomalySchedule: Schedule;
    let activityJob: Body;
    let activitySchedule: Schedule;

    beforeAll(async () => {
      await deleteAll();
      // The document lists this job as created first; it maps a group with every member.
      anomalySchedule = { ...onceSchedule(), timeZone: 'Asia/Calcutta' };
      anomaly = await create({
        jobName: ANOMALY_JOB.jobName,
        jobDescription: ANOMALY_JOB.jobDescription,
        modelOrGroup: ANOMALY_JOB.modelOrGroup,
        groupOrDeviceId: groupId,
        applyAllModels: true,
        modelToDeviceMappings: ANOMALY_JOB.modelToDeviceMappings,
        jobSchedule: anomalySchedule,
      });
    });

    const anomalyServed = (): Body =>
      withRuns(
        served(ANOMALY_JOB, {
          jobId: anomaly.jobId as number,
          jobCreationDate: anomaly.jobCreationDate as string,
          groupOrDeviceId: groupId,
          schedule: anomalySchedule,
        }),
      );

    it('POST /job 201: answers the normalised job (cronExpression "", server time zone, UTC creation date)', async () => {
      const before = Date.now();
      const request = activity();
      activitySchedule = request.jobSchedule as Schedule;
      activityJob = await create(request);

      expect(activityJob.jobId).toEqual(expect.any(Number));
      expect(activityJob.jobCreationDate).toMatch(UTC_MS);
      const created = Date.parse(activityJob.jobCreationDate as string);
      expect(created).toBeGreaterThanOrEqual(before - 5);
      expect(created).toBeLessThanOrEqual(Date.now() + 5);
      expectSameJson(
        activityJob,
        served(ACTIVITY_JOB, {
          jobId: activityJob.jobId as number,
          jobCreationDate: activityJob.jobCreationDate as string,
          groupOrDeviceId: deviceId,
          schedule: activitySchedule,
        }),
      );
    });

    it('POST /job 400: an invalid frequency', async () => {
      await postJob({ ...INVALID_FREQUENCY_REQUEST, groupOrDeviceId: deviceId }).expect(400, {
        errors: ['frequency can be either once or periodic.'],
      });
    });

    it('POST /job 401: no auth information', async () => {
      await http().post(`${BASE}/job`).send(activity()).expect(401, NO_AUTH);
    });

    it('POST /job 404: an unknown device', async () => {
      await postJob({ ...UNKNOWN_DEVICE_REQUEST, jobSchedule: onceSchedule() }).expect(404, {
        errors: ['Device or group with id 123456 does not exist or it is invalid'],
      });
    });

    it('GET /jobs 200: both jobs, newest first, pages counted', async () => {
      const response = await http()
        .get(`${BASE}/jobs`)
        .set(...READ)
        .expect(200);
      expectSameJson(response.body, {
        next: null,
        prev: null,
        statistics: { currentPage: 1, totalPages: 1, pageSize: 5 },
        jobs: [withRuns(activityJob), anomalyServed()],
      });
    });

    it('GET /jobs 401', async () => {
      await http().get(`${BASE}/jobs`).expect(401, NO_AUTH);
    });

    it('GET /job/{id} 200: the group job, its legacy time zone kept', async () => {
      const response = await http()
        .get(`${BASE}/job/${String(anomaly.jobId)}`)
        .set(...READ)
        .expect(200);
      expectSameJson(response.body, anomalyServed());
    });

    it('GET /job/{id} 401', async () => {
      await http()
        .get(`${BASE}/job/${String(anomaly.jobId)}`)
        .expect(401, NO_AUTH);
    });

    it('GET /job/{id} 404: unknown and non-numeric ids', async () => {
      for (const id of ['00000', '000000', '999999', 'abc', '1.5', '-1', '99999999999999999999']) {
        await http()
          .get(`${BASE}/job/${id}`)
          .set(...READ)
          .expect(404, { errors: [`Zementis job ID '${id}' not found.`] });
      }
    });

    it('DELETE /job/{id} 401', async () => {
      await http()
        .delete(`${BASE}/job/${String(activityJob.jobId)}`)
        .expect(401, NO_AUTH);
    });

    it('DELETE /job/{id} 200: answers with the remaining jobs', async () => {
      const response = await http()
        .delete(`${BASE}/job/${String(activityJob.jobId)}`)
        .set(...ADMIN)
        .expect(200);
      expectSameJson(response.body, {
        next: null,
        prev: null,
        statistics: { currentPage: 1, totalPages: 1, pageSize: 5 },
        jobs: [anomalyServed()],
      });
      await http()
        .get(`${BASE}/job/${String(activityJob.jobId)}`)
        .set(...READ)
        .expect(404);
    });

    it('DELETE /job/{id} 404', async () => {
      await http()
        .delete(`${BASE}/job/00000`)
        .set(...ADMIN)
        .expect(404, { errors: ["Zementis job ID '00000' not found."] });
      await http()
        .delete(`${BASE}/job/${String(activityJob.jobId)}`)
        .set(...ADMIN)
        .expect(404, { errors: [`Zementis job ID '${String(activityJob.jobId)}' not found.`] });
    });

    it('DELETE /jobs 401', async () => {
      await http().delete(`${BASE}/jobs`).expect(401, NO_AUTH);
      expect(await jobIds()).toEqual([anomaly.jobId]);
    });

    it('DELETE /jobs 200: removes every job and answers with the empty page', async () => {
      const response = await http()
        .delete(`${BASE}/jobs`)
        .set(...ADMIN)
        .expect(200);
      expectSameJson(response.body, {
        next: null,
        prev: null,
        statistics: { currentPage: 1, totalPages: 0, pageSize: 5 },
        jobs: [],
      });
      expect(await jobIds()).toEqual([]);
    });
  });

  describe('validation', () => {
    beforeAll(deleteAll);
    let acceptedCount = 0;
    const accept = async (body: unknown): Promise<Body> => {
      acceptedCount++;
      return create(body);
    };

    it('names a missing or unknown frequency', async () => {
      expect(await problemsOf(activity({ jobSchedule: { frequency: 'weekly' } }))).toEqual([
        'frequency can be either once or periodic.',
      ]);
      expect(await problemsOf(activity({ jobSchedule: {} }))).toEqual([
        'frequency can be either once or periodic.',
      ]);
      expect(await problemsOf(activity({ jobSchedule: undefined }))).toEqual([
        'jobSchedule is required: an object with the frequency and its fields.',
      ]);
    });

    it('requires the periodic fields', async () => {
      expect(await problemsOf(activity({ jobSchedule: { frequency: 'periodic' } }))).toEqual([
        'cronExpression is required for a periodic job.',
        'dataFromPreviousNSeconds is required for a periodic job: a whole number of seconds from 1 to 86400.',
        'timeZone is required for a periodic job.',
      ]);
    });

    it('checks the cron expression with Quartz, passing its reason on', async () => {
      const reason = cronProblem('0 0 * * *');
      expect(reason).toEqual(expect.any(String));
      expect(
        await problemsOf(activity({ jobSchedule: { ...PERIODIC, cronExpression: '0 0 * * *' } })),
      ).toEqual([`cronExpression is not a valid Quartz cron expression: ${String(reason)}`]);
      const job = await accept(
        activity({ jobSchedule: { ...PERIODIC, cronExpression: '0 0 12 ? * MON-FRI 2030' } }),
      );
      expect((job.jobSchedule as Schedule).cronExpression).toBe('0 0 12 ? * MON-FRI 2030');
    });

    it('keeps dataFromPreviousNSeconds within 1 to 86400', async () => {
      const message =
        'dataFromPreviousNSeconds is required for a periodic job: a whole number of seconds from 1 to 86400.';
      for (const seconds of [0, 86_401, 1.5, '60']) {
        expect(
          await problemsOf(
            activity({ jobSchedule: { ...PERIODIC, dataFromPreviousNSeconds: seconds } }),
          ),
        ).toEqual([message]);
      }
      for (const seconds of [1, 86_400]) {
        await accept(activity({ jobSchedule: { ...PERIODIC, dataFromPreviousNSeconds: seconds } }));
      }
    });

    it('takes IANA time zones, keeping legacy aliases as sent', async () => {
      expect(
        await problemsOf(activity({ jobSchedule: { ...PERIODIC, timeZone: 'Mars/Olympus' } })),
      ).toEqual(["timeZone 'Mars/Olympus' is not a known IANA time zone, such as Europe/Berlin."]);
      const job = await accept(
        activity({ jobSchedule: { ...PERIODIC, timeZone: 'Asia/Calcutta' } }),
      );
      expect(job.jobSchedule).toEqual({
        frequency: 'periodic',
        cronExpression: '0 0/15 * * * ?',
        timeZone: 'Asia/Calcutta',
        dataFromPreviousNSeconds: 900,
        scheduleAt: '',
        dataFrom: '',
        dataTo: '',
      });
      expect(
        await problemsOf(
          activity({ jobSchedule: { ...onceSchedule(), timeZone: 'Nowhere/Special' } }),
        ),
      ).toEqual([
        "timeZone 'Nowhere/Special' is not a known IANA time zone, such as Europe/Berlin.",
      ]);
    });

    it('requires the once fields in the documented date-time format', async () => {
      expect(await problemsOf(activity({ jobSchedule: { frequency: 'once' } }))).toEqual([
        'scheduleAt is required for a once job.',
        'dataFrom is required for a once job.',
        'dataTo is required for a once job.',
      ]);
      const format =
        "must be an ISO-8601 date-time of the form yyyy-MM-dd'T'HH:mm:ss.SSSXXX, such as 2019-12-30T22:59:50.235+05:30.";
      expect(
        await problemsOf(
          activity({
            jobSchedule: {
              ...onceSchedule(),
              scheduleAt: '2030-03-18 17:42',
              dataFrom: '2020-02-26T10:20:00Z',
              dataTo: 1582798800000,
            },
          }),
        ),
      ).toEqual([`scheduleAt ${format}`, `dataFrom ${format}`, `dataTo ${format}`]);
    });

    it('normalises offsets to UTC', async () => {
      const now = Date.now();
      const offset = (millis: number): string =>
        new Date(millis + 5.5 * HOUR).toISOString().replace('Z', '+05:30');
      const job = await accept(
        activity({
          jobSchedule: {
            frequency: 'once',
            scheduleAt: offset(now + HOUR),
            dataFrom: offset(now - 3 * HOUR),
            dataTo: offset(now - 2 * HOUR),
          },
        }),
      );
      expect((job.jobSchedule as Schedule).scheduleAt).toBe(new Date(now + HOUR).toISOString());
      expect((job.jobSchedule as Schedule).timeZone).toBe('Asia/Kolkata');
    });

    it('wants scheduleAt in the future and a past window of at most 24 hours', async () => {
      const now = Date.now();
      const iso = (offset: number): string => new Date(now + offset).toISOString();
      const schedule = (scheduleAt: number, dataFrom: number, dataTo: number): Body =>
        activity({
          jobSchedule: {
            frequency: 'once',
            scheduleAt: iso(scheduleAt),
            dataFrom: iso(dataFrom),
            dataTo: iso(dataTo),
          },
        });
      expect(await problemsOf(schedule(-HOUR, -3 * HOUR, -2 * HOUR))).toEqual([
        'scheduleAt must be in the future.',
      ]);
      expect(await problemsOf(schedule(HOUR, -2 * HOUR, -3 * HOUR))).toEqual([
        'dataFrom must be before dataTo.',
      ]);
      expect(await problemsOf(schedule(HOUR, -26 * HOUR, -2 * HOUR + 1))).toEqual([
        'dataFrom and dataTo must not be more than 24 hours apart.',
      ]);
      expect(await problemsOf(schedule(3 * HOUR, -HOUR, HOUR))).toEqual([
        'dataTo must not be in the future.',
      ]);
      expect(await problemsOf(schedule(3 * HOUR, HOUR, 2 * HOUR))).toEqual([
        'dataTo must not be in the future.',
        'dataFrom must not be in the future.',
      ]);
      await accept(schedule(HOUR, -26 * HOUR, -2 * HOUR));
    });

    it('wants an existing, active model or group', async () => {
      expect(await problemsOf(activity({ modelOrGroup: undefined }))).toEqual([
        'modelOrGroup is required: the name of a model or model group.',
      ]);
      expect(await problemsOf(activity({ modelOrGroup: 'Nope' }))).toEqual([
        "Model or model group 'Nope' not found.",
      ]);
      expect(await problemsOf(activity({ modelOrGroup: 'Sleeper' }))).toEqual([
        "Model 'Sleeper' is not active; activate it before scheduling a job with it.",
      ]);
    });

    it('checks the members a group job scores with', async () => {
      await http()
        .put(`${BASE}/model/IsolationForestV2/deactivate`)
        .set(...ADMIN)
        .expect(200);
      try {
        const group = (applyAllModels: boolean): Body =>
          activity({
            modelOrGroup: 'AnomalyDetectionModels',
            applyAllModels,
            modelToDeviceMappings: ANOMALY_JOB.modelToDeviceMappings,
          });
        expect(await problemsOf(group(true))).toEqual([
          "Model 'IsolationForestV2' is not active; activate it before scheduling a job with it.",
        ]);
        // Only the primary model scores without applyAllModels.
        await accept(group(false));
      } finally {
        await http()
          .put(`${BASE}/model/IsolationForestV2/activate`)
          .set(...ADMIN)
          .expect(200);
      }
    });

    it('wants every input of the model mapped to a measurement series, and nothing else', async () => {
      expect(await problemsOf(activity({ modelToDeviceMappings: undefined }))).toEqual([
        'modelToDeviceMappings is required: an object from model input to measurement series.',
      ]);
      expect(
        await problemsOf(
          activity({
            modelToDeviceMappings: {
              accelerationX: 'c8y_Acceleration.accelerationX',
              accelerationY: 'c8y_Acceleration.accelerationY.value',
              rssi: 'c8y_SignalStrengthWifi.rssi.value',
            },
          }),
        ),
      ).toEqual([
        "modelToDeviceMappings: 'accelerationX' must map to a measurement series written fragment.series.value, such as c8y_Acceleration.accelerationX.value.",
        "modelToDeviceMappings: 'rssi' is not an input field of 'DecisionTreeClassifier'.",
        "modelToDeviceMappings must map every input of 'DecisionTreeClassifier'; missing: accelerationX, accelerationZ.",
      ]);
    });

    it('wants an existing device or group: the documented 404 alone, else listed with the rest', async () => {
      expect(await problemsOf(activity({ groupOrDeviceId: undefined }))).toEqual([
        'groupOrDeviceId is required: the id of a device or device group.',
      ]);
      await postJob(activity({ groupOrDeviceId: 'abc' })).expect(404, {
        errors: ['Device or group with id abc does not exist or it is invalid'],
      });
      expect(await problemsOf(activity({ groupOrDeviceId: 123456, jobName: '' }))).toEqual([
        'jobName is required.',
        'Device or group with id 123456 does not exist or it is invalid',
      ]);
      await accept(activity({ groupOrDeviceId: String(groupId) }));
    });

    it('checks the name, description and flag', async () => {
      expect(
        await problemsOf(activity({ jobName: '  ', jobDescription: 7, applyAllModels: 'yes' })),
      ).toEqual([
        'jobName is required.',
        'jobDescription must be text.',
        'applyAllModels must be true or false.',
      ]);
      expect(
        await problemsOf(activity({ jobName: 'n'.repeat(256), jobDescription: 'd'.repeat(2001) })),
      ).toEqual([
        'jobName must not be longer than 255 characters.',
        'jobDescription must not be longer than 2000 characters.',
      ]);
    });

    it('turns unsafe characters of name and description into underscores', async () => {
      const job = await accept(
        activity({
          jobName: 'Pumps <Hall 7> "east"/west',
          jobDescription: "Zähler #3 (Süd), 2.5: ok; it's <b>",
        }),
      );
      expect(job.jobName).toBe('Pumps _Hall 7_ _east__west');
      expect(job.jobDescription).toBe('Zähler #3 (Süd), 2.5: ok; it_s _b_');
    });

    it('accepts the older field spellings and answers with the new ones', async () => {
      const job = await accept({
        jobName: 'Legacy',
        associatedModel: 'DecisionTreeClassifier',
        associatedGroupOrDeviceId: String(deviceId),
        applyToAllModels: false,
        modelToDeviceMappings: ACTIVITY_REQUEST.modelToDeviceMappings,
        jobSchedule: onceSchedule(),
      });
      expect(job).toMatchObject({
        modelOrGroup: 'DecisionTreeClassifier',
        groupOrDeviceId: deviceId,
        applyAllModels: false,
        jobDescription: '',
      });
      expect(job).not.toHaveProperty('associatedModel');
    });

    it('reports every problem of a request together', async () => {
      expect(
        await problemsOf({
          modelOrGroup: 'Nope',
          modelToDeviceMappings: {},
          groupOrDeviceId: deviceId,
          jobSchedule: { frequency: 'periodic', cronExpression: '* * *', timeZone: 'UTC' },
          keepExecutions: 0,
        }),
      ).toEqual([
        'jobName is required.',
        "Model or model group 'Nope' not found.",
        `cronExpression is not a valid Quartz cron expression: ${String(cronProblem('* * *'))}`,
        'dataFromPreviousNSeconds is required for a periodic job: a whole number of seconds from 1 to 86400.',
        "keepExecutions must be a whole number from 1 to 100000, or null for the service's default.",
      ]);
    });

    it('asks for a JSON object', async () => {
      expect(await problemsOf([])).toEqual([
        'The request body must be a JSON object describing the job.',
      ]);
      const response = await http()
        .post(`${BASE}/job`)
        .set(...ADMIN)
        .set('Content-Type', 'application/json')
        .send('{"jobName": ')
        .expect(400);
      expect((response.body as { errors: string[] }).errors[0]).toMatch(
        /^The request body is not valid JSON/,
      );
    });

    it('stored only the jobs it accepted', async () => {
      expect(acceptedCount).toBeGreaterThan(0);
      expect(await jobIds('?pageSize=2000')).toHaveLength(acceptedCount);
    });
  });

  describe('paging', () => {
    let ids: number[];

    beforeAll(async () => {
      await deleteAll();
      ids = [];
      for (let i = 1; i <= 7; i++) {
        ids.push((await create(activity({ jobName: `Job ${i}` }))).jobId as number);
      }
      ids.reverse();
    });

    it('shows 5 jobs a page, newest first, with a next link', async () => {
      const page = await list();
      expect(page).toMatchObject({
        next: '/service/zementis/jobs?pageSize=5&currentPage=2',
        prev: null,
        statistics: { currentPage: 1, totalPages: 2, pageSize: 5 },
      });
      expect((page.jobs as Body[]).map((job) => job.jobId)).toEqual(ids.slice(0, 5));
    });

    it('links back from the last page', async () => {
      const page = await list('?currentPage=2');
      expect(page).toMatchObject({
        next: null,
        prev: '/service/zementis/jobs?pageSize=5&currentPage=1',
        statistics: { currentPage: 2, totalPages: 2, pageSize: 5 },
      });
      expect((page.jobs as Body[]).map((job) => job.jobId)).toEqual(ids.slice(5));
    });

    it('writes pageSize before currentPage in the links and leaves withTotalPages out', async () => {
      const page = await list('?withTotalPages=false&currentPage=2&pageSize=2');
      expect(page).toMatchObject({
        next: '/service/zementis/jobs?pageSize=2&currentPage=3',
        prev: '/service/zementis/jobs?pageSize=2&currentPage=1',
        statistics: { currentPage: 2, totalPages: null, pageSize: 2 },
      });
      expect((page.jobs as Body[]).map((job) => job.jobId)).toEqual(ids.slice(2, 4));
    });

    it('counts pages unless withTotalPages=false', async () => {
      expect((await list('?withTotalPages=true&pageSize=3')).statistics).toEqual({
        currentPage: 1,
        totalPages: 3,
        pageSize: 3,
      });
      expect((await list('?withTotalPages=false')).statistics).toEqual({
        currentPage: 1,
        totalPages: null,
        pageSize: 5,
      });
    });

    it('answers a page past the end with an empty list', async () => {
      const page = await list('?currentPage=9');
      expectSameJson(page, {
        next: null,
        prev: '/service/zementis/jobs?pageSize=5&currentPage=8',
        statistics: { currentPage: 9, totalPages: 2, pageSize: 5 },
        jobs: [],
      });
    });

    it('takes pageSize up to 2000', async () => {
      expect(await jobIds('?pageSize=2000')).toEqual(ids);
    });

    it('refuses paging parameters out of range, naming each', async () => {
      const refused = async (query: string): Promise<string[]> =>
        (
          (
            await http()
              .get(`${BASE}/jobs${query}`)
              .set(...READ)
              .expect(400)
          ).body as { errors: string[] }
        ).errors;
      expect(await refused('?pageSize=0')).toEqual([
        "pageSize must be an integer from 1 to 2000; got '0'.",
      ]);
      expect(await refused('?pageSize=2001')).toEqual([
        "pageSize must be an integer from 1 to 2000; got '2001'.",
      ]);
      expect(await refused('?pageSize=abc')).toEqual([
        "pageSize must be an integer from 1 to 2000; got 'abc'.",
      ]);
      expect(await refused('?currentPage=0&withTotalPages=maybe')).toEqual([
        "currentPage must be an integer from 1 to 2147483647; got '0'.",
        "withTotalPages must be true or false; got 'maybe'.",
      ]);
      expect(await refused('?pageSize=1&pageSize=2')).toEqual([
        'pageSize must be given once, as a single value.',
      ]);
    });
  });

  describe('roles', () => {
    let jobId: string;

    beforeAll(async () => {
      await deleteAll();
      jobId = String((await create(activity())).jobId);
    });

    const routes = (): [string, string][] => [
      ['post', '/job'],
      ['get', '/jobs'],
      ['get', `/job/${jobId}`],
      ['put', `/job/${jobId}`],
      ['post', `/job/${jobId}/pause`],
      ['post', `/job/${jobId}/resume`],
      ['delete', `/job/${jobId}`],
      ['delete', '/jobs'],
    ];

    const call = (method: string, path: string): request.Test => {
      const agent = http();
      switch (method) {
        case 'post':
          return agent.post(`${BASE}${path}`);
        case 'put':
          return agent.put(`${BASE}${path}`);
        case 'delete':
          return agent.delete(`${BASE}${path}`);
        default:
          return agent.get(`${BASE}${path}`);
      }
    };

    it('answers every route with the documented 401 without credentials', async () => {
      for (const [method, path] of routes()) {
        await call(method, path).send(activity()).expect(401, NO_AUTH);
      }
    });

    it('lets READ read and nothing more', async () => {
      for (const [method, path] of routes()) {
        const response = await call(method, path)
          .set(...READ)
          .send(activity());
        if (method === 'get')
          expect({ path, status: response.status }).toEqual({ path, status: 200 });
        else
          expect({ path, status: response.status, body: response.body }).toEqual({
            path,
            status: 403,
            body: DENIED,
          });
      }
      expect(await jobIds()).toEqual([Number(jobId)]);
      const job = (
        await http()
          .get(`${BASE}/job/${jobId}`)
          .set(...READ)
          .expect(200)
      ).body as Body;
      expect(job.jobStatus).toBe('Active');
    });
  });

  describe('extension: PUT /job/{id}', () => {
    let original: Body;

    beforeAll(async () => {
      await deleteAll();
      original = await create(activity({ keepExecutions: 10 }));
    });

    it('replaces the definition, keeping id, creation, creator and status', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const response = await http()
        .put(`${BASE}/job/${String(original.jobId)}`)
        .set(...OTHER_ADMIN)
        .send({
          jobName: 'Every quarter hour',
          modelOrGroup: 'AnomalyDetectionModels',
          applyAllModels: true,
          groupOrDeviceId: groupId,
          modelToDeviceMappings: ANOMALY_JOB.modelToDeviceMappings,
          jobSchedule: PERIODIC,
          retentionDays: 30,
        })
        .expect(200);
      const updated = response.body as Body;
      expect(updated).toEqual({
        jobId: original.jobId,
        jobName: 'Every quarter hour',
        jobDescription: '',
        jobCreationDate: original.jobCreationDate,
        modelOrGroup: 'AnomalyDetectionModels',
        applyAllModels: true,
        groupOrDeviceId: groupId,
        modelToDeviceMappings: ANOMALY_JOB.modelToDeviceMappings,
        jobSchedule: { ...PERIODIC, scheduleAt: '', dataFrom: '', dataTo: '' },
        jobStatus: 'Active',
        createdBy: 'alice',
        updatedAt: expect.stringMatching(UTC_MS) as unknown,
        keepExecutions: null,
        retentionDays: 30,
        nextFireTime: expect.stringMatching(UTC_MS) as unknown,
        lastExecutionStatus: null,
        lastExecutionTime: null,
        executionCount: 0,
        successCount: 0,
        failureCount: 0,
      });
      expect(Date.parse(updated.updatedAt as string)).toBeGreaterThan(
        Date.parse(original.jobCreationDate as string),
      );
      const read = await http()
        .get(`${BASE}/job/${String(original.jobId)}`)
        .set(...READ)
        .expect(200);
      expect(read.body).toEqual(updated);
    });

    it('takes back a job as GET answers it', async () => {
      const read = (
        await http()
          .get(`${BASE}/job/${String(original.jobId)}`)
          .set(...READ)
          .expect(200)
      ).body as Body;
      const response = await http()
        .put(`${BASE}/job/${String(original.jobId)}`)
        .set(...ADMIN)
        .send({ ...read, jobId: 1, jobStatus: 'Inactive', createdBy: 'mallory' })
        .expect(200);
      expect(response.body).toEqual({ ...read, updatedAt: expect.any(String) as unknown });
    });

    it('checks the body as POST does, changing nothing when refused', async () => {
      const before = (
        await http()
          .get(`${BASE}/job/${String(original.jobId)}`)
          .set(...READ)
          .expect(200)
      ).body as Body;
      await http()
        .put(`${BASE}/job/${String(original.jobId)}`)
        .set(...ADMIN)
        .send(activity({ jobSchedule: { frequency: 'hourly' }, retentionDays: 3651 }))
        .expect(400, {
          errors: [
            'frequency can be either once or periodic.',
            "retentionDays must be a whole number from 1 to 3650, or null for the service's default.",
          ],
        });
      await http()
        .put(`${BASE}/job/${String(original.jobId)}`)
        .set(...ADMIN)
        .send(activity({ groupOrDeviceId: 123456 }))
        .expect(404, {
          errors: ['Device or group with id 123456 does not exist or it is invalid'],
        });
      const after = await http()
        .get(`${BASE}/job/${String(original.jobId)}`)
        .set(...READ)
        .expect(200);
      expect(after.body).toEqual(before);
    });

    it('answers 404 for an unknown job before looking at the body', async () => {
      for (const id of ['987654', 'x1']) {
        await http()
          .put(`${BASE}/job/${id}`)
          .set(...ADMIN)
          .send({})
          .expect(404, { errors: [`Zementis job ID '${id}' not found.`] });
      }
    });
  });

  describe('extension: pause and resume', () => {
    let jobId: string;

    beforeAll(async () => {
      await deleteAll();
      jobId = String((await create(activity())).jobId);
    });

    const status = async (): Promise<unknown> =>
      (
        (
          await http()
            .get(`${BASE}/job/${jobId}`)
            .set(...READ)
            .expect(200)
        ).body as Body
      ).jobStatus;

    it('pauses a job, answering with it, and pausing again changes nothing', async () => {
      for (let i = 0; i < 2; i++) {
        const response = await http()
          .post(`${BASE}/job/${jobId}/pause`)
          .set(...ADMIN)
          .expect(200);
        expect(response.body).toMatchObject({ jobId: Number(jobId), jobStatus: 'Inactive' });
        expect(await status()).toBe('Inactive');
      }
    });

    it('resumes a paused job', async () => {
      for (let i = 0; i < 2; i++) {
        const response = await http()
          .post(`${BASE}/job/${jobId}/resume`)
          .set(...ADMIN)
          .expect(200);
        expect(response.body).toMatchObject({ jobId: Number(jobId), jobStatus: 'Active' });
        expect(await status()).toBe('Active');
      }
    });

    it('answers 404 for an unknown job', async () => {
      for (const action of ['pause', 'resume']) {
        await http()
          .post(`${BASE}/job/424242/${action}`)
          .set(...ADMIN)
          .expect(404, { errors: ["Zementis job ID '424242' not found."] });
      }
    });
  });

  describe('extension: filters and order of GET /jobs', () => {
    const made: Record<string, number> = {};
    let between: string;

    beforeAll(async () => {
      await deleteAll();
      const add = async (name: string, body: Body): Promise<void> => {
        made[name] = (await create(activity({ jobName: name, ...body }))).jobId as number;
      };
      await add('Pump alpha', {});
      await add('pumpBeta_2', { jobSchedule: PERIODIC });
      await new Promise((resolve) => setTimeout(resolve, 20));
      between = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await add('Boiler', {
        modelOrGroup: 'AnomalyDetectionModels',
        groupOrDeviceId: groupId,
        modelToDeviceMappings: ANOMALY_JOB.modelToDeviceMappings,
      });
      await add('Compressor', { jobSchedule: PERIODIC });
      await http()
        .post(`${BASE}/job/${made.Compressor}/pause`)
        .set(...ADMIN)
        .expect(200);
    });

    const names = async (query: string): Promise<string[]> =>
      ((await list(query)).jobs as Body[]).map((job) => job.jobName as string);

    it('filters by status, frequency, model or group, and device', async () => {
      expect(await names('?jobStatus=Inactive')).toEqual(['Compressor']);
      expect(await names('?jobStatus=Active')).toEqual(['Boiler', 'pumpBeta_2', 'Pump alpha']);
      expect(await names('?frequency=periodic')).toEqual(['Compressor', 'pumpBeta_2']);
      expect(await names('?modelOrGroup=AnomalyDetectionModels')).toEqual(['Boiler']);
      expect(await names('?modelOrGroup=anomalydetectionmodels')).toEqual([]);
      expect(await names(`?groupOrDeviceId=${groupId}`)).toEqual(['Boiler']);
      expect(
        await names('?frequency=once&jobStatus=Active&modelOrGroup=DecisionTreeClassifier'),
      ).toEqual(['Pump alpha']);
    });

    it('finds names containing a text, regardless of case, wildcards taken literally', async () => {
      expect(await names('?name=PUMP')).toEqual(['pumpBeta_2', 'Pump alpha']);
      expect(await names('?name=_')).toEqual(['pumpBeta_2']);
      expect(await names('?name=%25')).toEqual([]);
      expect(await names('?name=!')).toEqual([]);
      expect(await names('?name=lph')).toEqual(['Pump alpha']);
    });

    it('filters by creation time, from inclusive, to exclusive', async () => {
      expect(await names(`?createdFrom=${encodeURIComponent(between)}`)).toEqual([
        'Compressor',
        'Boiler',
      ]);
      expect(await names(`?createdTo=${encodeURIComponent(between)}`)).toEqual([
        'pumpBeta_2',
        'Pump alpha',
      ]);
      const today = new Date().toISOString().slice(0, 10);
      expect(await names(`?createdFrom=${today}&createdTo=2999-01-01`)).toHaveLength(4);
      expect(await names('?createdTo=2000-01-01T00:00:00%2B05:30')).toEqual([]);
    });

    it('sorts by the fields named, descending with a minus', async () => {
      // Names compare without regard to case on both dialects.
      expect(await names('?sort=jobName')).toEqual([
        'Boiler',
        'Compressor',
        'Pump alpha',
        'pumpBeta_2',
      ]);
      expect(await names('?sort=-jobName')).toEqual([
        'pumpBeta_2',
        'Pump alpha',
        'Compressor',
        'Boiler',
      ]);
      expect(await names('?sort=jobCreationDate')).toEqual([
        'Pump alpha',
        'pumpBeta_2',
        'Boiler',
        'Compressor',
      ]);
      expect(await names('?sort=-jobId')).toEqual(await names(''));
      expect(await names('?sort=frequency,-jobName')).toEqual([
        'Pump alpha',
        'Boiler',
        'pumpBeta_2',
        'Compressor',
      ]);
      expect(await names('?sort=-modelOrGroup,jobStatus')).toEqual([
        'pumpBeta_2',
        'Pump alpha',
        'Compressor',
        'Boiler',
      ]);
    });

    it('keeps filters and sort in the page links, after pageSize and currentPage', async () => {
      const first = await list(
        '?sort=jobName&pageSize=1&name=pump&createdFrom=2000-01-01T00:00:00%2B05:30&jobStatus=Active',
      );
      const filters =
        '&jobStatus=Active&name=pump&createdFrom=2000-01-01T00%3A00%3A00%2B05%3A30&sort=jobName';
      expect(first).toMatchObject({
        next: `/service/zementis/jobs?pageSize=1&currentPage=2${filters}`,
        prev: null,
        statistics: { currentPage: 1, totalPages: 2, pageSize: 1 },
      });
      expect((first.jobs as Body[]).map((job) => job.jobName)).toEqual(['Pump alpha']);
      // Following the link keeps the filters and the order.
      const second = await list((first.next as string).replace('/service/zementis/jobs', ''));
      expect(second).toMatchObject({
        next: null,
        prev: `/service/zementis/jobs?pageSize=1&currentPage=1${filters}`,
        statistics: { currentPage: 2, totalPages: 2, pageSize: 1 },
      });
      expect((second.jobs as Body[]).map((job) => job.jobName)).toEqual(['pumpBeta_2']);
    });

    it('refuses unknown sort fields and bad filter values, naming each', async () => {
      const response = await http()
        .get(
          `${BASE}/jobs?sort=jobName,-colour,jobName&jobStatus=paused&frequency=daily&groupOrDeviceId=x&createdFrom=yesterday&name=`,
        )
        .set(...READ)
        .expect(400);
      expect(response.body).toEqual({
        errors: [
          'name must not be empty.',
          "jobStatus must be one of Active, Inactive; got 'paused'.",
          "groupOrDeviceId must be a device or group id, a whole number; got 'x'.",
          "frequency must be one of once, periodic; got 'daily'.",
          "createdFrom must be a date (2026-11-23) or an ISO-8601 date-time with its offset (2026-11-23T12:00:00.000Z); got 'yesterday'.",
          "sort: 'colour' is not a field jobs can be sorted by; use jobId, jobName, jobCreationDate, modelOrGroup, groupOrDeviceId, frequency, jobStatus, updatedAt, with '-' before a field for descending order.",
          "sort names 'jobName' twice.",
        ],
      });
      await http()
        .get(`${BASE}/jobs?createdFrom=2030-01-01&createdTo=2020-01-01`)
        .set(...READ)
        .expect(400, { errors: ['createdFrom must be before createdTo.'] });
    });
  });

  describe('extension: createdBy', () => {
    it('records who created the job from the caller’s identity', async () => {
      await deleteAll();
      const named = bearer(tokenFor('ADMIN', { sub: 'u-17', preferred_username: 'dora' }));
      expect((await create(activity(), named)).createdBy).toBe('dora');
      expect((await create(activity(), OTHER_ADMIN)).createdBy).toBe('carol');
    });
  });

  describe('extension: Idempotency-Key on POST /job', () => {
    beforeEach(deleteAll);

    const keyed = (key: string, body: unknown, auth = ADMIN): request.Test =>
      postJob(body, auth).set('Idempotency-Key', key);

    it('answers a retry with the first answer and creates the job once', async () => {
      const body = activity();
      const first = await keyed('7b0c9f1e-retry', body).expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      // A job changed since does not change the answer to a retry.
      await http()
        .post(`${BASE}/job/${String(first.body.jobId)}/pause`)
        .set(...ADMIN)
        .expect(200);
      const retry = await keyed('7b0c9f1e-retry', body).expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expectSameJson(retry.body, first.body);
      expect(await jobIds()).toEqual([first.body.jobId]);
    });

    it('treats a body with its fields in another order as the same request', async () => {
      const body = activity();
      const first = await keyed('order', body).expect(201);
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      expect((await keyed('order', reordered).expect(201)).body).toEqual(first.body);
      expect(await jobIds()).toHaveLength(1);
    });

    it('refuses a key reused with another body', async () => {
      await keyed('reused', activity()).expect(201);
      await keyed('reused', activity({ jobName: 'Another' })).expect(409, {
        errors: [
          "Idempotency-Key 'reused' was already used with a different request body; send a new key for a new job.",
        ],
      });
      expect(await jobIds()).toHaveLength(1);
    });

    it('keeps the keys of different callers apart', async () => {
      const body = activity();
      const mine = (await keyed('shared', body).expect(201)).body as Body;
      const theirs = (await keyed('shared', body, OTHER_ADMIN).expect(201)).body as Body;
      expect(theirs.jobId).not.toBe(mine.jobId);
      expect(await jobIds()).toHaveLength(2);
    });

    it('creates one job for simultaneous requests with the same key', async () => {
      const body = activity();
      const answers = await Promise.all(
        [1, 2, 3, 4].map(async () => (await keyed('burst', body).expect(201)).body as Body),
      );
      expect(new Set(answers.map((answer) => answer.jobId)).size).toBe(1);
      expect(await jobIds()).toHaveLength(1);
    });

    it('does not remember refused requests, so a corrected one may reuse the key', async () => {
      await keyed('fix-me', activity({ jobName: '' })).expect(400);
      await keyed('fix-me', activity()).expect(201);
      expect(await jobIds()).toHaveLength(1);
    });

    it('refuses keys that are empty, too long or not visible ASCII', async () => {
      const message = {
        errors: [
          'Idempotency-Key must be given once, as 1 to 255 visible ASCII characters without spaces, such as a UUID.',
        ],
      };
      for (const key of ['', 'a b', 'k'.repeat(256)]) {
        await keyed(key, activity()).expect(400, message);
      }
      expect(await jobIds()).toEqual([]);
    });
  });

  describe('models used by jobs', () => {
    it('refuses to delete a model or group a job uses, until the job is gone', async () => {
      await deleteAll();
      const single = await create(
        activity({ modelOrGroup: 'Disposable', modelToDeviceMappings: { x: 'c8y_T.x.value' } }),
      );
      const grouped = await create(
        activity({
          modelOrGroup: 'AnomalyDetectionModels',
          modelToDeviceMappings: ANOMALY_JOB.modelToDeviceMappings,
        }),
      );
      await http()
        .delete(`${BASE}/model/Disposable`)
        .set(...ADMIN)
        .expect(409, {
          errors: [`Cannot delete: 'Disposable' is used by job(s) ${String(single.jobId)}.`],
        });
      await http()
        .delete(`${BASE}/pmml/groups/AnomalyDetectionModels`)
        .set(...ADMIN)
        .expect(409, {
          errors: [
            `Cannot delete: 'AnomalyDetectionModels' is used by job(s) ${String(grouped.jobId)}.`,
          ],
        });
      await http()
        .delete(`${BASE}/job/${String(single.jobId)}`)
        .set(...ADMIN)
        .expect(200);
      await http()
        .delete(`${BASE}/model/Disposable`)
        .set(...ADMIN)
        .expect(200);
    });
  });

  describe('the OpenAPI document', () => {
    it('describes every job route, the extensions as such', async () => {
      const paths = (await http().get('/api/docs-json').expect(200)).body.paths as Record<
        string,
        Record<string, { summary: string; parameters?: { name: string }[]; responses: Body }>
      >;
      const job = `${BASE}/job/{id}`;
      expect(Object.keys(paths[`${BASE}/job`])).toEqual(['post']);
      expect(Object.keys(paths[`${BASE}/jobs`]).sort()).toEqual(['delete', 'get']);
      expect(Object.keys(paths[job]).sort()).toEqual(['delete', 'get', 'put']);
      for (const operation of [
        paths[job].put,
        paths[`${job}/pause`].post,
        paths[`${job}/resume`].post,
      ]) {
        expect(operation.summary).toMatch(/^Extension: /);
      }
      const create = paths[`${BASE}/job`].post;
      expect(create.parameters?.map((parameter) => parameter.name)).toContain('Idempotency-Key');
      expect(Object.keys(create.responses)).toEqual(
        expect.arrayContaining(['201', '400', '401', '403', '404', '409']),
      );
      expect(paths[`${BASE}/jobs`].get.parameters?.map((parameter) => parameter.name)).toEqual(
        expect.arrayContaining(['pageSize', 'currentPage', 'withTotalPages', 'jobStatus', 'sort']),
      );
    });
  });
});
