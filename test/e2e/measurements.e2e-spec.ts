import request from 'supertest';
import {
  DEVICE_DATA_SOURCE,
  type DeviceDataSource,
  type RecordChunk,
} from '../../src/modules/devices/device-data-source';
import { MeasurementsService } from '../../src/modules/devices/measurements.service';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { bearer, tokenFor } from '../utils/tokens';

const ADMIN = bearer(tokenFor('ADMIN'));
const READ = bearer(tokenFor('READ'));
const COLLECTION = 'application/vnd.com.nsn.cumulocity.measurementcollection+json';
const SINGLE = 'application/vnd.com.nsn.cumulocity.measurement+json';

const at = (second: number): string => new Date(Date.UTC(2026, 10, 1, 0, 0, second)).toISOString();

function acceleration(source: string, second: number, x: number, y?: number): object {
  return {
    source: { id: source },
    time: at(second),
    type: 'c8y_Acceleration',
    c8y_Acceleration: {
      accelerationX: { value: x, unit: 'g' },
      ...(y === undefined ? {} : { accelerationY: { value: y, unit: 'g' } }),
    },
  };
}

async function collect(chunks: AsyncIterable<RecordChunk>): Promise<RecordChunk[]> {
  const all: RecordChunk[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

describe.each(testDatabaseKinds())('embedded measurements (%s)', (kind) => {
  let t: TestApp;
  let device: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const created = await request(t.http)
      .post('/inventory/managedObjects')
      .set(...ADMIN)
      .send({ name: 'Sensor', c8y_IsDevice: {} })
      .expect(201);
    device = (created.body as { id: string }).id;
  });
  afterAll(() => t.close());

  it('stores one measurement sent with the Cumulocity media type and answers it with an id', async () => {
    const response = await request(t.http)
      .post('/measurement/measurements')
      .set(...ADMIN)
      .set('Content-Type', SINGLE)
      .send(JSON.stringify(acceleration(device, 0, 0.5, 1.5)))
      .expect(201);
    expect(response.body).toMatchObject({
      id: expect.any(String) as unknown,
      time: at(0),
      type: 'c8y_Acceleration',
      source: { id: device },
      c8y_Acceleration: {
        accelerationX: { value: 0.5, unit: 'g' },
        accelerationY: { value: 1.5, unit: 'g' },
      },
    });
  });

  it('stores a collection; a value sent again for the same instant replaces the old one', async () => {
    const response = await request(t.http)
      .post('/measurement/measurements')
      .set(...ADMIN)
      .set('Content-Type', COLLECTION)
      .send(
        JSON.stringify({
          measurements: [
            acceleration(device, 1, 1),
            acceleration(device, 2, 2, 20),
            acceleration(device, 3, 3),
            acceleration(device, 0, 0.25),
          ],
        }),
      )
      .expect(201);
    expect((response.body as { measurements: unknown[] }).measurements).toHaveLength(4);
  });

  it('lists measurements of a device in a window, paged, oldest or newest first', async () => {
    const first = await request(t.http)
      .get(
        `/measurement/measurements?source=${device}&pageSize=2&dateFrom=${at(0)}&dateTo=${at(3)}`,
      )
      .set(...READ)
      .expect(200);
    const body = first.body as {
      measurements: { time: string; c8y_Acceleration: Record<string, { value: number }> }[];
      next?: string;
      statistics: object;
    };
    expect(body.measurements.map((m) => m.time)).toEqual([at(0), at(1)]);
    expect(body.measurements[0].c8y_Acceleration).toEqual({
      accelerationX: { value: 0.25, unit: 'g' },
      accelerationY: { value: 1.5, unit: 'g' },
    });
    expect(body.statistics).toEqual({ currentPage: 1, pageSize: 2 });
    expect(body.next).toContain('currentPage=2');
    const second = await request(t.http)
      .get(new URL(body.next as string).pathname + new URL(body.next as string).search)
      .set(...READ)
      .expect(200);
    const page2 = second.body as { measurements: { time: string }[]; next?: string };
    expect(page2.measurements.map((m) => m.time)).toEqual([at(2)]);
    expect(page2.next).toBeUndefined();
    const newest = await request(t.http)
      .get(`/measurement/measurements?source=${device}&revert=true&pageSize=1`)
      .set(...READ)
      .expect(200);
    expect((newest.body as { measurements: { time: string }[] }).measurements[0].time).toBe(at(3));
    const series = await request(t.http)
      .get(
        `/measurement/measurements?source=${device}&valueFragmentType=c8y_Acceleration&valueFragmentSeries=accelerationY&pageSize=10`,
      )
      .set(...READ)
      .expect(200);
    expect(
      (series.body as { measurements: { time: string }[] }).measurements.map((m) => m.time),
    ).toEqual([at(0), at(2)]);
  });

  it('stores every collection of several ingested at the same time', async () => {
    const created = await request(t.http)
      .post('/inventory/managedObjects')
      .set(...ADMIN)
      .send({ name: 'Busy sensor', c8y_IsDevice: {} })
      .expect(201);
    const busy = (created.body as { id: string }).id;
    // Each collection is written in a transaction of its own; on SQLite's one connection, a
    // second one used to start while the first was open ("cannot start a transaction within a
    // transaction").
    const service = t.app.get(MeasurementsService);
    await Promise.all(
      Array.from({ length: 4 }, (_, post) =>
        service.ingest({
          measurements: Array.from({ length: 500 }, (_, index) =>
            acceleration(busy, post * 500 + index, index),
          ),
        }),
      ),
    );
    const stored = await request(t.http)
      .get(`/measurement/measurements?source=${busy}&pageSize=2000`)
      .set(...READ)
      .expect(200);
    expect((stored.body as { measurements: unknown[] }).measurements).toHaveLength(2000);
  });

  it('refuses an unknown device and bad documents with Cumulocity error bodies, storing nothing', async () => {
    const unknown = await request(t.http)
      .post('/measurement/measurements')
      .set(...ADMIN)
      .send({ measurements: [acceleration(device, 9, 9), acceleration('888888', 9, 9)] })
      .expect(404);
    expect(unknown.body).toMatchObject({ error: 'measurement/Not Found' });
    const bad = await request(t.http)
      .post('/measurement/measurements')
      .set(...ADMIN)
      .send({ source: { id: device }, time: 'yesterday', c8y_T: { t: { value: 1 } } })
      .expect(400);
    expect(bad.body).toMatchObject({
      error: 'measurement/Bad Request',
      message: expect.stringContaining('Measurement 1: time must be') as unknown,
    });
    const listed = await request(t.http)
      .get(`/measurement/measurements?source=${device}&dateFrom=${at(9)}`)
      .set(...READ)
      .expect(200);
    expect((listed.body as { measurements: unknown[] }).measurements).toEqual([]);
    await request(t.http)
      .post('/measurement/measurements')
      .set(...READ)
      .send(acceleration(device, 5, 5))
      .expect(403);
  });

  it('gives the engine one record per instant, in time order, with missing series as null', async () => {
    const source = t.app.get<DeviceDataSource>(DEVICE_DATA_SOURCE);
    const query = {
      deviceId: Number(device),
      from: new Date(at(0)),
      to: new Date(at(3)),
      mappings: [
        { input: 'x', fragment: 'c8y_Acceleration', series: 'accelerationX' },
        { input: 'y', fragment: 'c8y_Acceleration', series: 'accelerationY' },
        { input: 'x2', fragment: 'c8y_Acceleration', series: 'accelerationX' },
        { input: 't', fragment: 'c8y_Temperature', series: 'T' },
      ],
      chunkSize: 2,
    };
    const exclusive = await collect(source.readWindow({ ...query, toInclusive: false }));
    expect(exclusive).toEqual([
      {
        times: [Date.parse(at(0)), Date.parse(at(1))],
        columns: { x: [0.25, 1], y: [1.5, null], x2: [0.25, 1], t: [null, null] },
      },
      { times: [Date.parse(at(2))], columns: { x: [2], y: [20], x2: [2], t: [null] } },
    ]);
    const inclusive = await collect(source.readWindow({ ...query, toInclusive: true }));
    expect(inclusive.flatMap((chunk) => chunk.times)).toHaveLength(4);
    const empty = await collect(source.readWindow({ ...query, deviceId: 999, toInclusive: true }));
    expect(empty).toEqual([]);
  });
});
