import { Module } from '@nestjs/common';
import { CompiledModelCache } from './compiled-model.cache';
import { ModelCompiler } from './model-compiler';
import { ModelGroupsRepository } from './model-groups.repository';
import { ModelGroupsService } from './model-groups.service';
import { ModelUsageRegistry } from './model-usage.registry';
import { ModelsController } from './models.controller';
import { ModelsRepository } from './models.repository';
import { ModelsService } from './models.service';

@Module({
  controllers: [ModelsController],
  providers: [
    ModelsRepository,
    ModelCompiler,
    CompiledModelCache,
    ModelUsageRegistry,
    ModelsService,
    ModelGroupsRepository,
    ModelGroupsService,
  ],
  exports: [ModelsService, ModelGroupsService, ModelUsageRegistry],
})
export class ModelsModule {}
