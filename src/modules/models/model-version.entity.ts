import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A field as the model info shows it: `{"usage": "active", "name": "x", "type": "DOUBLE"}`. */
export interface ModelFieldInfo {
  usage: string;
  name: string;
  type: string;
}

/**
 * One uploaded version of a model: what the engine read from it (its source is in
 * ModelSourcePartEntity). Versions are never changed: replacing a model adds one, so an
 * execution that started on a version can finish on it.
 */
@Entity({ name: 'model_versions' })
export class ModelVersionEntity {
  @PrimaryColumn({ name: 'model_name', type: 'varchar', length: 255 })
  modelName!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  /** Of the uploaded bytes, hex. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ name: 'model_type', type: 'varchar', length: 64 })
  modelType!: string;

  @Column({ name: 'function_name', type: 'varchar', length: 64 })
  functionName!: string;

  /** The PMML Header's description, '' when it has none. */
  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'input_fields', type: 'simple-json' })
  inputFields!: ModelFieldInfo[];

  @Column({ name: 'output_fields', type: 'simple-json' })
  outputFields!: ModelFieldInfo[];

  @Column({ name: 'uploaded_by', type: 'varchar', length: 100 })
  uploadedBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
