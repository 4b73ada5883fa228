import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type ValueTransformer,
} from 'typeorm';
import { JobEntity } from '../jobs/job.entity';

// mysql2 reads BIGINT as text; times in ms and counts stay far below 2^53, so a number is exact.
export const BIGINT_AS_NUMBER: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string | number) => Number(value),
};

/**
 * One run of a job, from the fire that queued it to its end. Times are ms since 1970 (UTC), 0
 * while they have not happened. Claims and lease renewals are conditional updates of this row.
 */
@Entity({ name: 'job_executions' })
@Index('UQ_job_executions_job_fire', ['jobId', 'scheduledFireTime'], { unique: true })
@Index('UQ_job_executions_job_number', ['jobId', 'executionNumber'], { unique: true })
@Index('IDX_job_executions_status_lease', ['status', 'leaseUntil'])
export class JobExecutionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'job_id', type: 'integer' })
  jobId!: number;

  // Only for the foreign key (deleting a job deletes its executions); never loaded.
  @ManyToOne(() => JobEntity, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'FK_job_executions_job_id' })
  job?: JobEntity;

  /** jobExecutionNumber: 1, 2, … per job, never given out twice. */
  @Column({ name: 'execution_number', type: 'integer' })
  executionNumber!: number;

  /** The fire this execution is for; a manual run or retry fires when it is asked for. */
  @Column({ name: 'scheduled_fire_time', type: 'bigint', transformer: BIGINT_AS_NUMBER })
  scheduledFireTime!: number;

  /** `schedule`, `misfire`, `manual` or `retry`. */
  @Column({ name: 'trigger_kind', type: 'varchar', length: 16 })
  trigger!: string;

  /** Queued, Running, Success, Warning, Failure or Cancelled. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** jobExecutionStatusMessage: a JSON array of texts. */
  @Column({ name: 'status_message', type: 'simple-json' })
  statusMessage!: string[];

  /** isExecutionForDeviceGroup; known once the run has resolved the id. */
  @Column({ name: 'for_device_group', type: 'boolean' })
  forDeviceGroup!: boolean;

  @Column({ name: 'window_from', type: 'bigint', transformer: BIGINT_AS_NUMBER })
  windowFrom!: number;

  @Column({ name: 'window_to', type: 'bigint', transformer: BIGINT_AS_NUMBER })
  windowTo!: number;

  @Column({ name: 'window_to_inclusive', type: 'boolean' })
  windowToInclusive!: boolean;

  @Column({ name: 'created_at', type: 'bigint', transformer: BIGINT_AS_NUMBER })
  createdAt!: number;

  @Column({ name: 'started_at', type: 'bigint', transformer: BIGINT_AS_NUMBER })
  startedAt!: number;

  @Column({ name: 'ended_at', type: 'bigint', transformer: BIGINT_AS_NUMBER })
  endedAt!: number;

  @Column({ name: 'duration_ms', type: 'bigint', transformer: BIGINT_AS_NUMBER })
  durationMs!: number;

  /** Records scored, counted once per model that scored them. */
  @Column({ name: 'records_scored', type: 'bigint', transformer: BIGINT_AS_NUMBER })
  recordsScored!: number;

  /** The replica that holds the claim; '' before the first claim. */
  @Column({ name: 'claimed_by', type: 'varchar', length: 100 })
  claimedBy!: string;

  /** The claim holds until then unless renewed; 0 when nobody holds it. */
  @Column({ name: 'lease_until', type: 'bigint', transformer: BIGINT_AS_NUMBER })
  leaseUntil!: number;

  @Column({ name: 'cancel_requested', type: 'boolean' })
  cancelRequested!: boolean;

  /**
   * 1 at the first claim, one more at each takeover. Inference rows carry it, and only those of
   * the current attempt count, so a runner that was given up on can never add to the answer.
   */
  @Column({ type: 'integer' })
  attempt!: number;

  /** For a retry: the number of the execution it retries; else 0. */
  @Column({ name: 'retry_of', type: 'integer' })
  retryOf!: number;
}
