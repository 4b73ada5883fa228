import request from 'supertest';
import { DatabaseService } from '../../src/core/database/database.service';
import { MeasurementRetention } from '../../src/modules/devices/measurement-retention';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { bearer, tokenFor } from '../utils/tokens';

const ADMIN = bearer(tokenFor('ADMIN'));
const DAY_MS = 24 * 60 * 60 * 1000;
const RETENTION_DAYS = 30;
const BATCH = 7;
// Purges are run as of this instant, values placed around its cutoff. It lies in the future so
// that the app's own purge at start (as of the real clock) can never take any of them.
const NOW = Date.UTC(2100, 0, 1, 12, 0, 0);
const CUTOFF = NOW - RETENTION_DAYS * DAY_MS;

function measurement(source: string, time: number, value: number): object {
  return {
    source: { id: source },
    time: new Date(time).toISOString(),
    type: 'c8y_Temperature',
    c8y_Temperature: { T: { value, unit: 'C' } },
    c8y_Humidity: { h: { value: value / 2, unit: '%' } },
  };
}

describe.each(testDatabaseKinds())('measurement retention (%s)', (kind) => {
  let t: TestApp;
  let devices: string[];

  beforeAll(async () => {
    t = await startTestApp(kind, {
      env: {
        MEASUREMENT_RETENTION_DAYS: String(RETENTION_DAYS),
        MEASUREMENT_PURGE_BATCH: String(BATCH),
      },
    });
    devices = [];
    for (const name of ['Boiler', 'Chiller']) {
      const created = await request(t.http)
        .post('/inventory/managedObjects')
        .set(...ADMIN)
        .send({ name, c8y_IsDevice: {} })
        .expect(201);
      devices.push((created.body as { id: string }).id);
    }
  });
  afterAll(() => t.close());

  async function store(measurements: object[]): Promise<void> {
    await request(t.http)
      .post('/measurement/measurements')
      .set(...ADMIN)
      .send({ measurements })
      .expect(201);
  }

  async function storedTimes(): Promise<number[]> {
    const rows = await t.app
      .get(DatabaseService)
      .queryArrays('SELECT time FROM measurement_values ORDER BY time, source, series_id');
    return rows.map((row) => Number(row[0]));
  }

  it('deletes only values older than the retention, batch after batch', async () => {
    const old = [CUTOFF - 1, CUTOFF - 60_000, CUTOFF - 20 * DAY_MS, CUTOFF - 400 * DAY_MS];
    const kept = [CUTOFF, CUTOFF + 1, NOW - DAY_MS, NOW];
    // 2 devices x 2 series x 4 instants: 16 old values, 16 to keep.
    await store(
      devices.flatMap((device, d) =>
        [...old, ...kept].map((time, i) => measurement(device, time, d * 10 + i)),
      ),
    );

    const outcome = await t.app.get(MeasurementRetention).purgeExpired(NOW);

    expect(outcome).toEqual({ deleted: 16, batches: 3, cutoff: CUTOFF });
    expect(await storedTimes()).toEqual(kept.flatMap((time) => [time, time, time, time]));
    const again = await t.app.get(MeasurementRetention).purgeExpired(NOW);
    expect(again).toEqual({ deleted: 0, batches: 1, cutoff: CUTOFF });
  });

  it('keeps answering requests, ingest included, while it purges a backlog', async () => {
    const backlog = Array.from({ length: 30 * BATCH }, (_, i) =>
      measurement(devices[i % 2], CUTOFF - DAY_MS - i * 1000, i),
    );
    await store(backlog);
    const before = await storedTimes();
    let purged = false;

    const purge = t.app
      .get(MeasurementRetention)
      .purgeExpired(NOW)
      .then((outcome) => {
        purged = true;
        return outcome;
      });
    await store([measurement(devices[0], NOW + 1000, 1)]);
    const answeredDuringPurge = !purged;

    expect(answeredDuringPurge).toBe(true);
    expect(await purge).toMatchObject({ deleted: 2 * backlog.length });
    expect(await storedTimes()).toEqual([
      ...before.filter((time) => time >= CUTOFF),
      NOW + 1000,
      NOW + 1000,
    ]);
  });
});
