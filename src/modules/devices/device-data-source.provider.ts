import type { Provider } from '@nestjs/common';
import type { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/app-config.provider';
import { CumulocityClient } from './cumulocity/cumulocity-client';
import { CumulocityDataSource } from './cumulocity/cumulocity-data-source';
import { cumulocitySettings } from './cumulocity/cumulocity-settings';
import { DEVICE_DATA_SOURCE, type DeviceDataSource } from './device-data-source';
import { EmbeddedDataSource } from './embedded-data-source';

/** The data source jobs read from, as DATA_SOURCE chooses: the embedded store or a tenant. */
export const deviceDataSourceProvider: Provider = {
  provide: DEVICE_DATA_SOURCE,
  inject: [APP_CONFIG, EmbeddedDataSource],
  useFactory: (config: AppConfig, embedded: EmbeddedDataSource): DeviceDataSource => {
    const source = config.dataSource;
    if (source.kind === 'embedded') return embedded;
    const settings = cumulocitySettings({
      baseUrl: source.baseUrl,
      ...source.credentials,
      timeoutMs: source.timeoutMs,
      maxAttempts: source.maxAttempts,
      concurrency: source.concurrency,
      pageSize: source.pageSize,
      retryBaseDelayMs: source.retryBaseDelayMs,
    });
    return new CumulocityDataSource(new CumulocityClient(settings));
  },
};
