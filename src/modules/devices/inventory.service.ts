import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError } from '../../core/errors/domain-errors';
import { type PageRequest, type PageSlice, pageSlice, pageWindow } from '../../core/http/paging';
import { managedObjectColumns } from './managed-object-body';
import type {
  ManagedObjectReferenceEntity,
  ReferenceKind,
} from './managed-object-reference.entity';
import type { ManagedObjectEntity } from './managed-object.entity';
import { InventoryRepository, type ManagedObjectFilter } from './inventory.repository';

/** Objects with what their bodies need: their references and the names of the referenced objects. */
export interface ManagedObjectsView {
  objects: ManagedObjectEntity[];
  references: ManagedObjectReferenceEntity[];
  names: Map<number, string>;
}

export const managedObjectNotFound = (id: string | number): NotFoundError =>
  new NotFoundError(`Finding device data from database failed : No managedObject for id '${id}'!`);

/** A path or body id: a positive whole number, else the object cannot exist. */
export function objectId(text: unknown): number {
  const id = typeof text === 'number' ? text : typeof text === 'string' ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw managedObjectNotFound(String(text));
  return id;
}

function asObject(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError(`The request body must be a JSON object describing ${what}.`);
  }
  return body as Record<string, unknown>;
}

/** The embedded inventory: devices, groups and their child references. */
@Injectable()
export class InventoryService {
  constructor(private readonly inventory: InventoryRepository) {}

  async create(body: unknown): Promise<ManagedObjectsView> {
    const columns = managedObjectColumns(asObject(body, 'a managed object'));
    const now = new Date();
    const object = await this.inventory.insert({ ...columns, creationTime: now, lastUpdated: now });
    return { objects: [object], references: [], names: new Map() };
  }

  async get(id: number): Promise<ManagedObjectsView> {
    const object = await this.inventory.findById(id);
    if (!object) throw managedObjectNotFound(id);
    return this.withReferences([object]);
  }

  async list(
    filter: ManagedObjectFilter,
    page: PageRequest,
  ): Promise<PageSlice<ManagedObjectsView>> {
    const { skip, take } = pageWindow(page);
    const rows = await this.inventory.list(filter, skip, take);
    const slice = pageSlice(rows, page, null);
    return { ...slice, items: [await this.withReferences(slice.items)] };
  }

  /** Adds the existing object `childId` as a child; returns the child. */
  async addReference(
    parentId: number,
    kind: ReferenceKind,
    body: unknown,
  ): Promise<ManagedObjectEntity> {
    const managedObject = asObject(body, 'a reference').managedObject;
    const childId = objectId(
      typeof managedObject === 'object' && managedObject !== null
        ? (managedObject as { id?: unknown }).id
        : undefined,
    );
    const [parent, child] = await Promise.all([
      this.inventory.findById(parentId),
      this.inventory.findById(childId),
    ]);
    if (!parent) throw managedObjectNotFound(parentId);
    if (!child) throw managedObjectNotFound(childId);
    if (childId === parentId)
      throw new ValidationError('A managed object cannot be its own child.');
    await this.inventory.addReference(parentId, kind, childId);
    return child;
  }

  async removeReference(parentId: number, kind: ReferenceKind, childId: number): Promise<void> {
    if (!(await this.inventory.removeReference(parentId, kind, childId))) {
      throw new NotFoundError(
        `Managed object ${parentId} has no reference to ${childId} in ${kind}.`,
      );
    }
  }

  private async withReferences(objects: ManagedObjectEntity[]): Promise<ManagedObjectsView> {
    const references = await this.inventory.referencesOf(objects.map((object) => object.id));
    const children = await this.inventory.findByIds([
      ...new Set(references.map((reference) => reference.childId)),
    ]);
    return {
      objects,
      references,
      names: new Map(children.map((child) => [child.id, child.name])),
    };
  }
}
