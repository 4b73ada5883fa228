// `npm run bench:data`: ingest and window-read speed of the embedded device store, on SQLite
// and, when a MariaDB/MySQL server binary is installed, on a throwaway MariaDB/MySQL server.
import type { INestApplicationContext } from '@nestjs/common';
import {
  DEVICE_DATA_SOURCE,
  type DeviceDataSource,
} from '../src/modules/devices/device-data-source';
import { InventoryService } from '../src/modules/devices/inventory.service';
import { MeasurementsService } from '../src/modules/devices/measurements.service';
import { onBenchDatabases } from './bench-databases';

const SECONDS_PER_DAY = 86_400;
const MEASUREMENTS_PER_POST = 1_000;
/** Posts in flight at once in the concurrent ingest, as several agents or an agent's buffer. */
const CONCURRENT_POSTS = 4;
const DAY_START = Date.UTC(2026, 10, 1);
const SERIES = ['accelerationX', 'accelerationY', 'accelerationZ'];

interface Figures {
  database: string;
  ingestSeconds: number;
  concurrentIngestSeconds: number;
  readSeconds: number;
  records: number;
}

function measurement(device: string, second: number): object {
  return {
    source: { id: device },
    time: new Date(DAY_START + second * 1000).toISOString(),
    type: 'c8y_Acceleration',
    c8y_Acceleration: Object.fromEntries(
      SERIES.map((series, index) => [
        series,
        { value: Math.sin(second / 60 + index) + index, unit: 'g' },
      ]),
    ),
  };
}

async function measure(database: string, app: INestApplicationContext): Promise<Figures> {
  const inventory = app.get(InventoryService);
  const measurements = app.get(MeasurementsService);
  // One day at one measurement a second, three series each, posted 1,000 at a time: one
  // post after the other, then (for a second device) CONCURRENT_POSTS posts in flight.
  const dayOf = async (posters: number): Promise<{ device: string; seconds: number }> => {
    const created = await inventory.create({ name: `bench-${posters}`, c8y_IsDevice: {} });
    const device = String(created.objects[0].id);
    let next = 0;
    const poster = async (): Promise<void> => {
      for (let start = next; start < SECONDS_PER_DAY; start = next) {
        next += MEASUREMENTS_PER_POST;
        const batch: object[] = [];
        for (let second = start; second < start + MEASUREMENTS_PER_POST; second++) {
          batch.push(measurement(device, second));
        }
        await measurements.ingest({ measurements: batch });
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: posters }, poster));
    return { device, seconds: (performance.now() - start) / 1000 };
  };
  const { device, seconds: ingestSeconds } = await dayOf(1);
  const { seconds: concurrentIngestSeconds } = await dayOf(CONCURRENT_POSTS);

  // The day is read three times and the median counts: a service reads windows with warm code.
  const source = app.get<DeviceDataSource>(DEVICE_DATA_SOURCE);
  const readDay = async (): Promise<{ records: number; seconds: number }> => {
    const start = performance.now();
    let records = 0;
    for await (const chunk of source.readWindow({
      deviceId: Number(device),
      from: new Date(DAY_START),
      to: new Date(DAY_START + SECONDS_PER_DAY * 1000),
      toInclusive: false,
      mappings: SERIES.map((series) => ({ input: series, fragment: 'c8y_Acceleration', series })),
    })) {
      records += chunk.times.length;
    }
    return { records, seconds: (performance.now() - start) / 1000 };
  };
  const reads = [await readDay(), await readDay(), await readDay()].sort(
    (a, b) => a.seconds - b.seconds,
  );
  const { records, seconds: readSeconds } = reads[1];
  return { database, ingestSeconds, concurrentIngestSeconds, readSeconds, records };
}

const perSecond = (count: number, seconds: number): string =>
  Math.round(count / seconds)
    .toLocaleString('en-US')
    .padStart(9);

function report(figures: Figures): void {
  const { database, ingestSeconds, concurrentIngestSeconds, records, readSeconds } = figures;
  process.stdout.write(
    `${database.padEnd(8)}  ingest ${perSecond(SECONDS_PER_DAY, ingestSeconds)} measurements/s ` +
      `(${perSecond(SECONDS_PER_DAY * SERIES.length, ingestSeconds).trim()} values/s, ${ingestSeconds.toFixed(2)} s), ` +
      `${CONCURRENT_POSTS} posts at once ${perSecond(SECONDS_PER_DAY, concurrentIngestSeconds)} measurements/s  ` +
      `read ${perSecond(records, readSeconds)} records/s (${records.toLocaleString('en-US')} records, ${readSeconds.toFixed(2)} s)\n`,
  );
}

async function main(): Promise<void> {
  process.stdout.write(
    `One device, one day at 1 Hz: ${SECONDS_PER_DAY.toLocaleString('en-US')} measurements of ${SERIES.length} series, posted ${MEASUREMENTS_PER_POST.toLocaleString('en-US')} at a time through MeasurementsService, one post after the other and ${CONCURRENT_POSTS} at once; then the whole day read through the data source (median of three reads).\n`,
  );
  await onBenchDatabases(async (database, app) => report(await measure(database, app)));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:data failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
