import type { AppConfig } from '../../core/config/app-config';
import { withDatabaseContext } from '../../core/database/database-context';
import { MetricsModule } from '../../core/metrics/metrics.module';
import { InventoryRepository } from '../devices/inventory.repository';
import { InventoryService } from '../devices/inventory.service';
import { MeasurementsRepository } from '../devices/measurements.repository';
import { ModelsModule } from '../models/models.module';
import { type DemoSeeder, demoSeederOf } from './demo-seeder';

/** Runs `action` with a seeder on the configured database, then closes it. */
export function withDemoSeeder<T>(
  config: AppConfig,
  action: (seeder: DemoSeeder) => Promise<T>,
): Promise<T> {
  // The models module, and the inventory and measurement store without the rest of the devices
  // module: its retention purge and data-source choice have no business in a CLI run.
  const parts = {
    imports: [MetricsModule, ModelsModule],
    providers: [InventoryRepository, InventoryService, MeasurementsRepository],
  };
  return withDatabaseContext(config, parts, (context) => action(demoSeederOf(context)));
}
