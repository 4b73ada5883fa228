import { Module } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ExecutionsModule } from '../executions/executions.module';
import { JobsModule } from '../jobs/jobs.module';
import { JobsService } from '../jobs/jobs.service';
import { jobTableOf } from './job-table';
import { JOB_TABLE, JobTriggers, TRIGGER_TIMER_HOST } from './job-triggers.service';
import { SchedulerRegistryTimerHost } from './scheduler-registry-timer-host';
import { TriggerMetrics } from './trigger-metrics';

@Module({
  imports: [JobsModule, ExecutionsModule],
  providers: [
    { provide: JOB_TABLE, inject: [JobsService], useFactory: jobTableOf },
    {
      provide: TRIGGER_TIMER_HOST,
      inject: [SchedulerRegistry],
      useFactory: (registry: SchedulerRegistry) => new SchedulerRegistryTimerHost(registry),
    },
    TriggerMetrics,
    JobTriggers,
  ],
  exports: [JobTriggers],
})
export class SchedulingModule {}
