import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/app-config.provider';
import { DatabaseModule } from '../../core/database/database.module';
import { DatabaseService } from '../../core/database/database.service';
import { InventoryRepository } from '../../modules/devices/inventory.repository';
import { MeasurementsRepository } from '../../modules/devices/measurements.repository';
import type { MeasurementStore } from './measurement-import';

const DATABASE_READY_TIMEOUT_MS = 30_000;

// The database (migrated, as the service would) and the two repositories an import writes
// through: neither the HTTP app nor the rest of the devices module.
@Module({})
class ImportModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: ImportModule,
      global: true,
      imports: [DatabaseModule],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        InventoryRepository,
        MeasurementsRepository,
      ],
      exports: [APP_CONFIG],
    };
  }
}

/** Runs `action` with the configured database's measurement store, then closes it. */
export async function withMeasurementStore<T>(
  config: AppConfig,
  action: (store: MeasurementStore) => Promise<T>,
): Promise<T> {
  const context = await NestFactory.createApplicationContext(ImportModule.register(config), {
    logger: ['error'],
  });
  try {
    await context.get(DatabaseService).whenReady(DATABASE_READY_TIMEOUT_MS);
    const inventory = context.get(InventoryRepository);
    const measurements = context.get(MeasurementsRepository);
    return await action({
      existingSources: async (ids) =>
        new Set((await inventory.findByIds(ids)).map((object) => object.id)),
      seriesId: (fragment, series) => measurements.seriesId(fragment, series),
      upsertValues: (rows) => measurements.upsertValues(rows),
    });
  } finally {
    await context.close();
  }
}
