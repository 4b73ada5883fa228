// `npm run bench:jobs`: one job end to end (read, score, store) at 100 times the Zementis
// document's example: 2 devices × 175,000 records, scored by 4 isolation forests of 100 trees
// (a model group with applyAllModels), on SQLite and, when a MariaDB/MySQL server binary is
// installed, on a throwaway server. The document's run: 14,000 record-model scorings in 8.93 s.
import type { INestApplicationContext } from '@nestjs/common';
import { DatabaseService } from '../src/core/database/database.service';
import { isolationForestPmml } from '../src/modules/demo/isolation-forest-pmml';
import { trainIsolationForest } from '../src/modules/demo/isolation-forest-trainer';
import { seededRandom } from '../src/modules/demo/seeded-random';
import { InventoryService } from '../src/modules/devices/inventory.service';
import {
  MeasurementsRepository,
  type MeasurementValueRow,
} from '../src/modules/devices/measurements.repository';
import { ExecutionLauncher } from '../src/modules/executions/execution-launcher';
import { JobsService } from '../src/modules/jobs/jobs.service';
import { ModelGroupsService } from '../src/modules/models/model-groups.service';
import { ModelsService } from '../src/modules/models/models.service';
import { onBenchDatabases } from './bench-databases';

const DEVICES = 2;
const RECORDS_PER_DEVICE = 175_000;
const MODELS = 4;
const TREES = 100;
// 175,000 records 400 ms apart span 19.4 hours: one window of a once job (at most 24 hours).
const INTERVAL_MS = 400;
const FEATURES = ['accelerationX', 'accelerationY', 'accelerationZ', 'gyroX', 'gyroY', 'gyroZ'];
const FRAGMENT = 'c8y_Motion';
const VALUES_PER_WRITE = 60_000;
const BENCH_USER = {
  id: 'bench',
  userName: 'bench',
  roles: ['ADMIN' as const],
  method: 'jwt' as const,
};

interface Figures {
  database: string;
  scorings: number;
  seconds: number;
  status: string;
}

function forestDocument(index: number): string {
  const random = seededRandom(1000 + index);
  const rows = Array.from({ length: 4096 }, () => FEATURES.map(() => random() * 2 - 1));
  const forest = trainIsolationForest(FEATURES, rows, {
    trees: TREES,
    maxSamples: 256,
    seed: 7 + index,
  });
  return isolationForestPmml(forest, {
    modelName: `BenchForest${index + 1}`,
    description: `IsolationForest(n_estimators=${TREES}, max_samples=256) on uniform noise`,
  });
}

async function writeDevice(
  measurements: MeasurementsRepository,
  deviceId: number,
  seriesIds: number[],
  start: number,
  seed: number,
): Promise<void> {
  const random = seededRandom(seed);
  let rows: MeasurementValueRow[] = [];
  for (let record = 0; record < RECORDS_PER_DEVICE; record++) {
    const time = start + record * INTERVAL_MS;
    for (const seriesId of seriesIds) {
      rows.push({
        source: deviceId,
        seriesId,
        time,
        value: random() * 2 - 1,
        type: FRAGMENT,
        unit: '',
      });
    }
    if (rows.length >= VALUES_PER_WRITE) {
      await measurements.upsertValues(rows);
      rows = [];
    }
  }
  await measurements.upsertValues(rows);
}

async function measure(database: string, app: INestApplicationContext): Promise<Figures> {
  const db = app.get(DatabaseService);
  const inventory = app.get(InventoryService);
  const measurements = app.get(MeasurementsRepository);
  const models = app.get(ModelsService);

  const group = (await inventory.create({ name: 'bench group', c8y_IsDeviceGroup: {} })).objects[0]
    .id;
  const seriesIds = await Promise.all(
    FEATURES.map((feature) => measurements.seriesId(FRAGMENT, feature)),
  );
  const end = Math.floor(Date.now() / 1000) * 1000 - 60_000;
  const start = end - RECORDS_PER_DEVICE * INTERVAL_MS;
  for (let device = 0; device < DEVICES; device++) {
    const id = (await inventory.create({ name: `bench ${device + 1}`, c8y_IsDevice: {} }))
      .objects[0].id;
    await inventory.addReference(group, 'childAssets', { managedObject: { id: String(id) } });
    await writeDevice(measurements, id, seriesIds, start, device + 1);
  }
  const names: string[] = [];
  for (let index = 0; index < MODELS; index++) {
    const name = `BenchForest${index + 1}`;
    await models.upload(Buffer.from(forestDocument(index)), `${name}.pmml`, 'bench');
    names.push(name);
  }
  await app
    .get(ModelGroupsService)
    .create({ groupName: 'BenchForests', models: names, primaryModel: names[0] }, 'bench');
  const created = await app.get(JobsService).create(
    {
      jobName: 'bench',
      modelOrGroup: 'BenchForests',
      applyAllModels: true,
      groupOrDeviceId: group,
      modelToDeviceMappings: Object.fromEntries(
        FEATURES.map((feature) => [feature, `${FRAGMENT}.${feature}.value`]),
      ),
      jobSchedule: {
        frequency: 'once',
        // Far enough ahead that only the run below happens.
        scheduleAt: new Date(Date.now() + 3_600_000).toISOString(),
        dataFrom: new Date(start).toISOString(),
        dataTo: new Date(end).toISOString(),
      },
    },
    BENCH_USER,
    undefined,
  );
  const jobs = app.get(JobsService);
  const job = await jobs.get(String(created.body.jobId));

  const began = performance.now();
  const number = await app.get(ExecutionLauncher).launch(job, new Date(), 'manual');
  let status = 'Queued';
  while (status === 'Queued' || status === 'Running') {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [row] = await db.query<{ status: string }>(
      'SELECT status FROM job_executions WHERE job_id = ? AND execution_number = ?',
      [job.jobId, number],
    );
    status = row.status;
  }
  const seconds = (performance.now() - began) / 1000;
  return { database, scorings: DEVICES * RECORDS_PER_DEVICE * MODELS, seconds, status };
}

function report({ database, scorings, seconds, status }: Figures): void {
  process.stdout.write(
    `${database.padEnd(8)}  ${scorings.toLocaleString('en-US')} record-model scorings in ${seconds.toFixed(2)} s: ` +
      `${Math.round(scorings / seconds).toLocaleString('en-US')} per second (${status}); ` +
      `the document's Zementis run: 1,568 per second\n`,
  );
}

async function main(): Promise<void> {
  process.stdout.write(
    `One once job on a group of ${DEVICES} devices × ${RECORDS_PER_DEVICE.toLocaleString('en-US')} records of ${FEATURES.length} series, ${MODELS} isolation forests of ${TREES} trees (applyAllModels), from launch to the stored end.\n`,
  );
  await onBenchDatabases(async (database, app) => report(await measure(database, app)));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:jobs failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
