import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a request sent with an `Idempotency-Key` header, so that a retry gets
 * the same answer instead of doing the work again. Keys belong to one caller and one operation.
 */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  /** SHA-256 (hex) of the caller's id: ids of any length fit a fixed-size key. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  caller!: string;

  /** What the key was used for, such as `create-job`. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  operation!: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 255 })
  idempotencyKey!: string;

  /** SHA-256 (hex) of the request body, to tell a retry from a different request. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash!: string;

  @Column({ type: 'integer' })
  status!: number;

  /** The answer's body, JSON. */
  @Column({ type: 'text' })
  response!: string;

  @Index('IDX_idempotency_keys_created_at')
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
