import { Injectable } from '@nestjs/common';
import { type EntityManager, In, type Repository } from 'typeorm';
import { DatabaseService } from '../../core/database/database.service';
import { isDuplicateKeyError } from '../../core/database/duplicate-key-error';
import { ModelGroupEntity } from './model-group.entity';
import { ModelEntity } from './model.entity';

/**
 * How a write ended. `members-taken`: a model to add was in a group, or gone, by the time the
 * write ran; `group-changed`: someone else changed or deleted the group since it was read.
 * Nothing was written unless `done`.
 */
export type GroupWriteOutcome = 'done' | 'group-exists' | 'group-changed' | 'members-taken';

// Thrown inside a transaction to roll it back with an outcome the caller expects.
class RollBack extends Error {
  constructor(readonly outcome: Exclude<GroupWriteOutcome, 'done'>) {
    super(outcome);
  }
}

@Injectable()
export class ModelGroupsRepository {
  constructor(private readonly database: DatabaseService) {}

  private get groups(): Repository<ModelGroupEntity> {
    return this.database.repository(ModelGroupEntity);
  }

  findByName(name: string): Promise<ModelGroupEntity | null> {
    return this.groups.findOneBy({ name });
  }

  async listNames(): Promise<string[]> {
    const groups = await this.groups.find({ select: { name: true }, order: { name: 'ASC' } });
    return groups.map((group) => group.name);
  }

  countAll(): Promise<number> {
    return this.groups.count();
  }

  /** Groups ordered by name, `take` of them after the first `skip`. */
  listByName(skip: number, take: number): Promise<ModelGroupEntity[]> {
    return this.groups.find({ order: { name: 'ASC' }, skip, take });
  }

  /** Stores a new group and makes its models members, unless one is in a group already. */
  insertWithMembers(group: ModelGroupEntity): Promise<GroupWriteOutcome> {
    return this.writeOnce(async (manager) => {
      try {
        await manager.insert(ModelGroupEntity, group);
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new RollBack('group-exists');
        throw error;
      }
      await this.claim(manager, group.name, group.modelNames);
    });
  }

  /**
   * Stores a group's new state if it still has `expectedUpdatedAt`; members in `removed`
   * leave it, and those in `added` join it unless they are in a group already.
   */
  updateWithMembers(
    group: ModelGroupEntity,
    expectedUpdatedAt: Date,
    added: readonly string[],
    removed: readonly string[],
  ): Promise<GroupWriteOutcome> {
    return this.writeOnce(async (manager) => {
      const updated = await manager.update(
        ModelGroupEntity,
        { name: group.name, updatedAt: expectedUpdatedAt },
        {
          modelNames: group.modelNames,
          primaryModel: group.primaryModel,
          updatedAt: group.updatedAt,
        },
      );
      if ((updated.affected ?? 0) === 0) throw new RollBack('group-changed');
      if (removed.length > 0) {
        await manager.update(
          ModelEntity,
          { name: In([...removed]), groupName: group.name },
          { groupName: '' },
        );
      }
      await this.claim(manager, group.name, added);
    });
  }

  /** Removes a group and frees its members; false when there was no such group. */
  async deleteFreeingMembers(name: string): Promise<boolean> {
    const outcome = await this.writeOnce(async (manager) => {
      const removed = await manager.delete(ModelGroupEntity, { name });
      if ((removed.affected ?? 0) === 0) throw new RollBack('group-changed');
      await manager.update(ModelEntity, { groupName: name }, { groupName: '' });
    });
    return outcome === 'done';
  }

  // The condition on group_name makes joining safe against a concurrent write: of two groups
  // claiming a model, the second finds it taken and rolls back.
  private async claim(manager: EntityManager, group: string, names: readonly string[]) {
    if (names.length === 0) return;
    const claimed = await manager.update(
      ModelEntity,
      { name: In([...names]), groupName: '' },
      { groupName: group },
    );
    if ((claimed.affected ?? 0) !== names.length) throw new RollBack('members-taken');
  }

  private async writeOnce(
    work: (manager: EntityManager) => Promise<void>,
  ): Promise<GroupWriteOutcome> {
    try {
      await this.database.transaction(work);
      return 'done';
    } catch (error) {
      if (error instanceof RollBack) return error.outcome;
      throw error;
    }
  }
}
