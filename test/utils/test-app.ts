import type { INestApplication, Type } from '@nestjs/common';
import type { App } from 'supertest/types';
import { createApp } from '../../src/app.factory';
import { type AppConfig, loadAppConfig } from '../../src/core/config/app-config';
import { DatabaseService } from '../../src/core/database/database.service';
import { createTestDatabase, type TestDatabaseKind } from './test-databases';
import { TEST_JWT_SECRET } from './tokens';

const DATABASE_READY_TIMEOUT_MS = 30_000;

export interface TestApp {
  app: INestApplication;
  http: App;
  config: AppConfig;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  extraModules?: Type[];
  // false: do not wait for the database (for tests of an unreachable one).
  waitForDatabase?: boolean;
}

/** The real application, as main.ts builds it, on a fresh database of the given kind. */
export async function startTestApp(
  kind: TestDatabaseKind,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const config = loadAppConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    ...database.env,
    ...options.env,
  });
  const app = await createApp(config, options.extraModules);
  if (options.waitForDatabase !== false) {
    await app.get(DatabaseService).whenReady(DATABASE_READY_TIMEOUT_MS);
  }
  return {
    app,
    http: app.getHttpServer() as App,
    config,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
