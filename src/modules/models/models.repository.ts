import { Injectable } from '@nestjs/common';
import { type EntityManager, type FindOptionsSelect, In, IsNull, type Repository } from 'typeorm';
import { DatabaseService } from '../../core/database/database.service';
import { isDuplicateKeyError } from '../../core/database/duplicate-key-error';
import { ModelGroupEntity } from './model-group.entity';
import { ModelVersionEntity } from './model-version.entity';
import { ModelEntity } from './model.entity';

/** Everything of a version but its source. */
export type ModelVersionSummary = Omit<ModelVersionEntity, 'sourceGzip'>;

const SUMMARY_COLUMNS: FindOptionsSelect<ModelVersionEntity> = {
  modelName: true,
  version: true,
  sha256: true,
  sizeBytes: true,
  modelType: true,
  functionName: true,
  description: true,
  inputFields: true,
  outputFields: true,
  uploadedBy: true,
  createdAt: true,
};

@Injectable()
export class ModelsRepository {
  constructor(private readonly database: DatabaseService) {}

  private get models(): Repository<ModelEntity> {
    return this.database.repository(ModelEntity);
  }

  private get versions(): Repository<ModelVersionEntity> {
    return this.database.repository(ModelVersionEntity);
  }

  async listNames(): Promise<string[]> {
    const rows = await this.models.find({ select: { name: true }, order: { name: 'ASC' } });
    return rows.map((row) => row.name);
  }

  findByName(name: string): Promise<ModelEntity | null> {
    return this.models.findOneBy({ name });
  }

  findByNames(names: readonly string[]): Promise<ModelEntity[]> {
    return names.length === 0 ? Promise.resolve([]) : this.models.findBy({ name: In([...names]) });
  }

  findGroupMembers(groupName: string): Promise<ModelEntity[]> {
    return this.models.findBy({ groupName });
  }

  async hasGroup(name: string): Promise<boolean> {
    return (await this.database.repository(ModelGroupEntity).countBy({ name })) > 0;
  }

  async listGroupNames(): Promise<string[]> {
    const groups = await this.database
      .repository(ModelGroupEntity)
      .find({ select: { name: true }, order: { name: 'ASC' } });
    return groups.map((group) => group.name);
  }

  findVersionSummary(name: string, version: number): Promise<ModelVersionSummary | null> {
    return this.versions.findOne({
      select: SUMMARY_COLUMNS,
      where: { modelName: name, version },
    });
  }

  findVersionSummaries(
    keys: readonly { name: string; version: number }[],
  ): Promise<ModelVersionSummary[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.versions.find({
      select: SUMMARY_COLUMNS,
      where: keys.map((key) => ({ modelName: key.name, version: key.version })),
    });
  }

  listVersionSummaries(name: string): Promise<ModelVersionSummary[]> {
    return this.versions.find({
      select: SUMMARY_COLUMNS,
      where: { modelName: name },
      order: { version: 'ASC' },
    });
  }

  async findSource(name: string, version: number): Promise<Buffer | null> {
    const row = await this.versions.findOne({
      select: { sourceGzip: true },
      where: { modelName: name, version },
    });
    return row?.sourceGzip ?? null;
  }

  /** Stores a new model with its first version; false when the name is taken. */
  async insertModel(model: ModelEntity, version: ModelVersionEntity): Promise<boolean> {
    try {
      await this.database.transaction(async (manager) => {
        await manager.insert(ModelEntity, model);
        await manager.insert(ModelVersionEntity, version);
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /**
   * Adds a version and makes it current, unless another version was added since
   * `expectedCurrent` was read (then nothing changes and the answer is false).
   */
  async addVersion(version: ModelVersionEntity, expectedCurrent: number): Promise<boolean> {
    try {
      return await this.database.transaction(async (manager) => {
        const updated = await manager.update(
          ModelEntity,
          { name: version.modelName, currentVersion: expectedCurrent },
          { currentVersion: version.version, updatedAt: version.createdAt },
        );
        if ((updated.affected ?? 0) === 0) return false;
        await manager.insert(ModelVersionEntity, version);
        return true;
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Returns whether the model exists. */
  async setActive(name: string, isActive: boolean, at: Date): Promise<boolean> {
    const result = await this.models.update({ name }, { isActive, updatedAt: at });
    return (result.affected ?? 0) > 0;
  }

  /** Removes a model and its versions, unless it joined a group meanwhile; returns whether it did. */
  deleteUngrouped(name: string): Promise<boolean> {
    return this.database.transaction(async (manager) => {
      const removed = await manager.delete(ModelEntity, { name, groupName: IsNull() });
      if ((removed.affected ?? 0) === 0) return false;
      await manager.delete(ModelVersionEntity, { modelName: name });
      return true;
    });
  }

  /** Removes every model, version and group. */
  deleteAll(): Promise<void> {
    return this.database.transaction(async (manager) => {
      await this.deleteEvery(manager, ModelGroupEntity);
      await this.deleteEvery(manager, ModelVersionEntity);
      await this.deleteEvery(manager, ModelEntity);
    });
  }

  private async deleteEvery(
    manager: EntityManager,
    target: typeof ModelEntity | typeof ModelVersionEntity | typeof ModelGroupEntity,
  ): Promise<void> {
    await manager.createQueryBuilder().delete().from(target).execute();
  }
}
