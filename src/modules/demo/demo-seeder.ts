import type { INestApplicationContext } from '@nestjs/common';
import { ConflictError, DomainError, NotFoundError } from '../../core/errors/domain-errors';
import { MAX_PAGE_SIZE } from '../../core/http/paging';
import { InventoryService } from '../devices/inventory.service';
import type { ReferenceKind } from '../devices/managed-object-reference.entity';
import {
  MeasurementsRepository,
  type MeasurementValueRow,
} from '../devices/measurements.repository';
import { readJobListQuery } from '../jobs/job-list-query';
import { JobsService } from '../jobs/jobs.service';
import { ModelGroupsService } from '../models/model-groups.service';
import { ModelsService } from '../models/models.service';
import { demoJobRequests } from './demo-jobs';
import { DEMO_FOREST, DEMO_MODEL_GROUP, demoModels } from './demo-models';
import {
  DEMO_DEVICE_PROFILES,
  type DeviceProfile,
  injectedAnomalies,
  type InjectedAnomaly,
  MOTION_MEASUREMENT_TYPE,
  MOTION_SERIES,
  motionChunks,
  SAMPLE_INTERVAL_MS,
  SECONDS_PER_DAY,
} from './synthetic-measurements';

/** Who the demo's models, group and jobs are created by. */
export const DEMO_USER = 'scorecast-demo';

const DEMO_IDENTITY = {
  id: DEMO_USER,
  userName: DEMO_USER,
  roles: ['ADMIN' as const],
  method: 'jwt' as const,
};

const GROUP_TYPE = 'c8y_DeviceGroup';
const SUBGROUP_TYPE = 'c8y_DeviceSubgroup';
const DEVICE_TYPE = 'scorecast_DemoImu';
const DEMO_GROUP = 'Demo plant';
const DEMO_SUBGROUP = 'Demo press line';

/** The demo devices: two in the subgroup, one straight in the group. */
const DEMO_DEVICES: readonly { name: string; inSubgroup: boolean }[] = [
  { name: 'Demo press 1', inSubgroup: true },
  { name: 'Demo press 2', inSubgroup: true },
  { name: 'Demo conveyor', inSubgroup: false },
];

// Half an hour of one device a transaction: few enough statements per commit to stay fast,
// small enough that requests served meanwhile (DEMO_DATA) do not wait long.
const SAMPLES_PER_WRITE = 1800;

export interface DemoObject {
  id: number;
  name: string;
  /** False when it was there already (found by name). */
  created: boolean;
}

export interface DemoDevice extends DemoObject {
  /** The first instant of its measurements (ms). */
  from: number;
  /** Values written now; 0 when the device had measurements already, which are kept. */
  valuesWritten: number;
  anomalies: InjectedAnomaly[];
}

export interface DemoSummary {
  group: DemoObject;
  subgroup: DemoObject;
  devices: DemoDevice[];
  /** Seconds of measurements per device, one a second. */
  seconds: number;
  models: { name: string; created: boolean }[];
  modelGroup:
    | { name: string; created: boolean; models: string[]; primaryModel: string }
    | {
        name: string;
        /** Why the group could not be made (its models were changed by hand). */
        skipped: string;
      };
  /** The example jobs; `skipped` says why one could not be made. */
  jobs: ({ name: string; id: number; created: boolean } | { name: string; skipped: string })[];
}

export interface DemoOptions {
  /** The measurements end at this instant, rounded down to the minute (default: now). */
  now?: Date;
  /** Seconds of measurements per device (default: a day). */
  seconds?: number;
  /** Told what is being written, for long runs. */
  progress?: (message: string) => void;
}

// The largest instant a Date can hold.
const LAST_DATE_MS = 8.64e15;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Creates the demo: a group with a subgroup and three devices, a day of 1 Hz acceleration and
 * gyroscope measurements with injected faults for each, three models (an isolation forest
 * trained here among them), a model group of them and two example jobs. Safe to run again:
 * what exists (found by name) is kept, nothing is duplicated.
 */
export class DemoSeeder {
  constructor(
    private readonly inventory: InventoryService,
    private readonly measurements: MeasurementsRepository,
    private readonly models: ModelsService,
    private readonly modelGroups: ModelGroupsService,
    private readonly jobs: JobsService,
  ) {}

  async seed(options: DemoOptions = {}): Promise<DemoSummary> {
    const progress = options.progress ?? ((): void => undefined);
    const seconds = options.seconds ?? SECONDS_PER_DAY;
    const end = Math.floor((options.now ?? new Date()).getTime() / 60_000) * 60_000;
    const start = end - seconds * SAMPLE_INTERVAL_MS;

    const group = await this.findOrCreate('group', GROUP_TYPE, DEMO_GROUP);
    const subgroup = await this.findOrCreate('group', SUBGROUP_TYPE, DEMO_SUBGROUP);
    await this.addChild(group.id, 'childAssets', subgroup.id);
    const devices: DemoDevice[] = [];
    for (const [index, device] of DEMO_DEVICES.entries()) {
      const object = await this.findOrCreate('device', DEVICE_TYPE, device.name, index);
      await this.addChild(device.inSubgroup ? subgroup.id : group.id, 'childAssets', object.id);
      const anomalies = injectedAnomalies(index);
      const firstTime = await this.firstMeasurementTime(object.id);
      if (firstTime !== undefined) {
        devices.push({ ...object, from: firstTime, valuesWritten: 0, anomalies });
        continue;
      }
      progress(`writing ${seconds} s of measurements of ${device.name} (id ${object.id})`);
      const profile = DEMO_DEVICE_PROFILES[index];
      const valuesWritten = await this.writeMeasurements(
        object.id,
        profile,
        anomalies,
        start,
        seconds,
      );
      devices.push({ ...object, from: start, valuesWritten, anomalies });
    }
    const models = await this.uploadModels(progress);
    const modelGroup = await this.createModelGroup(models.map((model) => model.name));
    // The jobs are due after the real clock, whatever instant the measurements end at.
    const jobs = await this.createJobs(group.id, end, new Date());
    return { group, subgroup, devices, seconds, models, modelGroup, jobs };
  }

  private async findOrCreate(
    kind: 'device' | 'group',
    type: string,
    name: string,
    deviceIndex = 0,
  ): Promise<DemoObject> {
    const page = await this.inventory.list(
      { kind, type },
      { pageSize: MAX_PAGE_SIZE, currentPage: 1, withTotalPages: false },
    );
    const found = page.items[0]?.objects.find((object) => object.name === name);
    if (found) return { id: found.id, name, created: false };
    const body =
      kind === 'group'
        ? { name, type, c8y_IsDeviceGroup: {} }
        : {
            name,
            type,
            c8y_IsDevice: {},
            c8y_SupportedMeasurements: MOTION_SERIES.map((series) => series.fragment).filter(
              (fragment, index, all) => all.indexOf(fragment) === index,
            ),
            c8y_Hardware: {
              model: 'Scorecast demo IMU',
              serialNumber: `DEMO-${String(deviceIndex + 1).padStart(4, '0')}`,
            },
          };
    const created = await this.inventory.create(body);
    return { id: created.objects[0].id, name, created: true };
  }

  private async addChild(parentId: number, kind: ReferenceKind, childId: number): Promise<void> {
    await this.inventory.addReference(parentId, kind, { managedObject: { id: String(childId) } });
  }

  private async firstMeasurementTime(deviceId: number): Promise<number | undefined> {
    const { fragment, series } = MOTION_SERIES[0];
    const seriesId = await this.measurements.findSeriesId(fragment, series);
    if (seriesId === undefined) return undefined;
    const page = await this.measurements.readSeries(
      deviceId,
      seriesId,
      { from: 0, to: LAST_DATE_MS, toInclusive: true },
      1,
    );
    return page.times.length > 0 ? page.times[0] : undefined;
  }

  private async writeMeasurements(
    deviceId: number,
    profile: DeviceProfile,
    anomalies: InjectedAnomaly[],
    start: number,
    seconds: number,
  ): Promise<number> {
    const series = await Promise.all(
      MOTION_SERIES.map(async (entry) => ({
        ...entry,
        id: await this.measurements.seriesId(entry.fragment, entry.series),
      })),
    );
    let written = 0;
    for (const chunk of motionChunks({ profile, start, anomalies, seconds }, SAMPLES_PER_WRITE)) {
      const rows: MeasurementValueRow[] = [];
      for (const sample of chunk) {
        for (const entry of series) {
          rows.push({
            source: deviceId,
            seriesId: entry.id,
            time: sample.time,
            value: sample[entry.input],
            type: MOTION_MEASUREMENT_TYPE,
            unit: entry.unit,
          });
        }
      }
      await this.measurements.upsertValues(rows);
      written += rows.length;
      // Lets a running service answer requests between the writes.
      await nextTurn();
    }
    return written;
  }

  private async uploadModels(
    progress: (message: string) => void,
  ): Promise<{ name: string; created: boolean }[]> {
    const existing = new Set(await this.models.listNames());
    const results: { name: string; created: boolean }[] = [];
    for (const model of demoModels()) {
      if (existing.has(model.name)) {
        results.push({ name: model.name, created: false });
        continue;
      }
      progress(`uploading model ${model.name}`);
      try {
        await this.models.upload(Buffer.from(model.pmml()), `${model.name}.pmml`, DEMO_USER);
        results.push({ name: model.name, created: true });
      } catch (error) {
        // Another process seeding at the same time uploaded it first.
        if (!(error instanceof ConflictError)) throw error;
        results.push({ name: model.name, created: false });
      }
    }
    return results;
  }

  private async createJobs(
    groupId: number,
    dataEnd: number,
    now: Date,
  ): Promise<DemoSummary['jobs']> {
    const listed = await this.jobs.list(
      readJobListQuery(
        { name: 'Demo', pageSize: String(MAX_PAGE_SIZE) },
        { withTotalPages: false },
      ),
    );
    const results: DemoSummary['jobs'] = [];
    for (const request of demoJobRequests(groupId, dataEnd, now)) {
      const existing = listed.items.find((job) => job.definition.jobName === request.jobName);
      if (existing) {
        results.push({ name: request.jobName, id: existing.jobId, created: false });
        continue;
      }
      try {
        const created = await this.jobs.create(request.body, DEMO_IDENTITY, undefined);
        results.push({ name: request.jobName, id: created.body.jobId, created: true });
      } catch (error) {
        // The models or group were changed by hand, or device data comes from a tenant.
        if (!(error instanceof DomainError)) throw error;
        results.push({ name: request.jobName, skipped: error.messages.join(' ') });
      }
    }
    return results;
  }

  private async createModelGroup(models: string[]): Promise<DemoSummary['modelGroup']> {
    try {
      const group = await this.modelGroups.get(DEMO_MODEL_GROUP);
      return {
        name: group.groupName,
        created: false,
        models: group.models,
        primaryModel: group.primaryModel,
      };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    try {
      const group = await this.modelGroups.create(
        { groupName: DEMO_MODEL_GROUP, models, primaryModel: DEMO_FOREST },
        DEMO_USER,
      );
      return {
        name: group.groupName,
        created: true,
        models: group.models,
        primaryModel: group.primaryModel,
      };
    } catch (error) {
      // Someone changed the demo models by hand (grouped or deleted one): keep what they did.
      if (!(error instanceof DomainError)) throw error;
      return { name: DEMO_MODEL_GROUP, skipped: error.message };
    }
  }
}

/** The seeder over the services of a running application or CLI context. */
export function demoSeederOf(context: INestApplicationContext): DemoSeeder {
  return new DemoSeeder(
    context.get(InventoryService),
    context.get(MeasurementsRepository),
    context.get(ModelsService),
    context.get(ModelGroupsService),
    context.get(JobsService),
  );
}
