import { Injectable } from '@nestjs/common';
import { In, type Repository } from 'typeorm';
import { DatabaseService } from '../../core/database/database.service';
import {
  ManagedObjectReferenceEntity,
  type ReferenceKind,
} from './managed-object-reference.entity';
import { ManagedObjectEntity } from './managed-object.entity';

export interface ManagedObjectFilter {
  type?: string;
  /** Only devices (`c8y_IsDevice`) or only groups (`c8y_IsDeviceGroup`). */
  kind?: 'device' | 'group';
}

@Injectable()
export class InventoryRepository {
  constructor(private readonly database: DatabaseService) {}

  private get objects(): Repository<ManagedObjectEntity> {
    return this.database.repository(ManagedObjectEntity);
  }

  private get references(): Repository<ManagedObjectReferenceEntity> {
    return this.database.repository(ManagedObjectReferenceEntity);
  }

  /** Stores a new object and returns it with its id. */
  async insert(object: Omit<ManagedObjectEntity, 'id'>): Promise<ManagedObjectEntity> {
    const saved = await this.objects.save(this.objects.create(object));
    return saved;
  }

  findById(id: number): Promise<ManagedObjectEntity | null> {
    return this.objects.findOneBy({ id });
  }

  findByIds(ids: readonly number[]): Promise<ManagedObjectEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.objects.findBy({ id: In([...ids]) });
  }

  /** One page of objects by id, one more than asked so the caller knows if a next page exists. */
  list(filter: ManagedObjectFilter, skip: number, take: number): Promise<ManagedObjectEntity[]> {
    return this.objects.find({
      where: {
        ...(filter.type !== undefined ? { type: filter.type } : {}),
        ...(filter.kind === 'device' ? { isDevice: true } : {}),
        ...(filter.kind === 'group' ? { isGroup: true } : {}),
      },
      order: { id: 'ASC' },
      skip,
      take,
    });
  }

  /** Adds a child reference; adding one that exists changes nothing. */
  async addReference(parentId: number, kind: ReferenceKind, childId: number): Promise<void> {
    await this.references.upsert({ parentId, kind, childId }, ['parentId', 'kind', 'childId']);
  }

  /** Returns whether there was such a reference. */
  async removeReference(parentId: number, kind: ReferenceKind, childId: number): Promise<boolean> {
    const result = await this.references.delete({ parentId, kind, childId });
    return (result.affected ?? 0) > 0;
  }

  /** The references of the given parents, ordered by parent, kind and child. */
  referencesOf(
    parentIds: readonly number[],
    kind?: ReferenceKind,
  ): Promise<ManagedObjectReferenceEntity[]> {
    if (parentIds.length === 0) return Promise.resolve([]);
    return this.references.find({
      where: { parentId: In([...parentIds]), ...(kind ? { kind } : {}) },
      order: { parentId: 'ASC', kind: 'ASC', childId: 'ASC' },
    });
  }
}
