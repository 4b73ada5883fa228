import request from 'supertest';
import {
  DEVICE_DATA_SOURCE,
  type DeviceDataSource,
} from '../../src/modules/devices/device-data-source';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { bearer, tokenFor } from '../utils/tokens';

const ADMIN = bearer(tokenFor('ADMIN'));
const READ = bearer(tokenFor('READ'));
const INFO = 'https://cumulocity.com/guides/reference/rest-implementation/#error_reporting';

describe.each(testDatabaseKinds())('embedded inventory (%s)', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  const create = async (body: object): Promise<Record<string, unknown>> =>
    (
      await request(t.http)
        .post('/inventory/managedObjects')
        .set(...ADMIN)
        .send(body)
        .expect(201)
    ).body as Record<string, unknown>;

  const addChild = (parent: unknown, kind: string, child: unknown): request.Test =>
    request(t.http)
      .post(`/inventory/managedObjects/${String(parent)}/${kind}`)
      .set(...ADMIN)
      .send({ managedObject: { id: child } });

  it('creates a device at the Cumulocity path and gives back its fragments', async () => {
    const device = await create({
      name: 'Pump 7',
      type: 'c8y_Device',
      c8y_IsDevice: {},
      c8y_Hardware: { model: 'ADXL345' },
    });
    expect(device).toMatchObject({
      id: expect.stringMatching(/^\d+$/) as unknown,
      name: 'Pump 7',
      type: 'c8y_Device',
      c8y_IsDevice: {},
      c8y_Hardware: { model: 'ADXL345' },
      childDevices: { references: [] },
      childAssets: { references: [] },
    });
    expect(device.self).toMatch(new RegExp(`/inventory/managedObjects/${String(device.id)}$`));
    const read = await request(t.http)
      .get(`/inventory/managedObjects/${String(device.id)}`)
      .set(...READ)
      .expect(200);
    // supertest listens on a new port per request, and self links carry the host.
    const withoutHost = (body: unknown): unknown =>
      JSON.parse(JSON.stringify(body).replace(/http:\/\/[^/"]+/g, ''));
    expect(withoutHost(read.body)).toEqual(withoutHost(device));
  });

  it('answers an unknown id with Cumulocity’s error body', async () => {
    await request(t.http)
      .get('/inventory/managedObjects/999999')
      .set(...READ)
      .expect(404, {
        error: 'inventory/Not Found',
        message: "Finding device data from database failed : No managedObject for id '999999'!",
        info: INFO,
      });
    await request(t.http)
      .get('/inventory/managedObjects/abc')
      .set(...READ)
      .expect(404);
  });

  it('keeps a group’s child devices and subgroups, and resolves a group to its devices once each', async () => {
    const group = await create({ name: 'Plant', type: 'c8y_DeviceGroup', c8y_IsDeviceGroup: {} });
    const subgroup = await create({
      name: 'Hall B',
      type: 'c8y_DeviceSubgroup',
      c8y_IsDeviceGroup: {},
    });
    const [a, b] = [
      await create({ name: 'A', c8y_IsDevice: {} }),
      await create({ name: 'B', c8y_IsDevice: {} }),
    ];
    const added = await addChild(group.id, 'childDevices', a.id).expect(201);
    expect(added.body).toMatchObject({ managedObject: { id: a.id, name: 'A' } });
    await addChild(group.id, 'childAssets', subgroup.id).expect(201);
    await addChild(subgroup.id, 'childDevices', b.id).expect(201);
    await addChild(subgroup.id, 'childDevices', a.id).expect(201);
    // A cycle back to the top must not loop.
    await addChild(subgroup.id, 'childAssets', group.id).expect(201);

    const children = await request(t.http)
      .get(`/inventory/managedObjects/${String(group.id)}/childDevices`)
      .set(...READ)
      .expect(200);
    expect(
      (children.body as { references: { managedObject: { name: string } }[] }).references.map(
        (reference) => reference.managedObject.name,
      ),
    ).toEqual(['A']);

    const source = t.app.get<DeviceDataSource>(DEVICE_DATA_SOURCE);
    const resolved = await source.resolve(Number(group.id));
    expect(resolved.isGroup).toBe(true);
    expect(resolved.devices.map((device) => device.name).sort()).toEqual(['A', 'B']);
    expect(await source.resolve(Number(a.id))).toEqual({
      id: Number(a.id),
      isGroup: false,
      devices: [{ id: Number(a.id), name: 'A' }],
    });
    await expect(source.resolve(424242)).rejects.toThrow(
      'Device or group with id 424242 does not exist or it is invalid',
    );

    await request(t.http)
      .delete(`/inventory/managedObjects/${String(subgroup.id)}/childDevices/${String(b.id)}`)
      .set(...ADMIN)
      .expect(204);
    const after = await source.resolve(Number(group.id));
    expect(after.devices.map((device) => device.name)).toEqual(['A']);
  });

  it('refuses references to unknown objects and to itself', async () => {
    const group = await create({ name: 'G', c8y_IsDeviceGroup: {} });
    await addChild(group.id, 'childDevices', '777777').expect(404);
    await addChild(group.id, 'childDevices', group.id).expect(400);
    await addChild(group.id, 'childThings', group.id).expect(404);
  });

  it('pages the objects and filters by fragment type', async () => {
    const page = await request(t.http)
      .get('/inventory/managedObjects?pageSize=2&fragmentType=c8y_IsDevice')
      .set(...READ)
      .expect(200);
    const body = page.body as {
      managedObjects: { c8y_IsDevice?: object }[];
      statistics: object;
      next?: string;
    };
    expect(body.managedObjects).toHaveLength(2);
    expect(body.managedObjects.every((object) => object.c8y_IsDevice)).toBe(true);
    expect(body.statistics).toEqual({ currentPage: 1, pageSize: 2 });
    // The next page keeps the filter, or it would page through every object instead.
    expect(body.next).toMatch(
      /\/inventory\/managedObjects\?fragmentType=c8y_IsDevice&pageSize=2&currentPage=2$/,
    );
    await request(t.http)
      .get('/inventory/managedObjects?pageSize=2001')
      .set(...READ)
      .expect(400);
  });

  it('keeps writes to ADMIN', async () => {
    await request(t.http)
      .post('/inventory/managedObjects')
      .set(...READ)
      .send({ name: 'x' })
      .expect(403, { error: 'security/Forbidden', message: 'Access is denied', info: INFO });
    await request(t.http).get('/inventory/managedObjects').expect(401);
  });
});
