import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Bytes per part: under the 64 KB of a MySQL blob, and far under any max_allowed_packet. */
export const SOURCE_PART_BYTES = 60_000;

/**
 * A model version's PMML as uploaded, gzip-compressed (PMML shrinks about tenfold) and cut
 * into parts, so that one column type holds any size on both dialects.
 */
@Entity({ name: 'model_source_parts' })
export class ModelSourcePartEntity {
  @PrimaryColumn({ name: 'model_name', type: 'varchar', length: 255 })
  modelName!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @PrimaryColumn({ type: 'integer' })
  part!: number;

  @Column({ type: 'blob' })
  data!: Buffer;
}
