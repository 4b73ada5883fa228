import {
  DEVICE_DATA_SOURCE,
  type DeviceDataSource,
} from '../../src/modules/devices/device-data-source';
import { EmbeddedDataSource } from '../../src/modules/devices/embedded-data-source';
import {
  type FakeCumulocity,
  FakeCumulocityTenant,
  startFakeCumulocity,
} from '../utils/fake-cumulocity';
import { type TestApp, startTestApp } from '../utils/test-app';

describe('DATA_SOURCE', () => {
  let tenant: FakeCumulocity;

  beforeAll(async () => {
    tenant = await startFakeCumulocity({
      tenant: new FakeCumulocityTenant().addDevice(101, 'Pump A').addGroup(200, 'Plant', {
        childAssets: [101],
      }),
      token: 'secret-token',
    });
  });
  afterAll(() => tenant.close());

  it('reads devices from the embedded store by default', async () => {
    const t: TestApp = await startTestApp('sqlite');
    try {
      expect(t.app.get(DEVICE_DATA_SOURCE)).toBeInstanceOf(EmbeddedDataSource);
    } finally {
      await t.close();
    }
  });

  it('reads devices from a Cumulocity tenant when DATA_SOURCE=cumulocity', async () => {
    const t: TestApp = await startTestApp('sqlite', {
      env: { DATA_SOURCE: 'cumulocity', C8Y_BASE_URL: tenant.baseUrl, C8Y_TOKEN: 'secret-token' },
    });
    try {
      const source = t.app.get<DeviceDataSource>(DEVICE_DATA_SOURCE);
      expect(await source.resolve(200)).toEqual({
        id: 200,
        isGroup: true,
        devices: [{ id: 101, name: 'Pump A' }],
      });
      expect(
        tenant.requests.every((request) => request.authorization === 'Bearer secret-token'),
      ).toBe(true);
    } finally {
      await t.close();
    }
  });
});
