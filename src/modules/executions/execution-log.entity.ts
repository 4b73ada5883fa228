import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BIGINT_AS_NUMBER, JobExecutionEntity } from './job-execution.entity';

/** A value of a log line's details. */
export type LogValue = string | number | boolean | null | readonly (string | number)[];

/** One structured line of an execution's log. */
@Entity({ name: 'execution_logs' })
export class ExecutionLogEntity {
  @PrimaryColumn({ name: 'execution_id', type: 'integer' })
  executionId!: number;

  // Only for the foreign key (deleting an execution deletes its log); never loaded.
  @ManyToOne(() => JobExecutionEntity, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'execution_id', foreignKeyConstraintName: 'FK_execution_logs_execution_id' })
  execution?: JobExecutionEntity;

  /** 1, 2, … within the execution, across attempts. */
  @PrimaryColumn({ type: 'integer' })
  sequence!: number;

  /** ms since 1970. */
  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  time!: number;

  /** `info`, `warn` or `error`. */
  @Column({ type: 'varchar', length: 8 })
  level!: string;

  @Column({ type: 'text' })
  message!: string;

  /** A JSON object. */
  @Column({ type: 'simple-json' })
  details!: Record<string, LogValue>;
}
