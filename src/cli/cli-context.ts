import { type DynamicModule, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../core/config/app-config';
import { APP_CONFIG } from '../core/config/app-config.provider';
import { DatabaseModule } from '../core/database/database.module';
import { DatabaseService } from '../core/database/database.service';
import { UsersModule } from '../modules/users/users.module';

const DATABASE_READY_TIMEOUT_MS = 30_000;

@Module({})
class CliModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      global: true,
      imports: [DatabaseModule, UsersModule],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}

/**
 * Runs a CLI action with the same services the HTTP app uses (database with migrations, users),
 * without an HTTP server.
 */
export async function withCliContext<T>(
  config: AppConfig,
  action: (context: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const context = await NestFactory.createApplicationContext(CliModule.register(config), {
    logger: ['error'],
  });
  try {
    await context.get(DatabaseService).whenReady(DATABASE_READY_TIMEOUT_MS);
    return await action(context);
  } finally {
    await context.close();
  }
}
