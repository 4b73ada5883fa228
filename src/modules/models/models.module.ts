import { Module } from '@nestjs/common';
import { ApplyController } from './apply/apply.controller';
import { ApplyService } from './apply/apply.service';
import { ScoringMetrics } from './apply/scoring-metrics';
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
  controllers: [ModelsController, ModelGroupsController, ApplyController],
  providers: [
    ModelsRepository,
    ModelCompiler,
    CompiledModelCache,
    ModelUsageRegistry,
    ModelsService,
    ModelGroupsRepository,
    ModelGroupsService,
    ScoringMetrics,
    ApplyService,
  ],
  exports: [ModelsService, ModelGroupsService, ModelUsageRegistry],
})
export class ModelsModule {}
