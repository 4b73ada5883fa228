import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An uploaded model: its name, state and current version (the sources are ModelVersionEntity). */
@Entity({ name: 'models' })
export class ModelEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'is_active', type: 'boolean' })
  isActive!: boolean;

  @Column({ name: 'current_version', type: 'int' })
  currentVersion!: number;

  /** The model group it belongs to; a model is in at most one group. */
  @Column({ name: 'group_name', type: 'varchar', length: 255, nullable: true })
  groupName!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
