import {
  type DynamicModule,
  type INestApplicationContext,
  Module,
  type ModuleMetadata,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.provider';
import { DatabaseModule } from './database.module';
import { DatabaseService } from './database.service';

const DATABASE_READY_TIMEOUT_MS = 30_000;

@Module({})
class DatabaseContextModule {
  static register(
    config: AppConfig,
    parts: Pick<ModuleMetadata, 'imports' | 'providers'>,
  ): DynamicModule {
    return {
      module: DatabaseContextModule,
      global: true,
      imports: [DatabaseModule, ...(parts.imports ?? [])],
      providers: [{ provide: APP_CONFIG, useValue: config }, ...(parts.providers ?? [])],
      exports: [APP_CONFIG],
    };
  }
}

/**
 * Runs an action outside the HTTP app (CLI commands) with the configured database, migrated as
 * the service would migrate it, and just the modules and providers the action needs.
 */
export async function withDatabaseContext<T>(
  config: AppConfig,
  parts: Pick<ModuleMetadata, 'imports' | 'providers'>,
  action: (context: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const context = await NestFactory.createApplicationContext(
    DatabaseContextModule.register(config, parts),
    { logger: ['error'] },
  );
  try {
    await context.get(DatabaseService).whenReady(DATABASE_READY_TIMEOUT_MS);
    return await action(context);
  } finally {
    await context.close();
  }
}
