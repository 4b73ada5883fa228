import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors/domain-errors';
import { ModelGroupsRepository } from './model-groups.repository';

/** A model group as the API shows it. */
export interface ModelGroupView {
  groupName: string;
  models: string[];
  primaryModel: string;
}

export const groupNotFound = (name: string): NotFoundError =>
  new NotFoundError(`Model group with name '${name}' does not exist.`);

/** Model groups: named sets of models with the same inputs, one of them primary. */
@Injectable()
export class ModelGroupsService {
  constructor(private readonly groups: ModelGroupsRepository) {}

  async get(name: string): Promise<ModelGroupView> {
    const group = await this.groups.findByName(name);
    if (!group) throw groupNotFound(name);
    return { groupName: group.name, models: group.modelNames, primaryModel: group.primaryModel };
  }
}
