import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module';
import { JobsModule } from '../jobs/jobs.module';
import { ModelsModule } from '../models/models.module';
import { ExecutionLauncher } from './execution-launcher';
import { ExecutionLogsRepository } from './execution-logs.repository';
import { ExecutionMetrics } from './execution-metrics';
import { ExecutionModels } from './execution-models';
import { ExecutionRetention } from './execution-retention';
import { ExecutionRunner } from './execution-runner';
import { ExecutionsController } from './executions.controller';
import { ExecutionsRepository } from './executions.repository';
import { ExecutionsService } from './executions.service';
import { InferencesRepository } from './inferences.repository';

@Module({
  imports: [JobsModule, ModelsModule, DevicesModule],
  controllers: [ExecutionsController],
  providers: [
    ExecutionsRepository,
    InferencesRepository,
    ExecutionLogsRepository,
    ExecutionMetrics,
    ExecutionModels,
    ExecutionRunner,
    ExecutionLauncher,
    ExecutionRetention,
    ExecutionsService,
  ],
  exports: [ExecutionLauncher],
})
export class ExecutionsModule {}
