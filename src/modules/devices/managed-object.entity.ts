import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A device or a device group of the embedded inventory, shaped like a Cumulocity managed object. */
@Entity({ name: 'managed_objects' })
export class ManagedObjectEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 255 })
  type!: string;

  /** Has the `c8y_IsDevice` fragment. */
  @Column({ name: 'is_device', type: 'boolean' })
  isDevice!: boolean;

  /** Has the `c8y_IsDeviceGroup` fragment. */
  @Column({ name: 'is_group', type: 'boolean' })
  isGroup!: boolean;

  /** Every other fragment of the object as posted (JSON), so reads give it back. */
  @Column({ type: 'simple-json' })
  fragments!: Record<string, unknown>;

  @Column({ name: 'creation_time', type: 'datetime', precision: 3 })
  creationTime!: Date;

  @Column({ name: 'last_updated', type: 'datetime', precision: 3 })
  lastUpdated!: Date;
}
