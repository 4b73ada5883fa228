import { NotFoundError, ServiceUnavailableError } from '../../src/core/errors/domain-errors';
import type {
  RecordChunk,
  SeriesMapping,
  WindowQuery,
} from '../../src/modules/devices/device-data-source';
import { CumulocityClient } from '../../src/modules/devices/cumulocity/cumulocity-client';
import { CumulocityDataSource } from '../../src/modules/devices/cumulocity/cumulocity-data-source';
import {
  cumulocitySettings,
  type CumulocitySettingsInput,
} from '../../src/modules/devices/cumulocity/cumulocity-settings';
import {
  type FakeCumulocity,
  FakeCumulocityTenant,
  startFakeCumulocity,
} from '../utils/fake-cumulocity';

// The Cumulocity data source against a fake tenant over real HTTP on 127.0.0.1. No database.

const CREDENTIALS = { tenant: 't100', user: 'scorecast', password: 'pa55word' };
const TOKEN = 'token-123';
const BASIC = `Basic ${Buffer.from('t100/scorecast:pa55word').toString('base64')}`;
const MEASUREMENTS = '/measurement/measurements';

const T0 = Date.parse('2024-05-01T12:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const acceleration = (values: { X?: number; Y?: number }) => ({
  c8y_Acceleration: Object.fromEntries(
    Object.entries(values).map(([axis, value]) => [`acceleration${axis}`, { value, unit: 'g' }]),
  ),
});

const AXES: SeriesMapping[] = [
  { input: 'x', fragment: 'c8y_Acceleration', series: 'accelerationX' },
  { input: 'y', fragment: 'c8y_Acceleration', series: 'accelerationY' },
];
const TEMPERATURE: SeriesMapping[] = [{ input: 't', fragment: 'c8y_T', series: 'T' }];

// Devices 101-103, an asset 104, group 200 with subgroup 201 that refers back to 200, and
// 8 devices 301-308 in group 300 for the concurrency test.
function aTenant(): FakeCumulocityTenant {
  const tenant = new FakeCumulocityTenant()
    .addDevice(101, 'Pump A')
    .addDevice(102, 'Pump B')
    .addDevice(103, 'Fan')
    .addObject(104, { name: 'Building', type: 'c8y_Building' })
    .addGroup(200, 'Plant', { childAssets: [101, 201, 104], childDevices: [102, 101] })
    .addGroup(201, 'Line 1', { type: 'c8y_DeviceSubgroup', childAssets: [103, 200, 102] })
    .addGroup(300, 'Fleet', { childAssets: [301, 302, 303, 304, 305, 306, 307, 308] });
  for (let id = 301; id <= 308; id++) tenant.addDevice(id, `Truck ${id}`);
  tenant
    .addMeasurement(101, at(1), acceleration({ X: 0.1 }))
    .addMeasurement(101, at(2), acceleration({ X: 0.2, Y: 1.2 }))
    .addMeasurement(101, at(3), acceleration({ Y: 1.3 }))
    .addMeasurement(101, at(10), acceleration({ X: 0.9 }))
    .addMeasurement(102, at(2), acceleration({ X: 7 }));
  for (let second = 0; second < 8; second++) {
    tenant.addMeasurement(103, at(second), { c8y_T: { T: { value: 20 + second, unit: 'C' } } });
  }
  return tenant;
}

const windowOf = (overrides: Partial<WindowQuery> = {}): WindowQuery => ({
  deviceId: 101,
  from: new Date(T0),
  to: new Date(T0 + 10_000),
  toInclusive: false,
  mappings: AXES,
  ...overrides,
});

async function rowsOf(chunks: AsyncIterable<RecordChunk>, inputs: string[]) {
  const rows: (number | null)[][] = [];
  for await (const chunk of chunks) {
    chunk.times.forEach((time, row) =>
      rows.push([(time - T0) / 1000, ...inputs.map((input) => chunk.columns[input][row])]),
    );
  }
  return rows;
}

describe('CumulocityDataSource against a Cumulocity tenant over HTTP', () => {
  let server: FakeCumulocity;

  const connect = (overrides: Partial<CumulocitySettingsInput> = {}) =>
    new CumulocityDataSource(
      new CumulocityClient(
        cumulocitySettings({
          baseUrl: server.baseUrl,
          ...CREDENTIALS,
          pageSize: 3,
          timeoutMs: 1_000,
          maxAttempts: 3,
          retryBaseDelayMs: 10,
          concurrency: 4,
          ...overrides,
        }),
      ),
    );
  const requestsTo = (path: string) =>
    server.requests.filter((request) => request.url.split('?')[0] === path);

  beforeAll(async () => {
    server = await startFakeCumulocity({ tenant: aTenant(), basic: CREDENTIALS, token: TOKEN });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  describe('authentication', () => {
    it('sends Basic tenant/user:password with every request', async () => {
      await connect().resolve(200);
      expect(server.requests.length).toBeGreaterThan(1);
      expect(server.requests.every((request) => request.authorization === BASIC)).toBe(true);
    });

    it('sends a bearer token when configured with one', async () => {
      const source = connect({ baseUrl: server.baseUrl, token: TOKEN, tenant: undefined });
      await expect(source.resolve(101)).resolves.toMatchObject({ isGroup: false });
      expect(server.requests.map((request) => request.authorization)).toEqual([`Bearer ${TOKEN}`]);
    });

    it('fails at once, without retrying, when the tenant refuses the credentials', async () => {
      const failure = connect({ password: 'wrong' }).resolve(101);
      await expect(failure).rejects.toThrow(ServiceUnavailableError);
      await expect(failure).rejects.toThrow(
        'Cumulocity request GET /inventory/managedObjects/101 failed: status 401 (Invalid credentials!).',
      );
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('resolve', () => {
    it('resolves a device to itself', async () => {
      await expect(connect().resolve(101)).resolves.toEqual({
        id: 101,
        isGroup: false,
        devices: [{ id: 101, name: 'Pump A' }],
      });
    });

    it('resolves a group through its subgroup to each device once, despite the cycle', async () => {
      await expect(connect({ pageSize: 1 }).resolve(200)).resolves.toEqual({
        id: 200,
        isGroup: true,
        devices: [
          { id: 101, name: 'Pump A' },
          { id: 102, name: 'Pump B' },
          { id: 103, name: 'Fan' },
        ],
      });
      // pageSize 1: the three child assets of 200 took three pages and an empty fourth.
      expect(requestsTo('/inventory/managedObjects/200/childAssets')).toHaveLength(4);
    });

    it('answers the documented 404 for an unknown id and for an object that is neither', async () => {
      for (const id of [999, 104]) {
        const failure = connect().resolve(id);
        await expect(failure).rejects.toThrow(NotFoundError);
        await expect(failure).rejects.toThrow(
          `Device or group with id ${id} does not exist or it is invalid`,
        );
      }
    });
  });

  describe('resilience', () => {
    it('retries two 5xx answers and then succeeds', async () => {
      server.inject('/inventory/managedObjects/101', { status: 503 }, { status: 500 });
      await expect(connect().resolve(101)).resolves.toMatchObject({ id: 101 });
      expect(requestsTo('/inventory/managedObjects/101')).toHaveLength(3);
    });

    it('retries a response slower than the timeout', async () => {
      server.inject('/inventory/managedObjects/101', { delayMs: 600 });
      const started = Date.now();
      await expect(connect({ timeoutMs: 150 }).resolve(101)).resolves.toMatchObject({ id: 101 });
      expect(Date.now() - started).toBeLessThan(600);
      expect(requestsTo('/inventory/managedObjects/101')).toHaveLength(2);
    });

    it('gives up with a ServiceUnavailableError when the tenant keeps failing', async () => {
      server.inject(MEASUREMENTS, { status: 503 }, { status: 503 }, { status: 502 });
      const failure = rowsOf(connect().readWindow(windowOf({ mappings: TEMPERATURE })), ['t']);
      await expect(failure).rejects.toThrow(ServiceUnavailableError);
      await expect(failure).rejects.toThrow(
        'Cumulocity request GET /measurement/measurements failed: status 502 (Injected 502) (3 attempts).',
      );
      expect(requestsTo(MEASUREMENTS)).toHaveLength(3);
    });

    it('keeps no more requests in flight than its concurrency', async () => {
      server.latencyMs = 30;
      await expect(connect({ concurrency: 2 }).resolve(300)).resolves.toMatchObject({
        devices: expect.arrayContaining([{ id: 308, name: 'Truck 308' }]),
      });
      expect(server.maxInFlight).toBe(2);

      // The same work with a higher limit does overlap more, so the count above means something.
      server.reset();
      server.latencyMs = 30;
      await connect({ concurrency: 6 }).resolve(300);
      expect(server.maxInFlight).toBe(6);
    });
  });

  describe('readWindow', () => {
    it('merges the series by timestamp, with null where a series has no value', async () => {
      await expect(rowsOf(connect().readWindow(windowOf()), ['x', 'y'])).resolves.toEqual([
        [1, 0.1, null],
        [2, 0.2, 1.2],
        [3, null, 1.3],
      ]);
    });

    it('follows next links across several pages', async () => {
      const rows = await rowsOf(
        connect().readWindow(windowOf({ deviceId: 103, mappings: TEMPERATURE })),
        ['t'],
      );
      expect(rows).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((second) => [second, 20 + second]));
      const pages = requestsTo(MEASUREMENTS).map((request) =>
        new URL(request.url, server.baseUrl).searchParams.get('currentPage'),
      );
      expect(pages).toEqual([null, '2', '3', '4']);
    });

    it('includes a measurement exactly at the end only when the end is inclusive', async () => {
      const exclusive = await rowsOf(connect().readWindow(windowOf()), ['x', 'y']);
      const inclusive = await rowsOf(connect().readWindow(windowOf({ toInclusive: true })), [
        'x',
        'y',
      ]);
      expect(exclusive.map(([second]) => second)).toEqual([1, 2, 3]);
      expect(inclusive.map(([second]) => second)).toEqual([1, 2, 3, 10]);
      expect(inclusive.at(-1)).toEqual([10, 0.9, null]);
    });
  });
});
