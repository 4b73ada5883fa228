import { NotFoundError, ValidationError } from '../../core/errors/domain-errors';
import { InventoryService, type ManagedObjectsView } from '../devices/inventory.service';
import type { ManagedObjectEntity } from '../devices/managed-object.entity';
import {
  MeasurementsRepository,
  type MeasurementValueRow,
} from '../devices/measurements.repository';
import type { Job, JobView } from '../jobs/job';
import { JobsService } from '../jobs/jobs.service';
import { ModelGroupsService } from '../models/model-groups.service';
import { type ModelInfo, ModelsService } from '../models/models.service';
import {
  DEMO_FOREST,
  DEMO_MODEL_GROUP,
  DEMO_MOTION_STATE,
  DEMO_VIBRATION_LEVEL,
} from './demo-models';
import { DEMO_HOURLY_JOB, DEMO_SCAN_JOB } from './demo-jobs';
import { DEMO_USER, DemoSeeder } from './demo-seeder';
import { strictMock } from '../../../test/utils/strict-mock';

type JobBody = Record<string, unknown> & {
  groupOrDeviceId: number;
  jobSchedule: Record<string, unknown>;
  modelToDeviceMappings: Record<string, string>;
};

const NOW = new Date(Date.UTC(2026, 10, 23, 10, 15, 42, 500));
const END = Date.UTC(2026, 10, 23, 10, 15);
const MODELS = [DEMO_FOREST, DEMO_VIBRATION_LEVEL, DEMO_MOTION_STATE];
const NAMES = ['Demo plant', 'Demo press line', 'Demo press 1', 'Demo press 2', 'Demo conveyor'];

const entity = (id: number, name: string): ManagedObjectEntity => ({
  id,
  name,
  type: '',
  isDevice: false,
  isGroup: false,
  fragments: {},
  creationTime: NOW,
  lastUpdated: NOW,
});

const view = (objects: ManagedObjectEntity[]): ManagedObjectsView => ({
  objects,
  references: [],
  names: new Map(),
});

function setUp() {
  const inventory = strictMock(InventoryService);
  const measurements = strictMock(MeasurementsRepository);
  const models = strictMock(ModelsService);
  const groups = strictMock(ModelGroupsService);
  const jobs = strictMock(JobsService);
  let nextJobId = 100;
  jobs.list.mockResolvedValue({ items: [], hasNext: false, totalCount: null });
  jobs.create.mockImplementation(() =>
    Promise.resolve({ status: 201, body: { jobId: nextJobId++ } as JobView, replayed: false }),
  );
  inventory.addReference.mockImplementation((_, __, body) =>
    Promise.resolve(
      entity(Number((body as { managedObject: { id: string } }).managedObject.id), ''),
    ),
  );
  return {
    inventory,
    measurements,
    models,
    groups,
    jobs,
    seeder: new DemoSeeder(inventory, measurements, models, groups, jobs),
  };
}

type Mocks = ReturnType<typeof setUp>;

function withNothingThere({
  inventory,
  measurements,
  models,
  groups,
}: Mocks): MeasurementValueRow[][] {
  let nextId = 1;
  inventory.list.mockResolvedValue({ items: [view([])], hasNext: false, totalCount: null });
  inventory.create.mockImplementation((body) =>
    Promise.resolve(view([entity(nextId++, (body as { name: string }).name)])),
  );
  measurements.findSeriesId.mockResolvedValue(undefined);
  measurements.seriesId.mockImplementation((_, series) => Promise.resolve(series.length));
  const writes: MeasurementValueRow[][] = [];
  measurements.upsertValues.mockImplementation((rows) => {
    writes.push([...rows]);
    return Promise.resolve();
  });
  models.listNames.mockResolvedValue([]);
  models.upload.mockResolvedValue({} as ModelInfo);
  groups.get.mockRejectedValue(new NotFoundError('no such group'));
  return writes;
}

describe('DemoSeeder', () => {
  it('creates the group tree, a window of measurements ending at the minute, the models and their group', async () => {
    const mocks = setUp();
    const writes = withNothingThere(mocks);
    mocks.groups.create.mockImplementation((group) =>
      Promise.resolve({
        groupName: group.groupName,
        models: group.models,
        primaryModel: DEMO_FOREST,
      }),
    );

    const summary = await mocks.seeder.seed({ now: NOW, seconds: 120 });

    expect(
      [summary.group, summary.subgroup, ...summary.devices].map((o) => [o.id, o.name, o.created]),
    ).toEqual(NAMES.map((name, index) => [index + 1, name, true]));
    expect(mocks.inventory.create.mock.calls.map(([body]) => body)).toEqual([
      { name: 'Demo plant', type: 'c8y_DeviceGroup', c8y_IsDeviceGroup: {} },
      { name: 'Demo press line', type: 'c8y_DeviceSubgroup', c8y_IsDeviceGroup: {} },
      ...['Demo press 1', 'Demo press 2', 'Demo conveyor'].map((name, index) => ({
        name,
        type: 'scorecast_DemoImu',
        c8y_IsDevice: {},
        c8y_SupportedMeasurements: ['c8y_Acceleration', 'c8y_Gyroscope'],
        c8y_Hardware: { model: 'Scorecast demo IMU', serialNumber: `DEMO-000${index + 1}` },
      })),
    ]);
    expect(
      mocks.inventory.addReference.mock.calls.map(([parent, kind, body]) => [parent, kind, body]),
    ).toEqual([
      [1, 'childAssets', { managedObject: { id: '2' } }],
      [2, 'childAssets', { managedObject: { id: '3' } }],
      [2, 'childAssets', { managedObject: { id: '4' } }],
      [1, 'childAssets', { managedObject: { id: '5' } }],
    ]);

    const rows = writes.flat();
    expect(rows).toHaveLength(3 * 120 * 6);
    const times = rows.filter((row) => row.source === 3).map((row) => row.time);
    expect(Math.min(...times)).toBe(END - 120_000);
    expect(Math.max(...times)).toBe(END - 1000);
    expect(rows[0]).toMatchObject({ source: 3, type: 'c8y_MotionMeasurement', unit: 'g' });
    expect(rows[3]).toMatchObject({ source: 3, unit: 'deg/s' });
    expect(summary.devices.map((device) => [device.from, device.valuesWritten])).toEqual([
      [END - 120_000, 720],
      [END - 120_000, 720],
      [END - 120_000, 720],
    ]);

    expect(mocks.models.upload.mock.calls.map(([, fileName, by]) => [fileName, by])).toEqual(
      MODELS.map((name) => [`${name}.pmml`, DEMO_USER]),
    );
    expect(mocks.groups.create).toHaveBeenCalledWith(
      { groupName: DEMO_MODEL_GROUP, models: MODELS, primaryModel: DEMO_FOREST },
      DEMO_USER,
    );
    expect(summary.models).toEqual(MODELS.map((name) => ({ name, created: true })));
    expect(summary.modelGroup).toEqual({
      name: DEMO_MODEL_GROUP,
      created: true,
      models: MODELS,
      primaryModel: DEMO_FOREST,
    });
    expect(summary.jobs).toEqual([
      { name: DEMO_SCAN_JOB, id: 100, created: true },
      { name: DEMO_HOURLY_JOB, id: 101, created: true },
    ]);
    const [scan, hourly] = mocks.jobs.create.mock.calls.map(([body]) => body as JobBody);
    // Once, half a minute after seeding (by the real clock), over the last hour of the
    // measurements; on the group.
    expect(scan.groupOrDeviceId).toBe(1);
    expect(scan.jobSchedule).toMatchObject({
      frequency: 'once',
      dataFrom: new Date(END - 3_600_000).toISOString(),
      dataTo: new Date(END).toISOString(),
    });
    const dueIn = Date.parse(scan.jobSchedule.scheduleAt as string) - Date.now();
    expect(dueIn).toBeGreaterThan(20_000);
    expect(dueIn).toBeLessThanOrEqual(30_000);
    expect(scan.modelToDeviceMappings).toMatchObject({
      accelerationX: 'c8y_Acceleration.accelerationX.value',
    });
    expect(hourly).toMatchObject({ modelOrGroup: DEMO_MODEL_GROUP, applyAllModels: true });
  });

  it('keeps what is there: objects found by name, their measurements, the models and the group', async () => {
    const mocks = setUp();
    const existing = NAMES.map((name, index) => entity(10 + index, name));
    mocks.inventory.list.mockImplementation((filter) =>
      Promise.resolve({
        items: [view(filter.kind === 'group' ? existing.slice(0, 2) : existing.slice(2))],
        hasNext: false,
        totalCount: null,
      }),
    );
    mocks.measurements.findSeriesId.mockResolvedValue(1);
    mocks.measurements.readSeries.mockResolvedValue({
      times: Float64Array.of(END - 86_400_000),
      values: Float64Array.of(1),
    });
    mocks.models.listNames.mockResolvedValue([...MODELS, 'Other']);
    mocks.groups.get.mockResolvedValue({
      groupName: DEMO_MODEL_GROUP,
      models: MODELS,
      primaryModel: DEMO_FOREST,
    });
    mocks.jobs.list.mockResolvedValue({
      items: [DEMO_SCAN_JOB, DEMO_HOURLY_JOB].map(
        (jobName, index) => ({ jobId: 7 + index, definition: { jobName } }) as Job,
      ),
      hasNext: false,
      totalCount: null,
    });

    const summary = await mocks.seeder.seed({ now: NOW });

    expect(
      [summary.group, summary.subgroup, ...summary.devices].map((o) => [o.id, o.created]),
    ).toEqual(NAMES.map((_, index) => [10 + index, false]));
    expect(summary.devices.map((device) => [device.from, device.valuesWritten])).toEqual(
      Array(3).fill([END - 86_400_000, 0]),
    );
    expect(summary.models.every((model) => !model.created)).toBe(true);
    expect(summary.modelGroup).toMatchObject({ created: false });
    expect(summary.jobs).toEqual([
      { name: DEMO_SCAN_JOB, id: 7, created: false },
      { name: DEMO_HOURLY_JOB, id: 8, created: false },
    ]);
    // The references are added again; adding one that exists changes nothing.
    expect(mocks.inventory.addReference).toHaveBeenCalledTimes(4);
  });

  it('reports a model group it cannot make instead of failing', async () => {
    const mocks = setUp();
    withNothingThere(mocks);
    mocks.models.listNames.mockResolvedValue(MODELS);
    mocks.groups.create.mockRejectedValue(
      new ValidationError(`Model '${DEMO_MOTION_STATE}' already belongs to group 'Mine'.`),
    );

    const summary = await mocks.seeder.seed({ now: NOW, seconds: 1 });

    expect(summary.modelGroup).toEqual({
      name: DEMO_MODEL_GROUP,
      skipped: `Model '${DEMO_MOTION_STATE}' already belongs to group 'Mine'.`,
    });
  });
});
