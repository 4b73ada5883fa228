import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A named set of models with the same inputs, one of them primary. */
@Entity({ name: 'model_groups' })
export class ModelGroupEntity {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  name!: string;

  /** Member names in the order the client gave them (membership itself is models.group_name). */
  @Column({ name: 'model_names', type: 'simple-json' })
  modelNames!: string[];

  @Column({ name: 'primary_model', type: 'varchar', length: 255 })
  primaryModel!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
