import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import type { AppConfig } from './core/config/app-config';
import { APP_CONFIG } from './core/config/app-config.provider';
import { DatabaseModule } from './core/database/database.module';
import { ApiExceptionFilter } from './core/errors/api-exception.filter';
import { apiValidationPipe } from './core/errors/api-validation.pipe';
import { HealthModule } from './core/health/health.module';
import { LoggingModule } from './core/logging/logging.module';
import { MetricsModule } from './core/metrics/metrics.module';
import { SecurityModule } from './core/security/security.module';
import { DevicesModule } from './modules/devices/devices.module';
import { ExecutionsModule } from './modules/executions/executions.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { ModelsModule } from './modules/models/models.module';
import { SchedulingModule } from './modules/scheduling/scheduling.module';
import { UsersModule } from './modules/users/users.module';

@Module({})
export class AppModule {
  // `extraModules` lets the e2e suites mount probe routes beside the real ones.
  static register(config: AppConfig, extraModules: Type[] = []): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggingModule,
        DatabaseModule,
        ScheduleModule.forRoot(),
        MetricsModule,
        SecurityModule,
        HealthModule,
        UsersModule,
        ModelsModule,
        DevicesModule,
        JobsModule,
        ExecutionsModule,
        SchedulingModule,
        ...extraModules,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useFactory: apiValidationPipe },
      ],
      exports: [APP_CONFIG],
    };
  }
}
