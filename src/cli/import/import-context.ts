import type { AppConfig } from '../../core/config/app-config';
import { withDatabaseContext } from '../../core/database/database-context';
import { InventoryRepository } from '../../modules/devices/inventory.repository';
import { MeasurementsRepository } from '../../modules/devices/measurements.repository';
import type { MeasurementStore } from './measurement-import';

/** Runs `action` with the configured database's measurement store, then closes it. */
export function withMeasurementStore<T>(
  config: AppConfig,
  action: (store: MeasurementStore) => Promise<T>,
): Promise<T> {
  // Only the two repositories an import writes through: neither the HTTP app nor the rest of
  // the devices module.
  const parts = { providers: [InventoryRepository, MeasurementsRepository] };
  return withDatabaseContext(config, parts, (context) => {
    const inventory = context.get(InventoryRepository);
    const measurements = context.get(MeasurementsRepository);
    return action({
      existingSources: async (ids) =>
        new Set((await inventory.findByIds(ids)).map((object) => object.id)),
      seriesId: (fragment, series) => measurements.seriesId(fragment, series),
      upsertValues: (rows) => measurements.upsertValues(rows),
    });
  });
}
