import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors/domain-errors';
import { type PageRequest, type PageSlice, pageSlice, pageWindow } from '../../core/http/paging';
import type { ModelGroupEntity } from './model-group.entity';
import { ModelGroupsRepository, type GroupWriteOutcome } from './model-groups.repository';
import { safeName } from './model-names';
import { ModelUsageRegistry } from './model-usage.registry';
import { ModelsRepository } from './models.repository';
import { modelNotFound, sameInputs } from './models.service';

/** A model group as the API shows it. */
export interface ModelGroupView {
  groupName: string;
  models: string[];
  primaryModel: string;
}

/** A new group: `primaryModel` defaults to the first model. */
export interface NewModelGroup {
  groupName: string;
  models: string[];
  primaryModel?: string;
}

/** Changes to a group: new members, a new primary model, or both. */
export interface ModelGroupChange {
  groupName?: string;
  models?: string[];
  primaryModel?: string;
}

export const groupNotFound = (name: string): NotFoundError =>
  new NotFoundError(`Model group with name '${name}' does not exist.`);

const groupExists = (name: string): ConflictError =>
  new ConflictError(`A model group with the name '${name}' already exists.`);

const changedMeanwhile = (name: string): ConflictError =>
  new ConflictError(
    `Model group '${name}' or its models were changed meanwhile; send the request again.`,
  );

const viewOf = (group: ModelGroupEntity): ModelGroupView => ({
  groupName: group.name,
  models: group.modelNames,
  primaryModel: group.primaryModel,
});

/** Model groups: named sets of models with the same inputs, one of them primary. */
@Injectable()
export class ModelGroupsService {
  constructor(
    private readonly groups: ModelGroupsRepository,
    private readonly models: ModelsRepository,
    private readonly usage: ModelUsageRegistry,
  ) {}

  async get(name: string): Promise<ModelGroupView> {
    return viewOf(await this.requireGroup(name));
  }

  /** A page of the groups ordered by name, counted when the request asks for total pages. */
  async list(page: PageRequest): Promise<PageSlice<ModelGroupView>> {
    const { skip, take } = pageWindow(page);
    const [rows, total] = await Promise.all([
      this.groups.listByName(skip, take),
      page.withTotalPages ? this.groups.countAll() : Promise.resolve(null),
    ]);
    return pageSlice(rows.map(viewOf), page, total);
  }

  /**
   * Creates a group of existing models that take the same inputs and belong to no group;
   * deactivated models may be members.
   */
  async create(request: NewModelGroup, createdBy: string): Promise<ModelGroupView> {
    const name = safeName(request.groupName);
    if (await this.groups.findByName(name)) throw groupExists(name);
    // Jobs name a model or a group with one field, so the two share one namespace.
    if (await this.models.findByName(name)) {
      throw new ConflictError(
        `A model with the name '${name}' already exists; a model group cannot take its name.`,
      );
    }
    const primaryModel = request.primaryModel ?? request.models[0];
    await this.checkMembers(name, request.models, primaryModel);
    const now = new Date();
    const group: ModelGroupEntity = {
      name,
      modelNames: request.models,
      primaryModel,
      createdBy,
      createdAt: now,
      updatedAt: now,
    };
    const outcome = await this.groups.insertWithMembers(group);
    await this.throwUnlessDone(outcome, group);
    return viewOf(group);
  }

  /** Replaces a group's members or primary model; models that leave it belong to no group. */
  async update(name: string, change: ModelGroupChange): Promise<ModelGroupView> {
    const current = await this.requireGroup(name);
    if (change.groupName !== undefined && safeName(change.groupName) !== name) {
      throw new ValidationError(
        `groupName '${change.groupName}' is not the name of the group in the path, '${name}'; groups cannot be renamed.`,
      );
    }
    if (change.models === undefined && change.primaryModel === undefined) {
      throw new ValidationError('Give the new models, the new primaryModel, or both.');
    }
    const models = change.models ?? current.modelNames;
    const primaryModel =
      change.primaryModel ??
      (models.includes(current.primaryModel) ? current.primaryModel : models[0]);
    await this.checkMembers(name, models, primaryModel);

    const members = new Set(current.modelNames);
    const wanted = new Set(models);
    // Later than the time read even within one millisecond: it is the mark of this change.
    const updatedAt = new Date(Math.max(Date.now(), current.updatedAt.getTime() + 1));
    const group: ModelGroupEntity = { ...current, modelNames: models, primaryModel, updatedAt };
    const outcome = await this.groups.updateWithMembers(
      group,
      current.updatedAt,
      models.filter((model) => !members.has(model)),
      current.modelNames.filter((model) => !wanted.has(model)),
    );
    await this.throwUnlessDone(outcome, group);
    return viewOf(group);
  }

  /** Deletes a group no job uses; its members stay, in no group. */
  async delete(name: string): Promise<void> {
    await this.requireGroup(name);
    await this.usage.refuseIfUsed([name]);
    if (!(await this.groups.deleteFreeingMembers(name))) throw groupNotFound(name);
  }

  private async requireGroup(name: string): Promise<ModelGroupEntity> {
    const group = await this.groups.findByName(name);
    if (!group) throw groupNotFound(name);
    return group;
  }

  /**
   * Throws when a member is unknown (404, naming each), or else when members belong to another
   * group, take other inputs, or the primary model is not a member (400, every problem at once).
   */
  private async checkMembers(
    group: string,
    names: readonly string[],
    primaryModel: string,
  ): Promise<void> {
    const found = new Map(
      (await this.models.findByNames(names)).map((model) => [model.name, model]),
    );
    const missing = names.filter((name) => !found.has(name));
    if (missing.length > 0) {
      throw new NotFoundError(missing.map((name) => modelNotFound(name).message));
    }
    const models = names.flatMap((name) => found.get(name) ?? []);
    const problems = models
      .filter((model) => model.groupName !== '' && model.groupName !== group)
      .map((model) => `Model '${model.name}' already belongs to model group '${model.groupName}'.`);
    const versions = await this.models.findVersions(
      models.map((model) => ({ name: model.name, version: model.currentVersion })),
    );
    const inputs = new Map(versions.map((version) => [version.modelName, version.inputFields]));
    const [first, ...others] = names;
    const different = others.filter(
      (name) => !sameInputs(inputs.get(first) ?? [], inputs.get(name) ?? []),
    );
    if (different.length > 0) {
      problems.push(
        `All models of a group must take the same inputs: ${different.map((name) => `'${name}'`).join(', ')} ${different.length === 1 ? 'takes' : 'take'} other inputs than '${first}'.`,
      );
    }
    if (!names.includes(primaryModel)) {
      problems.push(`primaryModel '${primaryModel}' is not one of the group's models.`);
    }
    if (problems.length > 0) throw new ValidationError(problems);
  }

  // A write that lost a race: say why as a fresh check would, else that something changed.
  private async throwUnlessDone(
    outcome: GroupWriteOutcome,
    group: ModelGroupEntity,
  ): Promise<void> {
    if (outcome === 'done') return;
    if (outcome === 'group-exists') throw groupExists(group.name);
    if (outcome === 'members-taken') {
      await this.checkMembers(group.name, group.modelNames, group.primaryModel);
    } else if (!(await this.groups.findByName(group.name))) {
      throw groupNotFound(group.name);
    }
    throw changedMeanwhile(group.name);
  }
}
