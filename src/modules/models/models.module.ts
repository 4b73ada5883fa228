import { Module } from '@nestjs/common';
import { CompiledModelCache } from './compiled-model.cache';
import { ModelCompiler } from './model-compiler';
import { ModelGroupsController } from './model-groups.controller';
import { ModelGroupsRepository } from './model-groups.repository';
import { ModelGroupsService } from './model-groups.service';
import { ModelUsageRegistry } from './model-usage.registry';
import { ModelsController } from './models.controller';
import { ModelsRepository } from './models.repository';
import { ModelsService } from './models.service';

@Module({
  controllers: [ModelsController, ModelGroupsController],
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
