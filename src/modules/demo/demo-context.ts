import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/app-config.provider';
import { DatabaseModule } from '../../core/database/database.module';
import { DatabaseService } from '../../core/database/database.service';
import { MetricsModule } from '../../core/metrics/metrics.module';
import { InventoryRepository } from '../devices/inventory.repository';
import { InventoryService } from '../devices/inventory.service';
import { MeasurementsRepository } from '../devices/measurements.repository';
import { ModelsModule } from '../models/models.module';
import { type DemoSeeder, demoSeederOf } from './demo-seeder';

const DATABASE_READY_TIMEOUT_MS = 30_000;

// What the seeder writes through, for `scorecast demo`: the database (migrated, as the service
// would), the models module, and the inventory and measurement store without the rest of the
// devices module (its retention purge and data-source choice have no business in a CLI run).
@Module({})
class DemoContextModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: DemoContextModule,
      global: true,
      imports: [DatabaseModule, MetricsModule, ModelsModule],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        InventoryRepository,
        InventoryService,
        MeasurementsRepository,
      ],
      exports: [APP_CONFIG],
    };
  }
}

/** Runs `action` with a seeder on the configured database, then closes it. */
export async function withDemoSeeder<T>(
  config: AppConfig,
  action: (seeder: DemoSeeder) => Promise<T>,
): Promise<T> {
  const context = await NestFactory.createApplicationContext(DemoContextModule.register(config), {
    logger: ['error'],
  });
  try {
    await context.get(DatabaseService).whenReady(DATABASE_READY_TIMEOUT_MS);
    return await action(demoSeederOf(context));
  } finally {
    await context.close();
  }
}
