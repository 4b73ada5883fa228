import { Column, Entity, Index, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';

// mysql2 reads BIGINT as text; device ids stay far below 2^53, so a number is exact.
const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string | number) => Number(value),
};

/**
 * A scheduled job as a client defined it, plus its state. Fields a job of the other frequency
 * has no use for hold '' or 0 (no nullable columns, see docs/database.md).
 */
@Entity({ name: 'jobs' })
@Index('IDX_jobs_status_frequency', ['jobStatus', 'frequency'])
export class JobEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  /** Unsafe characters already replaced. */
  @Column({ name: 'job_name', type: 'varchar', length: 255 })
  jobName!: string;

  @Column({ name: 'job_description', type: 'text' })
  jobDescription!: string;

  @Index('IDX_jobs_group_or_device_id')
  @Column({
    name: 'group_or_device_id',
    type: 'bigint',
    transformer: BIGINT_AS_NUMBER,
  })
  groupOrDeviceId!: number;

  @Index('IDX_jobs_model_or_group')
  @Column({ name: 'model_or_group', type: 'varchar', length: 255 })
  modelOrGroup!: string;

  @Column({ name: 'apply_all_models', type: 'boolean' })
  applyAllModels!: boolean;

  /** Model input → `fragment.series.value`, in the client's order. */
  @Column({ name: 'model_to_device_mappings', type: 'simple-json' })
  modelToDeviceMappings!: Record<string, string>;

  /** `once` or `periodic`. */
  @Column({ type: 'varchar', length: 16 })
  frequency!: string;

  /** Periodic jobs only, else ''. */
  @Column({ name: 'cron_expression', type: 'varchar', length: 255 })
  cronExpression!: string;

  /** Periodic jobs only, else 0. */
  @Column({ name: 'data_from_previous_n_seconds', type: 'integer' })
  dataFromPreviousNSeconds!: number;

  /** As the client sent it (legacy aliases kept); for a once job without one, the server's. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  /**
   * Once jobs only, else '': UTC instants written yyyy-MM-ddTHH:mm:ss.SSSZ, which sort as
   * text in time order on both dialects.
   */
  @Column({ name: 'schedule_at', type: 'varchar', length: 24 })
  scheduleAt!: string;

  @Column({ name: 'data_from', type: 'varchar', length: 24 })
  dataFrom!: string;

  @Column({ name: 'data_to', type: 'varchar', length: 24 })
  dataTo!: string;

  /** `Active` or `Inactive` (paused). */
  @Column({ name: 'job_status', type: 'varchar', length: 16 })
  jobStatus!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  /** jobCreationDate. */
  @Index('IDX_jobs_created_at')
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  /** Executions of the job to keep; 0: the service's default. */
  @Column({ name: 'keep_executions', type: 'integer' })
  keepExecutions!: number;

  /** Days to keep the job's executions; 0: the service's default. */
  @Column({ name: 'retention_days', type: 'integer' })
  retentionDays!: number;
}
