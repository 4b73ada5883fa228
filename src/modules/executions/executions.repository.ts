import { Injectable } from '@nestjs/common';
import { In, LessThan, type Repository } from 'typeorm';
import { errorCode } from '../../core/database/connection-errors';
import { DatabaseService } from '../../core/database/database.service';
import { isDuplicateKeyError } from '../../core/database/duplicate-key-error';
import { IdempotencyKeyEntity } from '../jobs/idempotency-key.entity';
import { type ExecutionStatus, FINISHED_STATUSES } from './execution-status';
import { JobExecutionEntity } from './job-execution.entity';

export type NewExecution = Omit<JobExecutionEntity, 'id' | 'job'>;

/** What inserting an execution came to. */
export type InsertOutcome =
  | { kind: 'inserted'; id: number }
  /** A unique key holds the value: the fire, or the execution number. */
  | { kind: 'duplicate' }
  /** The job was deleted meanwhile. */
  | { kind: 'job-gone' };

/** Per job: how many executions are kept, of which Success and Failure, and the newest. */
export interface ExecutionCounts {
  jobId: number;
  executions: number;
  successes: number;
  failures: number;
  newest: JobExecutionEntity;
}

/** A claim's fields, as a conditional update sets them. */
export interface Claim {
  replicaId: string;
  now: number;
  leaseUntil: number;
}

// A row refers to a job (or execution) that is gone: MySQL/MariaDB and SQLite spellings.
const FOREIGN_KEY_CODES = new Set([
  'ER_NO_REFERENCED_ROW_2',
  'ER_NO_REFERENCED_ROW',
  'SQLITE_CONSTRAINT_FOREIGNKEY',
]);

export function isForeignKeyError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && FOREIGN_KEY_CODES.has(code);
}

const UNFINISHED: ExecutionStatus[] = ['Queued', 'Running'];

/**
 * Executions of jobs. Every change of state is a conditional update that says whether it
 * happened, so that of several replicas trying the same change exactly one succeeds.
 */
@Injectable()
export class ExecutionsRepository {
  constructor(private readonly database: DatabaseService) {}

  private get executions(): Repository<JobExecutionEntity> {
    return this.database.repository(JobExecutionEntity);
  }

  private get keys(): Repository<IdempotencyKeyEntity> {
    return this.database.repository(IdempotencyKeyEntity);
  }

  /** The number the job's next execution would get: one more than the highest kept. */
  async nextNumber(jobId: number): Promise<number> {
    const row = await this.executions
      .createQueryBuilder('execution')
      .select('MAX(execution.executionNumber)', 'highest')
      .where('execution.jobId = :jobId', { jobId })
      .getRawOne<{ highest: number | string | null }>();
    return Number(row?.highest ?? 0) + 1;
  }

  async insert(execution: NewExecution): Promise<InsertOutcome> {
    try {
      const result = await this.executions.insert(execution);
      return {
        kind: 'inserted',
        id: Number((result.identifiers[0] as { id: number | string }).id),
      };
    } catch (error) {
      if (isDuplicateKeyError(error)) return { kind: 'duplicate' };
      if (isForeignKeyError(error)) return { kind: 'job-gone' };
      throw error;
    }
  }

  /** Whether the job has an execution for this fire. */
  async fireTaken(jobId: number, scheduledFireTime: number): Promise<boolean> {
    return (await this.executions.countBy({ jobId, scheduledFireTime })) > 0;
  }

  /** Deletes an execution nobody has claimed (a launch undone). */
  async deleteQueued(id: number): Promise<void> {
    await this.executions.delete({ id, status: 'Queued', claimedBy: '' });
  }

  findById(id: number): Promise<JobExecutionEntity | null> {
    return this.executions.findOneBy({ id });
  }

  findByNumber(jobId: number, executionNumber: number): Promise<JobExecutionEntity | null> {
    return this.executions.findOneBy({ jobId, executionNumber });
  }

  /** The job's newest Running execution, else its newest Queued one. */
  async ongoing(jobId: number): Promise<JobExecutionEntity | null> {
    const running = await this.executions.findOne({
      where: { jobId, status: 'Running' },
      order: { executionNumber: 'DESC' },
    });
    return (
      running ??
      this.executions.findOne({
        where: { jobId, status: 'Queued' },
        order: { executionNumber: 'DESC' },
      })
    );
  }

  /** The job's execution that ended last (a skipped fire ends before the run it skipped for). */
  lastEnded(jobId: number): Promise<JobExecutionEntity | null> {
    return this.executions.findOne({
      where: { jobId, status: In([...FINISHED_STATUSES]) },
      order: { endedAt: 'DESC', executionNumber: 'DESC' },
    });
  }

  /** Newest first. */
  history(jobId: number, skip: number, take: number): Promise<JobExecutionEntity[]> {
    return this.executions.find({
      where: { jobId },
      order: { executionNumber: 'DESC' },
      skip,
      take,
    });
  }

  countFor(jobId: number): Promise<number> {
    return this.executions.countBy({ jobId });
  }

  /** The counts and newest execution of each of the jobs that has executions. */
  async counts(jobIds: readonly number[]): Promise<ExecutionCounts[]> {
    if (jobIds.length === 0) return [];
    const rows = await this.executions
      .createQueryBuilder('execution')
      .select('execution.jobId', 'jobId')
      .addSelect('COUNT(*)', 'executions')
      .addSelect("SUM(CASE WHEN execution.status = 'Success' THEN 1 ELSE 0 END)", 'successes')
      .addSelect("SUM(CASE WHEN execution.status = 'Failure' THEN 1 ELSE 0 END)", 'failures')
      .addSelect('MAX(execution.executionNumber)', 'newest')
      .where('execution.jobId IN (:...jobIds)', { jobIds })
      .groupBy('execution.jobId')
      .getRawMany<Record<'jobId' | 'executions' | 'successes' | 'failures' | 'newest', unknown>>();
    if (rows.length === 0) return [];
    const newest = await this.executions.find({
      where: rows.map((row) => ({
        jobId: Number(row.jobId),
        executionNumber: Number(row.newest),
      })),
    });
    const byJob = new Map(newest.map((execution) => [execution.jobId, execution]));
    return rows.flatMap((row) => {
      const execution = byJob.get(Number(row.jobId));
      return execution
        ? [
            {
              jobId: Number(row.jobId),
              executions: Number(row.executions),
              successes: Number(row.successes),
              failures: Number(row.failures),
              newest: execution,
            },
          ]
        : [];
    });
  }

  /** For each job with executions of its schedule, the latest fire time they were for (ms). */
  async latestScheduledFires(jobIds: readonly number[]): Promise<Map<number, number>> {
    if (jobIds.length === 0) return new Map();
    const rows = await this.executions
      .createQueryBuilder('execution')
      .select('execution.jobId', 'jobId')
      .addSelect('MAX(execution.scheduledFireTime)', 'latest')
      .where('execution.jobId IN (:...jobIds)', { jobIds })
      .andWhere('execution.trigger IN (:...triggers)', { triggers: ['schedule', 'misfire'] })
      .groupBy('execution.jobId')
      .getRawMany<{ jobId: number | string; latest: number | string }>();
    return new Map(rows.map((row) => [Number(row.jobId), Number(row.latest)]));
  }

  /** The jobs whose newest execution (by number) has this status. */
  async jobIdsWithNewestStatus(status: string): Promise<number[]> {
    const rows = await this.database.query<{ jobId: number | string }>(
      'SELECT e.job_id AS jobId FROM job_executions e JOIN (SELECT job_id, MAX(execution_number) AS newest FROM job_executions GROUP BY job_id) n ON n.job_id = e.job_id AND n.newest = e.execution_number WHERE e.status = ?',
      [status],
    );
    return rows.map((row) => Number(row.jobId));
  }

  /** Queued → Running for this replica, unless another claimed it or it was cancelled. */
  async claim(id: number, claim: Claim): Promise<boolean> {
    const result = await this.executions.update(
      { id, status: 'Queued', cancelRequested: false },
      {
        status: 'Running',
        claimedBy: claim.replicaId,
        leaseUntil: claim.leaseUntil,
        startedAt: claim.now,
        attempt: 1,
      },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Takes over a Running execution whose lease expired (its runner stopped): one more attempt,
   * held by this replica. False when the lease was renewed or another replica took it first.
   */
  async takeOver(id: number, claim: Claim): Promise<boolean> {
    const result = await this.executions.update(
      { id, status: 'Running', leaseUntil: LessThan(claim.now) },
      { claimedBy: claim.replicaId, leaseUntil: claim.leaseUntil, attempt: () => 'attempt + 1' },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Ends a Running execution whose lease expired as a Failure, unless someone renewed it. */
  async failOrphan(
    execution: JobExecutionEntity,
    now: number,
    messages: string[],
  ): Promise<boolean> {
    const result = await this.executions.update(
      { id: execution.id, status: 'Running', leaseUntil: LessThan(now) },
      {
        status: 'Failure',
        statusMessage: messages,
        endedAt: now,
        durationMs: Math.max(0, now - execution.startedAt),
        leaseUntil: 0,
      },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Renews the lease between chunks; false when the runner must stop: cancel requested,
   * taken over (another attempt), or no longer Running.
   */
  async renewUnlessCancelled(id: number, attempt: number, leaseUntil: number): Promise<boolean> {
    const result = await this.executions.update(
      { id, attempt, status: 'Running', cancelRequested: false },
      { leaseUntil },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Renews the lease and records the progress; false when the attempt no longer holds it. */
  async renew(
    id: number,
    attempt: number,
    leaseUntil: number,
    recordsScored: number,
  ): Promise<boolean> {
    const result = await this.executions.update(
      { id, attempt, status: 'Running' },
      { leaseUntil, recordsScored },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Gives the claim up at once (shutdown), so that the sweeper hands the execution on. */
  async release(id: number, attempt: number): Promise<void> {
    await this.executions.update({ id, attempt, status: 'Running' }, { leaseUntil: 0 });
  }

  async markForDeviceGroup(id: number, attempt: number, forDeviceGroup: boolean): Promise<void> {
    await this.executions.update({ id, attempt, status: 'Running' }, { forDeviceGroup });
  }

  /** Ends the attempt's run; false when it no longer held the execution. */
  async finish(
    id: number,
    attempt: number,
    end: {
      status: ExecutionStatus;
      messages: string[];
      endedAt: number;
      durationMs: number;
      recordsScored: number;
    },
  ): Promise<boolean> {
    const result = await this.executions.update(
      { id, attempt, status: 'Running' },
      {
        status: end.status,
        statusMessage: end.messages,
        endedAt: end.endedAt,
        durationMs: end.durationMs,
        recordsScored: end.recordsScored,
        leaseUntil: 0,
      },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Flags a Queued or Running execution to stop; false when it had finished. */
  async requestCancel(id: number): Promise<boolean> {
    const result = await this.executions.update(
      { id, status: In(UNFINISHED) },
      { cancelRequested: true },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Ends a Queued execution that nobody claimed as Cancelled. */
  async cancelQueued(id: number, now: number, messages: string[]): Promise<boolean> {
    const result = await this.executions.update(
      { id, status: 'Queued' },
      { status: 'Cancelled', statusMessage: messages, endedAt: now, durationMs: 0 },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Running executions whose lease expired before `now`. */
  expiredLeases(now: number, limit: number): Promise<JobExecutionEntity[]> {
    return this.executions.find({
      where: { status: 'Running', leaseUntil: LessThan(now) },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /** Ids of Queued executions created before `time`, oldest first. */
  async queuedBefore(time: number, limit: number): Promise<number[]> {
    const rows = await this.executions.find({
      select: { id: true },
      where: { status: 'Queued', createdAt: LessThan(time) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  /** The jobs that have executions, by id, `limit` after `afterJobId`. */
  async jobIdsAfter(afterJobId: number, limit: number): Promise<number[]> {
    const rows = await this.executions
      .createQueryBuilder('execution')
      .select('DISTINCT execution.jobId', 'jobId')
      .where('execution.jobId > :afterJobId', { afterJobId })
      .orderBy('execution.jobId', 'ASC')
      .limit(limit)
      .getRawMany<{ jobId: number | string }>();
    return rows.map((row) => Number(row.jobId));
  }

  /** The number of the job's `rank`-th newest execution, if it has that many. */
  async numberAtRank(jobId: number, rank: number): Promise<number | undefined> {
    const [row] = await this.executions.find({
      select: { executionNumber: true },
      where: { jobId },
      order: { executionNumber: 'DESC' },
      skip: rank - 1,
      take: 1,
    });
    return row?.executionNumber;
  }

  /**
   * Ids of finished executions of a job numbered below `belowNumber` or created before
   * `createdBefore`, and below `newestNumber` (the newest is kept); at most `limit`.
   */
  async purgeable(
    jobId: number,
    rule: { belowNumber: number; createdBefore: number; newestNumber: number },
    limit: number,
  ): Promise<number[]> {
    const rows = await this.executions
      .createQueryBuilder('execution')
      .select('execution.id', 'id')
      .where('execution.jobId = :jobId', { jobId })
      .andWhere('execution.status IN (:...finished)', { finished: [...FINISHED_STATUSES] })
      .andWhere(
        '(execution.executionNumber < :belowNumber OR execution.createdAt < :createdBefore)',
        rule,
      )
      .andWhere('execution.executionNumber < :newestNumber', rule)
      .orderBy('execution.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number | string }>();
    return rows.map((row) => Number(row.id));
  }

  /** Deletes executions, and through the foreign keys their inferences and logs. */
  async deleteByIds(ids: readonly number[]): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.executions.delete({ id: In([...ids]) });
    return result.affected ?? 0;
  }

  findKey(
    caller: string,
    operation: string,
    idempotencyKey: string,
  ): Promise<IdempotencyKeyEntity | null> {
    return this.keys.findOneBy({ caller, operation, idempotencyKey });
  }

  /** Stores a key with its answer; false when a concurrent request stored the key first. */
  async insertKey(key: IdempotencyKeyEntity): Promise<boolean> {
    try {
      await this.keys.insert(key);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async purgeKeysCreatedBefore(cutoff: Date): Promise<void> {
    await this.keys.delete({ createdAt: LessThan(cutoff) });
  }
}
