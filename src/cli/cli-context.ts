import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '../core/config/app-config';
import { withDatabaseContext } from '../core/database/database-context';
import { UsersModule } from '../modules/users/users.module';

/**
 * Runs a CLI action with the same services the HTTP app uses (database with migrations, users),
 * without an HTTP server.
 */
export function withCliContext<T>(
  config: AppConfig,
  action: (context: INestApplicationContext) => Promise<T>,
): Promise<T> {
  return withDatabaseContext(config, { imports: [UsersModule] }, action);
}
