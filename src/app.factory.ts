import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppConfig } from './core/config/app-config';
import { jsonBodyParser } from './core/http/body-parsers';
import { httpMetricsMiddleware } from './core/metrics/http-metrics.middleware';
import { MetricsService } from './core/metrics/metrics.service';
import { mountOpenApi } from './core/openapi/openapi';
import { version } from '../package.json';

// Outside the Zementis base path: operations endpoints and the Cumulocity endpoints.
const ROOT_ROUTES = [
  'health',
  'health/ready',
  'metrics',
  'user/currentUser',
  // Cumulocity's own paths, so that agents written for Cumulocity push data unchanged.
  'inventory/{*path}',
  'measurement/{*path}',
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Builds the HTTP application exactly as it runs in production; main.ts and the e2e tests
 * both use it, so the tests exercise the real wiring.
 */
export async function createApp(
  config: AppConfig,
  extraModules: Type[] = [],
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, extraModules),
    {
      bufferLogs: true,
      bodyParser: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.set('x-powered-by', false);
  app.use(httpMetricsMiddleware(app.get(MetricsService)));
  // The apply endpoints stream their bodies (up to APPLY_BODY_LIMIT) themselves.
  const streamedBody = new RegExp(
    `^${escapeRegExp(config.http.basePath)}/(apply|pmml/apply-group)/`,
  );
  app.use(jsonBodyParser(config.http.bodyLimit, (req) => streamedBody.test(req.path)));
  app.setGlobalPrefix(config.http.basePath, { exclude: ROOT_ROUTES });
  mountOpenApi(app, version);
  await app.init();
  return app;
}
