import { Injectable } from '@nestjs/common';
import { type EntityManager, In, type Repository } from 'typeorm';
import { DatabaseService } from '../../core/database/database.service';
import { isDuplicateKeyError } from '../../core/database/duplicate-key-error';
import { ModelGroupEntity } from './model-group.entity';
import { ModelSourcePartEntity, SOURCE_PART_BYTES } from './model-source-part.entity';
import { ModelVersionEntity } from './model-version.entity';
import { ModelEntity } from './model.entity';

// Rows per INSERT of source parts: 100 parts of 60 KB stay under MySQL's 16 MB packets.
const PARTS_PER_INSERT = 100;

function sourceParts(version: ModelVersionEntity, sourceGzip: Buffer): ModelSourcePartEntity[] {
  const parts: ModelSourcePartEntity[] = [];
  for (let offset = 0, part = 0; offset < sourceGzip.length; offset += SOURCE_PART_BYTES, part++) {
    parts.push({
      modelName: version.modelName,
      version: version.version,
      part,
      data: sourceGzip.subarray(offset, offset + SOURCE_PART_BYTES),
    });
  }
  return parts;
}

async function insertSource(
  manager: EntityManager,
  version: ModelVersionEntity,
  sourceGzip: Buffer,
): Promise<void> {
  const parts = sourceParts(version, sourceGzip);
  for (let start = 0; start < parts.length; start += PARTS_PER_INSERT) {
    await manager.insert(ModelSourcePartEntity, parts.slice(start, start + PARTS_PER_INSERT));
  }
}

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

  findVersion(name: string, version: number): Promise<ModelVersionEntity | null> {
    return this.versions.findOne({
      where: { modelName: name, version },
    });
  }

  findVersions(keys: readonly { name: string; version: number }[]): Promise<ModelVersionEntity[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.versions.find({
      where: keys.map((key) => ({ modelName: key.name, version: key.version })),
    });
  }

  listVersions(name: string): Promise<ModelVersionEntity[]> {
    return this.versions.find({
      where: { modelName: name },
      order: { version: 'ASC' },
    });
  }

  /** The gzip-compressed source of a version, or null when there is none. */
  async findSource(name: string, version: number): Promise<Buffer | null> {
    const parts = await this.database
      .repository(ModelSourcePartEntity)
      .find({ where: { modelName: name, version }, order: { part: 'ASC' } });
    return parts.length === 0 ? null : Buffer.concat(parts.map((part) => part.data));
  }

  /** Stores a new model with its first version; false when the name is taken. */
  async insertModel(
    model: ModelEntity,
    version: ModelVersionEntity,
    sourceGzip: Buffer,
  ): Promise<boolean> {
    try {
      await this.database.transaction(async (manager) => {
        await manager.insert(ModelEntity, model);
        await manager.insert(ModelVersionEntity, version);
        await insertSource(manager, version, sourceGzip);
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
  async addVersion(
    version: ModelVersionEntity,
    sourceGzip: Buffer,
    expectedCurrent: number,
  ): Promise<boolean> {
    try {
      return await this.database.transaction(async (manager) => {
        const updated = await manager.update(
          ModelEntity,
          { name: version.modelName, currentVersion: expectedCurrent },
          { currentVersion: version.version, updatedAt: version.createdAt },
        );
        if ((updated.affected ?? 0) === 0) return false;
        await manager.insert(ModelVersionEntity, version);
        await insertSource(manager, version, sourceGzip);
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
      const removed = await manager.delete(ModelEntity, { name, groupName: '' });
      if ((removed.affected ?? 0) === 0) return false;
      await manager.delete(ModelVersionEntity, { modelName: name });
      await manager.delete(ModelSourcePartEntity, { modelName: name });
      return true;
    });
  }

  /** Removes every model, version and group. */
  deleteAll(): Promise<void> {
    return this.database.transaction(async (manager) => {
      await this.deleteEvery(manager, ModelGroupEntity);
      await this.deleteEvery(manager, ModelVersionEntity);
      await this.deleteEvery(manager, ModelSourcePartEntity);
      await this.deleteEvery(manager, ModelEntity);
    });
  }

  private async deleteEvery(
    manager: EntityManager,
    target:
      | typeof ModelEntity
      | typeof ModelVersionEntity
      | typeof ModelSourcePartEntity
      | typeof ModelGroupEntity,
  ): Promise<void> {
    await manager.createQueryBuilder().delete().from(target).execute();
  }
}
