import request from 'supertest';
import { parseCsv } from '../../src/core/csv/csv-format';
import { DEMO_HOURLY_JOB, DEMO_SCAN_JOB } from '../../src/modules/demo/demo-jobs';
import { DEMO_FOREST, DEMO_MODEL_GROUP } from '../../src/modules/demo/demo-models';
import { type DemoSummary, demoSeederOf } from '../../src/modules/demo/demo-seeder';
import {
  DEMO_DEVICE_PROFILES,
  injectedAnomalies,
  MOTION_INPUTS,
  motionSamplesAt,
} from '../../src/modules/demo/synthetic-measurements';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { bearer, tokenFor } from '../utils/tokens';

const BASE = '/service/zementis';
const READ = bearer(tokenFor('READ'));
const ADMIN = bearer(tokenFor('ADMIN'));
const NOW = new Date(Date.UTC(2026, 10, 23, 10, 15, 30));
const END = Date.UTC(2026, 10, 23, 10, 15);
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const iso = (time: number): string => new Date(time).toISOString();
// A full day of three devices takes a few seconds on SQLite and longer on MariaDB.
const SEEDING_TIMEOUT_MS = 180_000;

interface ManagedObjectBody {
  id: string;
  name: string;
  childAssets: { references: { managedObject: { id: string; name: string } }[] };
}

describe.each(testDatabaseKinds())('demo data (%s)', (kind) => {
  let t: TestApp;
  let summary: DemoSummary;

  const get = (path: string): request.Test =>
    request(t.http)
      .get(path)
      .set(...READ);

  // Without the self links, which name the port supertest happened to serve the request on.
  const inventory = async (): Promise<ManagedObjectBody[]> => {
    const response = await get('/inventory/managedObjects?pageSize=100').expect(200);
    const body = JSON.parse(response.text, (key, value: unknown) =>
      key === 'self' ? undefined : value,
    ) as { managedObjects: ManagedObjectBody[] };
    return body.managedObjects;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    summary = await demoSeederOf(t.app).seed({ now: NOW });
  }, SEEDING_TIMEOUT_MS);

  afterAll(async () => {
    await t?.close();
  });

  it('lists the group, its subgroup and the three devices in the inventory', async () => {
    const objects = await inventory();
    const byName = new Map(objects.map((object) => [object.name, object]));

    expect(objects.map((object) => object.name)).toEqual([
      'Demo plant',
      'Demo press line',
      'Demo press 1',
      'Demo press 2',
      'Demo conveyor',
    ]);
    const children = (name: string): string[] =>
      byName.get(name)!.childAssets.references.map((reference) => reference.managedObject.name);
    expect(children('Demo plant')).toEqual(['Demo press line', 'Demo conveyor']);
    expect(children('Demo press line')).toEqual(['Demo press 1', 'Demo press 2']);
    const devices = await get('/inventory/managedObjects?fragmentType=c8y_IsDevice&pageSize=10');
    expect((devices.body as { managedObjects: unknown[] }).managedObjects).toHaveLength(3);
  });

  it('stores a day of acceleration and gyroscope measurements per device, ending at the minute', async () => {
    for (const device of summary.devices) {
      const page = async (query: string): Promise<{ time: string }[]> =>
        (
          (
            await get(`/measurement/measurements?source=${device.id}&pageSize=5${query}`).expect(
              200,
            )
          ).body as { measurements: { time: string }[] }
        ).measurements;

      // Windows around both ends: exactly one measurement in each, at the first and last second.
      const oldest = await page(
        `&dateFrom=${iso(END - DAY_MS - 60_000)}&dateTo=${iso(END - DAY_MS + 1000)}`,
      );
      const newest = await page(`&dateFrom=${iso(END - 1000)}&dateTo=${iso(END + 60_000)}`);
      expect(oldest.map((measurement) => measurement.time)).toEqual([iso(END - DAY_MS)]);
      expect(newest.map((measurement) => measurement.time)).toEqual([iso(END - 1000)]);
      expect(newest[0]).toMatchObject({
        type: 'c8y_MotionMeasurement',
        c8y_Acceleration: { accelerationX: { unit: 'g' } },
        c8y_Gyroscope: { gyroZ: { unit: 'deg/s' } },
      });
      expect(device.valuesWritten).toBe(86_400 * 6);
    }
  });

  it('lists the demo models and their group', async () => {
    const models = await get(`${BASE}/models`).expect(200);
    expect(models.body).toEqual({
      models: expect.arrayContaining([
        DEMO_FOREST,
        'DemoVibrationLevel',
        'DemoMotionState',
      ]) as unknown,
    });
    const group = await get(`${BASE}/pmml/groups/${DEMO_MODEL_GROUP}`).expect(200);
    expect(group.body).toMatchObject({ groupName: DEMO_MODEL_GROUP, primaryModel: DEMO_FOREST });
  });

  it('scores generated readings with the isolation forest: the shocks are outliers, ordinary readings not', async () => {
    const shocks = injectedAnomalies(0)
      .filter((anomaly) => anomaly.kind === 'shock')
      .map((anomaly) => anomaly.from);
    const ordinary = Array.from({ length: 20 }, (_, index) => 600 + index);
    const samples = motionSamplesAt(
      { profile: DEMO_DEVICE_PROFILES[0], start: 0, anomalies: injectedAnomalies(0) },
      [...ordinary, ...shocks],
    );
    const csv = [
      MOTION_INPUTS.join(','),
      ...samples.map((sample) => MOTION_INPUTS.map((input) => sample[input]).join(',')),
    ].join('\n');

    const response = await request(t.http)
      .post(`${BASE}/apply/${DEMO_FOREST}`)
      .set(...READ)
      .set('Content-Type', 'text/csv')
      .send(`${csv}\n`)
      .expect(200);

    const { header, rows } = parseCsv(response.text);
    expect(header).toEqual(
      expect.arrayContaining(['decisionFunction', 'outlier', 'predict(outlier)']),
    );
    const outlier = header.indexOf('outlier');
    const flags = rows.map((row) => row[outlier]);
    expect(flags).toHaveLength(24);
    expect(flags.slice(20)).toEqual(['true', 'true', 'true', 'true']);
    expect(flags.slice(0, 20).filter((flag) => flag === 'false').length).toBeGreaterThanOrEqual(18);
  });

  it('makes the example jobs; run now, the scan scores the last hour of every device', async () => {
    expect(summary.jobs.map((job) => ('id' in job ? job.name : job.skipped))).toEqual([
      DEMO_SCAN_JOB,
      DEMO_HOURLY_JOB,
    ]);
    const scan = summary.jobs[0] as { id: number };
    const job = await get(`${BASE}/job/${scan.id}`).expect(200);
    expect(job.body).toMatchObject({
      modelOrGroup: DEMO_FOREST,
      groupOrDeviceId: summary.group.id,
      jobSchedule: { frequency: 'once', dataFrom: iso(END - HOUR_MS), dataTo: iso(END) },
    });
    const started = await request(t.http)
      .post(`${BASE}/job/${scan.id}/run`)
      .set(...ADMIN)
      .expect(202);
    const number = (started.body as { jobExecutionNumber: number }).jobExecutionNumber;
    let status = '';
    for (
      let tries = 0;
      tries < 300 && !['Success', 'Warning', 'Failure'].includes(status);
      tries++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const execution = await get(`${BASE}/job/${scan.id}/history/${number}`).expect(200);
      status = (execution.body as { jobExecutionStatus: string }).jobExecutionStatus;
    }
    expect(status).toBe('Success');
    const inferences = await get(
      `${BASE}/job/${scan.id}/history/${number}/inferences?withTotalPages=true`,
    ).expect(200);
    const body = inferences.body as {
      statistics: { numberOfDevices: number };
      inferenceCollection: {
        recordSize: number;
        recordCollection: { outputRecords: Record<string, unknown[]> }[];
      }[];
    };
    // Three devices, an hour at one reading a second (the end of the window included).
    expect(body.statistics.numberOfDevices).toBe(3);
    expect(body.inferenceCollection.map((device) => device.recordSize)).toEqual([2000, 2000, 2000]);
    expect(Object.keys(body.inferenceCollection[0].recordCollection[0].outputRecords)).toContain(
      'outlier',
    );
  });

  it('changes nothing when it runs again later', async () => {
    const before = await inventory();

    const again = await demoSeederOf(t.app).seed({ now: new Date(NOW.getTime() + 3_600_000) });

    expect(await inventory()).toEqual(before);
    expect([again.group, again.subgroup, ...again.devices].map((object) => object.id)).toEqual(
      [summary.group, summary.subgroup, ...summary.devices].map((object) => object.id),
    );
    expect(again.devices.every((device) => !device.created && device.valuesWritten === 0)).toBe(
      true,
    );
    expect(again.devices.map((device) => device.from)).toEqual(
      summary.devices.map(() => END - DAY_MS),
    );
    expect(again.models.every((model) => !model.created)).toBe(true);
    expect(again.modelGroup).toMatchObject({ created: false });
    expect(again.jobs).toEqual(summary.jobs.map((job) => ({ ...job, created: false })));
    const later = await get(
      `/measurement/measurements?source=${summary.devices[0].id}&dateFrom=${iso(END)}`,
    ).expect(200);
    expect((later.body as { measurements: unknown[] }).measurements).toEqual([]);
    const models = await get(`${BASE}/models`).expect(200);
    expect((models.body as { models: string[] }).models).toHaveLength(3);
  });
});
