import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A field as the model info shows it: `{"usage": "active", "name": "x", "type": "DOUBLE"}`. */
export interface ModelFieldInfo {
  usage: string;
  name: string;
  type: string;
}

/**
 * One uploaded source of a model. Versions are never changed: replacing a model adds one, so
 * an execution that started on a version can finish on it.
 */
@Entity({ name: 'model_versions' })
export class ModelVersionEntity {
  @PrimaryColumn({ name: 'model_name', type: 'varchar', length: 255 })
  modelName!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  /** The PMML as uploaded, gzip-compressed (PMML shrinks about tenfold). */
  @Column({ name: 'source_gzip', type: 'blob' })
  sourceGzip!: Buffer;

  /** Of the uploaded bytes, hex. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes!: number;

  @Column({ name: 'model_type', type: 'varchar', length: 64 })
  modelType!: string;

  @Column({ name: 'function_name', type: 'varchar', length: 64 })
  functionName!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'input_fields', type: 'simple-json' })
  inputFields!: ModelFieldInfo[];

  @Column({ name: 'output_fields', type: 'simple-json' })
  outputFields!: ModelFieldInfo[];

  @Column({ name: 'uploaded_by', type: 'varchar', length: 100 })
  uploadedBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
