import { Entity, Index, PrimaryColumn } from 'typeorm';

export const REFERENCE_KINDS = ['childDevices', 'childAssets'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** A child of a managed object: a device of a group (childDevices) or a subgroup or asset (childAssets). */
@Entity({ name: 'managed_object_references' })
@Index('IDX_managed_object_references_child', ['childId'])
export class ManagedObjectReferenceEntity {
  @PrimaryColumn({ name: 'parent_id', type: 'integer' })
  parentId!: number;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind!: ReferenceKind;

  @PrimaryColumn({ name: 'child_id', type: 'integer' })
  childId!: number;
}
