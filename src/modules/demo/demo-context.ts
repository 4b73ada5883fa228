import { ScheduleModule } from '@nestjs/schedule';
import type { AppConfig } from '../../core/config/app-config';
import { withDatabaseContext } from '../../core/database/database-context';
import { MetricsModule } from '../../core/metrics/metrics.module';
import { JobsModule } from '../jobs/jobs.module';
import { ModelsModule } from '../models/models.module';
import { type DemoSeeder, demoSeederOf } from './demo-seeder';

/** Runs `action` with a seeder on the configured database, then closes it. */
export function withDemoSeeder<T>(
  config: AppConfig,
  action: (seeder: DemoSeeder) => Promise<T>,
): Promise<T> {
  // The jobs module brings the devices module, whose retention purge needs a scheduler; it
  // is stopped with the context. Nothing runs jobs here: the service picks them up.
  const parts = { imports: [ScheduleModule.forRoot(), MetricsModule, ModelsModule, JobsModule] };
  return withDatabaseContext(config, parts, (context) => action(demoSeederOf(context)));
}
