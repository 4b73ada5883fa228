import { FakeCumulocityTenant, type FakeAnswer } from '../../../../test/utils/fake-cumulocity';
import { NotFoundError, ServiceUnavailableError } from '../../../core/errors/domain-errors';
import type { RecordChunk, SeriesMapping, WindowQuery } from '../device-data-source';
import { CumulocityClient } from './cumulocity-client';
import { CumulocityDataSource } from './cumulocity-data-source';
import { cumulocitySettings } from './cumulocity-settings';

const BASE = 'https://acme.example.com';
const NOT_FOUND = (id: number | string) =>
  `Device or group with id ${id} does not exist or it is invalid`;

/** Routes fetch to the in-memory tenant (or to `override` first); records each URL asked for. */
function serveTenant(
  tenant: FakeCumulocityTenant,
  override: (url: URL) => FakeAnswer | undefined = () => undefined,
) {
  const urls: URL[] = [];
  const signals: AbortSignal[] = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = new URL(input instanceof URL ? input.href : input);
    urls.push(url);
    if (init?.signal) signals.push(init.signal);
    const answer = override(url) ?? tenant.answer(url);
    return Promise.resolve(Response.json(answer.body, { status: answer.status }));
  });
  return { urls, signals };
}

const dataSource = (pageSize = 2000) =>
  new CumulocityDataSource(
    new CumulocityClient(
      cumulocitySettings({
        baseUrl: BASE,
        token: 't',
        pageSize,
        maxAttempts: 1,
      }),
    ),
  );

const T0 = Date.parse('2024-03-01T00:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const temperature = (value: unknown) => ({ c8y_T: { T: { value, unit: 'C' } } });
const humidity = (value: unknown) => ({ c8y_H: { h: { value, unit: '%' } } });

const mappings: SeriesMapping[] = [
  { input: 'temp', fragment: 'c8y_T', series: 'T' },
  { input: 'hum', fragment: 'c8y_H', series: 'h' },
];

const windowOf = (overrides: Partial<WindowQuery> = {}): WindowQuery => ({
  deviceId: 1,
  from: new Date(T0),
  to: new Date(T0 + 10_000),
  toInclusive: false,
  mappings,
  ...overrides,
});

async function readAll(chunks: AsyncIterable<RecordChunk>): Promise<RecordChunk[]> {
  const all: RecordChunk[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

/** The records of all chunks as rows: [time offset in s, ...values in mapping order]. */
function rowsOf(chunks: RecordChunk[], inputs = mappings.map((mapping) => mapping.input)) {
  return chunks.flatMap((chunk) =>
    chunk.times.map((time, row) => [
      (time - T0) / 1000,
      ...inputs.map((input) => chunk.columns[input][row]),
    ]),
  );
}

afterEach(() => jest.restoreAllMocks());

describe('CumulocityDataSource.resolve', () => {
  it('resolves a device to itself', async () => {
    serveTenant(new FakeCumulocityTenant().addDevice(7, 'Pump'));
    await expect(dataSource().resolve(7)).resolves.toEqual({
      id: 7,
      isGroup: false,
      devices: [{ id: 7, name: 'Pump' }],
    });
  });

  it('resolves a group to every device below it once, through subgroups and cycles', async () => {
    const tenant = new FakeCumulocityTenant()
      .addDevice(1, 'd1')
      .addDevice(2, 'd2')
      .addDevice(3, 'd3')
      .addObject(4, { name: 'an asset, not a device' })
      .addGroup(10, 'plant', { childAssets: [1, 11, 4], childDevices: [2, 1] })
      .addGroup(11, 'line', { type: 'c8y_DeviceSubgroup', childAssets: [3, 10, 2] });
    serveTenant(tenant);
    await expect(dataSource().resolve(10)).resolves.toEqual({
      id: 10,
      isGroup: true,
      devices: [
        { id: 1, name: 'd1' },
        { id: 2, name: 'd2' },
        { id: 3, name: 'd3' },
      ],
    });
  });

  it('takes a subgroup typed c8y_DeviceSubgroup for a group even without c8y_IsDeviceGroup', async () => {
    const tenant = new FakeCumulocityTenant()
      .addDevice(1, 'd1')
      .addObject(20, { name: 'sub', type: 'c8y_DeviceSubgroup' }, { childAssets: [1] });
    serveTenant(tenant);
    await expect(dataSource().resolve(20)).resolves.toMatchObject({
      isGroup: true,
      devices: [{ id: 1, name: 'd1' }],
    });
  });

  it('reads references page by page and skips those whose object is gone', async () => {
    const tenant = new FakeCumulocityTenant().addGroup(10, 'g', {
      childAssets: [1, 2, 3, 99, 4],
    });
    for (const id of [1, 2, 3, 4]) tenant.addDevice(id, `d${id}`);
    const { urls } = serveTenant(tenant);
    const resolved = await dataSource(2).resolve(10);
    expect(resolved.devices.map((device) => device.id)).toEqual([1, 2, 3, 4]);
    const assetPages = urls
      .filter((url) => url.pathname === '/inventory/managedObjects/10/childAssets')
      .map((url) => url.searchParams.get('currentPage'));
    // Three full pages, then the empty one that ends the collection.
    expect(assetPages).toEqual([null, '2', '3', '4']);
    expect(urls.every((url) => url.origin === BASE)).toBe(true);
  });

  it('reads a child only when its reference does not say what it is', async () => {
    const build = (referencesCarryFragments: boolean) =>
      new FakeCumulocityTenant({ referencesCarryFragments })
        .addDevice(1, 'd1')
        .addGroup(10, 'g', { childDevices: [1] });
    const bare = serveTenant(build(false));
    await dataSource().resolve(10);
    expect(bare.urls.map((url) => url.pathname)).toContain('/inventory/managedObjects/1');
    jest.restoreAllMocks();

    const full = serveTenant(build(true));
    await dataSource().resolve(10);
    expect(full.urls.map((url) => url.pathname)).not.toContain('/inventory/managedObjects/1');
  });

  it('answers the documented 404 for an unknown id, an object that is neither, and a bad id', async () => {
    const { urls } = serveTenant(new FakeCumulocityTenant().addObject(5, { name: 'asset' }));
    const source = dataSource();
    for (const id of [404, 5, Number.NaN]) {
      const failure = source.resolve(id);
      await expect(failure).rejects.toThrow(NotFoundError);
      await expect(failure).rejects.toThrow(NOT_FOUND(id));
    }
    // A bad id is answered without asking the tenant.
    expect(urls.map((url) => url.pathname)).toEqual([
      '/inventory/managedObjects/404',
      '/inventory/managedObjects/5',
    ]);
  });
});

describe('CumulocityDataSource.readWindow', () => {
  it('merges the series by timestamp, with null where a series has no value', async () => {
    const tenant = new FakeCumulocityTenant()
      .addMeasurement(1, at(1), { ...temperature(20), ...humidity(40) })
      .addMeasurement(1, at(2), temperature(21))
      .addMeasurement(1, at(3), humidity(41))
      .addMeasurement(2, at(2), temperature(99));
    serveTenant(tenant);
    expect(rowsOf(await readAll(dataSource().readWindow(windowOf())))).toEqual([
      [1, 20, 40],
      [2, 21, null],
      [3, null, 41],
    ]);
  });

  it('asks for each series with ISO dates, source, fragment, series and page size', async () => {
    const { urls } = serveTenant(new FakeCumulocityTenant());
    await readAll(dataSource(500).readWindow(windowOf()));
    expect(urls.map((url) => Object.fromEntries(url.searchParams))).toEqual([
      {
        source: '1',
        dateFrom: '2024-03-01T00:00:00.000Z',
        dateTo: '2024-03-01T00:00:10.000Z',
        valueFragmentType: 'c8y_T',
        valueFragmentSeries: 'T',
        pageSize: '500',
      },
      expect.objectContaining({ valueFragmentType: 'c8y_H', valueFragmentSeries: 'h' }),
    ]);
  });

  it('leaves out a measurement at the end of the window unless the end is inclusive', async () => {
    const tenant = new FakeCumulocityTenant()
      .addMeasurement(1, at(0), temperature(1))
      .addMeasurement(1, at(10), temperature(2));
    const { urls } = serveTenant(tenant);
    const only = [mappings[0]];
    const exclusive = await readAll(dataSource().readWindow(windowOf({ mappings: only })));
    expect(rowsOf(exclusive, ['temp'])).toEqual([[0, 1]]);
    const inclusive = await readAll(
      dataSource().readWindow(windowOf({ mappings: only, toInclusive: true })),
    );
    expect(rowsOf(inclusive, ['temp'])).toEqual([
      [0, 1],
      [10, 2],
    ]);
    expect(urls.at(-1)?.searchParams.get('dateTo')).toBe('2024-03-01T00:00:10.001Z');
  });

  it('keeps the window whichever way the tenant bounds dateTo', async () => {
    // A tenant that treats dateTo as inclusive, and also sends what lies before dateFrom.
    const tenant = new FakeCumulocityTenant();
    serveTenant(tenant, () => ({
      status: 200,
      body: {
        measurements: [at(-1), at(0), at(10), at(10.001)].map((time) => ({
          time,
          ...temperature(1),
        })),
      },
    }));
    const only = [mappings[0]];
    const exclusive = await readAll(dataSource().readWindow(windowOf({ mappings: only })));
    expect(rowsOf(exclusive, ['temp'])).toEqual([[0, 1]]);
    const inclusive = await readAll(
      dataSource().readWindow(windowOf({ mappings: only, toInclusive: true })),
    );
    expect(rowsOf(inclusive, ['temp'])).toEqual([
      [0, 1],
      [10, 1],
    ]);
  });

  it('follows next links across pages and stops at the first empty page', async () => {
    const tenant = new FakeCumulocityTenant();
    for (let second = 0; second < 7; second++) {
      tenant.addMeasurement(1, at(second), temperature(second));
    }
    const { urls } = serveTenant(tenant);
    const chunks = await readAll(dataSource(3).readWindow(windowOf({ mappings: [mappings[0]] })));
    expect(rowsOf(chunks, ['temp'])).toEqual([0, 1, 2, 3, 4, 5, 6].map((s) => [s, s]));
    expect(urls.map((url) => url.searchParams.get('currentPage'))).toEqual([null, '2', '3', '4']);
  });

  it('yields chunks of chunkSize records', async () => {
    const tenant = new FakeCumulocityTenant();
    for (let second = 0; second < 5; second++) {
      tenant.addMeasurement(1, at(second), temperature(second));
    }
    serveTenant(tenant);
    const chunks = await readAll(dataSource(2).readWindow(windowOf({ chunkSize: 2 })));
    expect(chunks.map((chunk) => chunk.times.length)).toEqual([2, 2, 1]);
    expect(chunks[2].columns).toEqual({ temp: [4], hum: [null] });
  });

  it('reads a series mapped to several inputs once and fills each input', async () => {
    const tenant = new FakeCumulocityTenant().addMeasurement(1, at(1), temperature(5));
    const { urls } = serveTenant(tenant);
    const twice: SeriesMapping[] = [
      { input: 'a', fragment: 'c8y_T', series: 'T' },
      { input: 'b', fragment: 'c8y_T', series: 'T' },
    ];
    const chunks = await readAll(dataSource().readWindow(windowOf({ mappings: twice })));
    expect(chunks).toEqual([{ times: [T0 + 1000], columns: { a: [5], b: [5] } }]);
    expect(urls.filter((url) => !url.searchParams.has('currentPage'))).toHaveLength(1);
  });

  it('makes a value that is not a finite number null, keeping its instant', async () => {
    const tenant = new FakeCumulocityTenant()
      .addMeasurement(1, at(1), temperature('hot'))
      .addMeasurement(1, at(2), temperature(null))
      .addMeasurement(1, at(3), { c8y_T: { T: {} } })
      .addMeasurement(1, at(4), temperature(3));
    serveTenant(tenant);
    const chunks = await readAll(dataSource().readWindow(windowOf({ mappings: [mappings[0]] })));
    expect(rowsOf(chunks, ['temp'])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, 3],
    ]);
  });

  it('makes one record of several measurements of a series at one instant, across pages too', async () => {
    const tenant = new FakeCumulocityTenant()
      .addMeasurement(1, at(1), temperature(1))
      .addMeasurement(1, at(2), temperature(2))
      .addMeasurement(1, at(2), temperature(3))
      .addMeasurement(1, at(2), temperature(4))
      .addMeasurement(1, at(3), temperature(5));
    serveTenant(tenant);
    const chunks = await readAll(dataSource(2).readWindow(windowOf({ mappings: [mappings[0]] })));
    expect(rowsOf(chunks, ['temp'])).toEqual([
      [1, 1],
      [2, 2],
      [3, 5],
    ]);
  });

  it('fails rather than misorder records when a page goes back in time', async () => {
    serveTenant(new FakeCumulocityTenant(), () => ({
      status: 200,
      body: { measurements: [at(2), at(1)].map((time) => ({ time, ...temperature(1) })) },
    }));
    const failure = readAll(dataSource().readWindow(windowOf({ mappings: [mappings[0]] })));
    await expect(failure).rejects.toThrow(ServiceUnavailableError);
    await expect(failure).rejects.toThrow(
      'Cumulocity returned measurements of c8y_T.T out of time order.',
    );
  });

  it('fails with a clear error when the tenant answers without a list of measurements', async () => {
    serveTenant(new FakeCumulocityTenant(), () => ({ status: 200, body: { oops: true } }));
    await expect(
      readAll(dataSource().readWindow(windowOf({ mappings: [mappings[0]] }))),
    ).rejects.toThrow('Cumulocity answered a measurement query for c8y_T.T without a list');
  });

  it('yields nothing for a window without measurements or without mappings', async () => {
    serveTenant(new FakeCumulocityTenant());
    await expect(readAll(dataSource().readWindow(windowOf()))).resolves.toEqual([]);
    await expect(readAll(dataSource().readWindow(windowOf({ mappings: [] })))).resolves.toEqual([]);
  });

  it('cancels the requests in flight when the reader stops early', async () => {
    const tenant = new FakeCumulocityTenant();
    for (let second = 0; second < 6; second++) {
      tenant.addMeasurement(1, at(second), temperature(second));
    }
    const { signals } = serveTenant(tenant);
    for await (const chunk of dataSource(2).readWindow(windowOf({ chunkSize: 1 }))) {
      expect(chunk.times).toHaveLength(1);
      break;
    }
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });
});
