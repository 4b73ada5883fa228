import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors/domain-errors';
import type { JobDefinition } from '../jobs/job-request';
import { ModelGroupsService } from '../models/model-groups.service';
import { ModelsService, type ScoredColumns } from '../models/models.service';
import { messageOf } from './transient-errors';

/** A model version an execution scores with. */
export interface ExecutionModel {
  name: string;
  version: number;
}

/** The models a job scores with, and why any of them cannot. */
export interface ResolvedModels {
  models: ExecutionModel[];
  failures: string[];
}

/**
 * The models module as executions use it: which models a job names (the model, the group's
 * primary model, or every member with applyAllModels), and scoring chunks with them.
 */
@Injectable()
export class ExecutionModels {
  constructor(
    private readonly models: ModelsService,
    private readonly groups: ModelGroupsService,
  ) {}

  /** Each named model's current version, if it is active; the others as failures. */
  async resolve(
    definition: Pick<JobDefinition, 'modelOrGroup' | 'applyAllModels'>,
  ): Promise<ResolvedModels> {
    const resolved: ResolvedModels = { models: [], failures: [] };
    for (const name of await this.namesOf(definition)) {
      try {
        const model = await this.models.activeModel(name);
        resolved.models.push({ name: model.name, version: model.version });
      } catch (error) {
        resolved.failures.push(messageOf(error));
      }
    }
    return resolved;
  }

  score(
    model: ExecutionModel,
    columns: Readonly<Record<string, ArrayLike<unknown>>>,
    rowCount: number,
  ): Promise<ScoredColumns> {
    return this.models.scoreColumns(model, columns, rowCount);
  }

  // Models and groups share one namespace, so a name that is no group is a model.
  private async namesOf(
    definition: Pick<JobDefinition, 'modelOrGroup' | 'applyAllModels'>,
  ): Promise<string[]> {
    try {
      const group = await this.groups.get(definition.modelOrGroup);
      return definition.applyAllModels ? group.models : [group.primaryModel];
    } catch (error) {
      if (error instanceof NotFoundError) return [definition.modelOrGroup];
      throw error;
    }
  }
}
