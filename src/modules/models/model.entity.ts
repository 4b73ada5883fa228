import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An uploaded model: its name, state and current version (the sources are ModelVersionEntity). */
@Entity({ name: 'models' })
export class ModelEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ name: 'is_active', type: 'boolean' })
  isActive!: boolean;

  @Column({ name: 'current_version', type: 'integer' })
  currentVersion!: number;

  /**
   * The model group it belongs to, '' for none; a model is in at most one group. (Not NULL:
   * TypeORM's mysql driver misreads MariaDB's defaults of nullable columns, see database.md.)
   */
  @Index('IDX_models_group_name')
  @Column({ name: 'group_name', type: 'varchar', length: 255 })
  groupName!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
