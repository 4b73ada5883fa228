import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module';
import { ModelsModule } from '../models/models.module';
import { JobChanges } from './job-changes';
import { JobRunFieldsRegistry } from './job-run-fields.registry';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';
import { ModelAndDeviceLookups } from './model-and-device-lookups';

@Module({
  imports: [ModelsModule, DevicesModule],
  controllers: [JobsController],
  providers: [JobsRepository, ModelAndDeviceLookups, JobsService, JobChanges, JobRunFieldsRegistry],
  exports: [JobsService, JobChanges, JobRunFieldsRegistry],
})
export class JobsModule {}
