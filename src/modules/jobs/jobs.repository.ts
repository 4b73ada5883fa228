import { Injectable } from '@nestjs/common';
import {
  type EntityManager,
  In,
  LessThan,
  type Repository,
  type SelectQueryBuilder,
} from 'typeorm';
import { DatabaseService } from '../../core/database/database.service';
import { isDuplicateKeyError } from '../../core/database/duplicate-key-error';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import type { JobDefinitionColumns, JobStatus } from './job';
import type { JobFilters, JobOrder, JobSortField } from './job-list-query';
import { JobEntity } from './job.entity';

export type NewJob = Omit<JobEntity, 'id'>;

/** An Idempotency-Key row before the answer is known. */
export type NewIdempotencyKey = Omit<IdempotencyKeyEntity, 'response'>;

const SORT_COLUMNS: Record<JobSortField, keyof JobEntity> = {
  jobId: 'id',
  jobName: 'jobName',
  jobCreationDate: 'createdAt',
  modelOrGroup: 'modelOrGroup',
  groupOrDeviceId: 'groupOrDeviceId',
  frequency: 'frequency',
  jobStatus: 'jobStatus',
  updatedAt: 'updatedAt',
};

// '!' escapes LIKE wildcards: backslash means different things in MySQL and SQLite literals.
const likeLiteral = (text: string): string => text.replace(/[!%_]/g, (c) => `!${c}`);

async function insertJob(manager: EntityManager, job: NewJob): Promise<JobEntity> {
  const result = await manager.insert(JobEntity, job);
  return { ...job, id: Number((result.identifiers[0] as { id: number | string }).id) };
}

@Injectable()
export class JobsRepository {
  constructor(private readonly database: DatabaseService) {}

  private get jobs(): Repository<JobEntity> {
    return this.database.repository(JobEntity);
  }

  private get keys(): Repository<IdempotencyKeyEntity> {
    return this.database.repository(IdempotencyKeyEntity);
  }

  findById(id: number): Promise<JobEntity | null> {
    return this.jobs.findOneBy({ id });
  }

  findActive(): Promise<JobEntity[]> {
    return this.jobs.find({ where: { jobStatus: 'Active' }, order: { id: 'ASC' } });
  }

  /** The ids and model or group of the jobs that use any of the names. */
  findUsing(names: readonly string[]): Promise<Pick<JobEntity, 'id' | 'modelOrGroup'>[]> {
    if (names.length === 0) return Promise.resolve([]);
    return this.jobs.find({
      select: { id: true, modelOrGroup: true },
      where: { modelOrGroup: In([...names]) },
      order: { id: 'ASC' },
    });
  }

  /** The jobs that pass the filters in the given order (then newest first), `take` after `skip`. */
  list(
    filters: JobFilters,
    order: readonly JobOrder[],
    skip: number,
    take: number,
    onlyIds?: readonly number[],
  ): Promise<JobEntity[]> {
    const query = this.filtered(filters, onlyIds);
    for (const { field, descending } of order) {
      const direction = descending ? 'DESC' : 'ASC';
      // Names sort without regard to case on both dialects (SQLite compares bytes, MySQL by
      // the column's collation); case decides only between otherwise equal names.
      if (field === 'jobName') query.addOrderBy('LOWER(job.jobName)', direction);
      query.addOrderBy(`job.${SORT_COLUMNS[field]}`, direction);
    }
    if (!order.some(({ field }) => field === 'jobId')) query.addOrderBy('job.id', 'DESC');
    return query.offset(skip).limit(take).getMany();
  }

  count(filters: JobFilters, onlyIds?: readonly number[]): Promise<number> {
    return this.filtered(filters, onlyIds).getCount();
  }

  insert(job: NewJob): Promise<JobEntity> {
    return insertJob(this.jobs.manager, job);
  }

  /**
   * Stores a job and the Idempotency-Key that created it, with `answer` (the job's rendering)
   * as the key's stored answer, in one transaction; undefined, and nothing stored, when the
   * key is taken already (by a concurrent request with the same key).
   */
  async insertWithKey(
    job: NewJob,
    key: NewIdempotencyKey,
    answer: (job: JobEntity) => string,
  ): Promise<JobEntity | undefined> {
    try {
      return await this.database.transaction(async (manager) => {
        const stored = await insertJob(manager, job);
        await manager.insert(IdempotencyKeyEntity, { ...key, response: answer(stored) });
        return stored;
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) return undefined;
      throw error;
    }
  }

  findKey(
    caller: string,
    operation: string,
    idempotencyKey: string,
  ): Promise<IdempotencyKeyEntity | null> {
    return this.keys.findOneBy({ caller, operation, idempotencyKey });
  }

  async purgeKeysCreatedBefore(cutoff: Date): Promise<void> {
    await this.keys.delete({ createdAt: LessThan(cutoff) });
  }

  /** Replaces a job's definition; the stored job, or null when there is no such job. */
  async replaceDefinition(
    id: number,
    columns: JobDefinitionColumns,
    updatedAt: Date,
  ): Promise<JobEntity | null> {
    await this.jobs.update({ id }, { ...columns, updatedAt });
    return this.findById(id);
  }

  /** The stored job after the change, or null when there is no such job. */
  async setStatus(id: number, jobStatus: JobStatus, updatedAt: Date): Promise<JobEntity | null> {
    await this.jobs.update({ id }, { jobStatus, updatedAt });
    return this.findById(id);
  }

  /** False when there was no such job. */
  async delete(id: number): Promise<boolean> {
    const result = await this.jobs.delete({ id });
    return (result.affected ?? 0) > 0;
  }

  // DELETE, not TRUNCATE: ids are never given out again (SQLite AUTOINCREMENT, InnoDB's
  // persistent counter), so a new job never inherits an old one's history.
  async deleteAll(): Promise<void> {
    await this.jobs.createQueryBuilder().delete().from(JobEntity).execute();
  }

  /** The jobs that pass the filters and, when `onlyIds` is given, are among those ids. */
  private filtered(
    filters: JobFilters,
    onlyIds?: readonly number[],
  ): SelectQueryBuilder<JobEntity> {
    const query = this.jobs.createQueryBuilder('job');
    if (onlyIds !== undefined) {
      if (onlyIds.length === 0) query.andWhere('1 = 0');
      else query.andWhere('job.id IN (:...onlyIds)', { onlyIds: [...onlyIds] });
    }
    if (filters.jobStatus !== undefined) {
      query.andWhere('job.jobStatus = :jobStatus', { jobStatus: filters.jobStatus });
    }
    if (filters.name !== undefined) {
      query.andWhere("LOWER(job.jobName) LIKE :name ESCAPE '!'", {
        name: `%${likeLiteral(filters.name.toLowerCase())}%`,
      });
    }
    if (filters.modelOrGroup !== undefined) {
      query.andWhere('job.modelOrGroup = :modelOrGroup', { modelOrGroup: filters.modelOrGroup });
    }
    if (filters.groupOrDeviceId !== undefined) {
      query.andWhere('job.groupOrDeviceId = :groupOrDeviceId', {
        groupOrDeviceId: filters.groupOrDeviceId,
      });
    }
    if (filters.frequency !== undefined) {
      query.andWhere('job.frequency = :frequency', { frequency: filters.frequency });
    }
    if (filters.createdFrom !== undefined) {
      query.andWhere('job.createdAt >= :createdFrom', { createdFrom: filters.createdFrom });
    }
    if (filters.createdTo !== undefined) {
      query.andWhere('job.createdAt < :createdTo', { createdTo: filters.createdTo });
    }
    return query;
  }
}
