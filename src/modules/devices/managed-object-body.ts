import type {
  ManagedObjectReferenceEntity,
  ReferenceKind,
} from './managed-object-reference.entity';
import type { ManagedObjectEntity } from './managed-object.entity';

/** Fragments the inventory keeps in columns; every other property of a posted object is kept as is. */
const COLUMN_PROPERTIES = new Set([
  'id',
  'self',
  'name',
  'type',
  'creationTime',
  'lastUpdated',
  'owner',
  'c8y_IsDevice',
  'c8y_IsDeviceGroup',
  'childDevices',
  'childAssets',
  'childAdditions',
  'deviceParents',
  'assetParents',
  'additionParents',
]);

/** The columns of a posted managed object; undefined fields are left to the caller's defaults. */
export function managedObjectColumns(body: Record<string, unknown>): {
  name: string;
  type: string;
  isDevice: boolean;
  isGroup: boolean;
  fragments: Record<string, unknown>;
} {
  return {
    name: typeof body.name === 'string' ? body.name : '',
    type: typeof body.type === 'string' ? body.type : '',
    isDevice: 'c8y_IsDevice' in body,
    isGroup: 'c8y_IsDeviceGroup' in body,
    fragments: Object.fromEntries(
      Object.entries(body).filter(([key]) => !COLUMN_PROPERTIES.has(key)),
    ),
  };
}

export interface ReferenceTarget {
  id: number;
  name: string;
}

/** A managed object as Cumulocity answers it, with its child references. */
export function managedObjectBody(
  object: ManagedObjectEntity,
  references: readonly ManagedObjectReferenceEntity[],
  names: ReadonlyMap<number, string>,
  baseUrl: string,
): Record<string, unknown> {
  const self = `${baseUrl}/inventory/managedObjects/${object.id}`;
  const referencesOf = (kind: ReferenceKind): Record<string, unknown> => ({
    self: `${self}/${kind}`,
    references: references
      .filter((reference) => reference.parentId === object.id && reference.kind === kind)
      .map((reference) => referenceBody(self, kind, reference.childId, names, baseUrl)),
  });
  return {
    ...object.fragments,
    id: String(object.id),
    self,
    name: object.name,
    type: object.type,
    creationTime: object.creationTime.toISOString(),
    lastUpdated: object.lastUpdated.toISOString(),
    ...(object.isDevice ? { c8y_IsDevice: {} } : {}),
    ...(object.isGroup ? { c8y_IsDeviceGroup: {} } : {}),
    childDevices: referencesOf('childDevices'),
    childAssets: referencesOf('childAssets'),
  };
}

/** One child reference: `{"self", "managedObject": {"id", "name", "self"}}`. */
export function referenceBody(
  parentSelf: string,
  kind: ReferenceKind,
  childId: number,
  names: ReadonlyMap<number, string>,
  baseUrl: string,
): Record<string, unknown> {
  return {
    self: `${parentSelf}/${kind}/${childId}`,
    managedObject: {
      id: String(childId),
      name: names.get(childId) ?? '',
      self: `${baseUrl}/inventory/managedObjects/${childId}`,
    },
  };
}
