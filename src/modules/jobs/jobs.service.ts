import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors/domain-errors';
import { type PageSlice, pageSlice, pageWindow } from '../../core/http/paging';
import type { AuthenticatedUser } from '../../core/security/authenticated-user';
import { ModelUsageRegistry } from '../models/model-usage.registry';
import { IDEMPOTENCY_KEY_LIFETIME_MS, requestHash, sha256 } from './idempotency';
import type { IdempotencyKeyEntity } from './idempotency-key.entity';
import type { JobEntity } from './job.entity';
import { JobChanges } from './job-changes';
import {
  definitionColumns,
  type Job,
  type JobDefinitionColumns,
  jobFromEntity,
  jobNotFound,
  type JobStatus,
  type JobView,
  jobView,
  parseJobId,
} from './job';
import type { JobListQuery } from './job-list-query';
import { readJobRequest } from './job-request';
import { readJobRequestExtensions } from './job-request-extensions';
import { ModelAndDeviceLookups } from './model-and-device-lookups';
import { JobRunFieldsRegistry } from './job-run-fields.registry';
import { JobsRepository } from './jobs.repository';
import { serverTimeZone } from './server-time-zone';

const CREATE_JOB = 'create-job';

/** The answer to POST /job: `replayed` when it is the stored first answer to an earlier try. */
export interface CreatedJob {
  status: number;
  body: JobView;
  replayed: boolean;
}

const keyReusedElsewhere = (key: string): ConflictError =>
  new ConflictError(
    `Idempotency-Key '${key}' was already used with a different request body; send a new key for a new job.`,
  );

/**
 * Jobs: defining, changing, pausing and listing them. Whatever runs jobs reads them with
 * findActive and findById; nothing here runs or schedules anything.
 */
@Injectable()
export class JobsService implements OnModuleInit {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly lookups: ModelAndDeviceLookups,
    private readonly usage: ModelUsageRegistry,
    // Defaulted so that the specs which build the service by hand need no listener.
    private readonly changes: JobChanges = new JobChanges(),
    private readonly runFields: JobRunFieldsRegistry = new JobRunFieldsRegistry(),
  ) {}

  // A model or group that a job names cannot be deleted.
  onModuleInit(): void {
    this.usage.register((names) => this.jobsUsing(names));
  }

  /** The jobs that are not paused, oldest first. */
  async findActive(): Promise<Job[]> {
    return (await this.jobs.findActive()).map(jobFromEntity);
  }

  async findById(jobId: number): Promise<Job | undefined> {
    const entity = await this.jobs.findById(jobId);
    return entity ? jobFromEntity(entity) : undefined;
  }

  /** The job a path names (any text); the documented 404 when it names none. */
  async get(id: string): Promise<Job> {
    const job = await this.findByPathId(id);
    if (!job) throw jobNotFound(id);
    return job;
  }

  async list(query: JobListQuery): Promise<PageSlice<Job>> {
    const { skip, take } = pageWindow(query.page);
    const { lastExecutionStatus } = query.filters;
    // The executions are another module's: it names the jobs whose newest run has the status.
    const onlyIds =
      lastExecutionStatus === undefined
        ? undefined
        : await this.runFields.jobIdsWithLastStatus(lastExecutionStatus);
    const [rows, total] = await Promise.all([
      this.jobs.list(query.filters, query.order, skip, take, onlyIds),
      query.page.withTotalPages ? this.jobs.count(query.filters, onlyIds) : Promise.resolve(null),
    ]);
    return pageSlice(rows.map(jobFromEntity), query.page, total);
  }

  /**
   * Creates a job from a request body. With an Idempotency-Key, a retry (same caller, key and
   * body, within a day) gets the first answer and creates nothing; the same key with another
   * body is a conflict. Refused requests store nothing, so a corrected retry may reuse the key.
   */
  async create(
    body: unknown,
    user: AuthenticatedUser,
    idempotencyKey: string | undefined,
  ): Promise<CreatedJob> {
    if (idempotencyKey === undefined) {
      const now = new Date();
      const entity = await this.jobs.insert({
        ...(await this.readDefinition(body, now)),
        ...this.newJobState(user, now),
      });
      return { status: 201, body: jobView(this.saved(entity)), replayed: false };
    }

    const caller = sha256(user.id);
    const hash = requestHash(body);
    await this.jobs.purgeKeysCreatedBefore(new Date(Date.now() - IDEMPOTENCY_KEY_LIFETIME_MS));
    const earlier = await this.jobs.findKey(caller, CREATE_JOB, idempotencyKey);
    if (earlier) return this.replay(earlier, hash, idempotencyKey);

    const now = new Date();
    const job = { ...(await this.readDefinition(body, now)), ...this.newJobState(user, now) };
    const key = {
      caller,
      operation: CREATE_JOB,
      idempotencyKey,
      requestHash: hash,
      status: 201,
      createdAt: now,
    };
    const stored = await this.jobs.insertWithKey(job, key, (entity) =>
      JSON.stringify(jobView(jobFromEntity(entity))),
    );
    if (stored) return { status: 201, body: jobView(this.saved(stored)), replayed: false };
    // A concurrent request with the same key won; answer as it did.
    const winner = await this.jobs.findKey(caller, CREATE_JOB, idempotencyKey);
    if (!winner) throw new Error(`Idempotency-Key '${idempotencyKey}' vanished while in use`);
    return this.replay(winner, hash, idempotencyKey);
  }

  /** Replaces a job's definition (checked as on creation); state and creation stay. */
  async update(id: string, body: unknown): Promise<Job> {
    const jobId = await this.requireId(id);
    const now = new Date();
    const columns = await this.readDefinition(body, now);
    const entity = await this.jobs.replaceDefinition(jobId, columns, now);
    if (!entity) throw jobNotFound(id);
    return this.saved(entity);
  }

  /** Pauses (Inactive) or resumes (Active) a job; doing so twice changes nothing more. */
  async setStatus(id: string, jobStatus: JobStatus): Promise<Job> {
    const jobId = await this.requireId(id);
    const entity = await this.jobs.setStatus(jobId, jobStatus, new Date());
    if (!entity) throw jobNotFound(id);
    return this.saved(entity);
  }

  async delete(id: string): Promise<void> {
    const jobId = parseJobId(id);
    if (jobId === undefined || !(await this.jobs.delete(jobId))) throw jobNotFound(id);
    this.changes.notify({ kind: 'deleted', jobId });
  }

  async deleteAll(): Promise<void> {
    await this.jobs.deleteAll();
    this.changes.notify({ kind: 'cleared' });
  }

  // Whoever follows the jobs (the scheduler on this replica) hears of a stored change at once.
  private saved(entity: JobEntity): Job {
    const job = jobFromEntity(entity);
    this.changes.notify({ kind: 'saved', job });
    return job;
  }

  private async findByPathId(id: string): Promise<Job | undefined> {
    const jobId = parseJobId(id);
    return jobId === undefined ? undefined : this.findById(jobId);
  }

  // A change to a job that does not exist is a 404 before its body is looked at.
  private async requireId(id: string): Promise<number> {
    const job = await this.findByPathId(id);
    if (!job) throw jobNotFound(id);
    return job.jobId;
  }

  private newJobState(user: AuthenticatedUser, now: Date) {
    return {
      jobStatus: 'Active' as const,
      createdBy: user.userName,
      createdAt: now,
      updatedAt: now,
    };
  }

  /**
   * The checked definition of a POST or PUT body, with every problem in one ValidationError;
   * an unknown device alone is the documented 404.
   */
  private async readDefinition(body: unknown, now: Date): Promise<JobDefinitionColumns> {
    const result = await readJobRequest(body, now, this.lookups);
    const problems = [...result.problems];
    const extensions = readJobRequestExtensions(body, problems);
    if (result.deviceNotFound !== undefined && problems.length === 1) {
      throw new NotFoundError(result.deviceNotFound);
    }
    if (problems.length > 0 || !result.job) throw new ValidationError(problems);
    const schedule = result.job.jobSchedule;
    const timeZone =
      schedule.frequency === 'periodic'
        ? schedule.timeZone
        : (extensions.onceTimeZone ?? serverTimeZone(process.env));
    return definitionColumns(result.job, timeZone, extensions.retention);
  }

  private replay(earlier: IdempotencyKeyEntity, hash: string, key: string): CreatedJob {
    if (earlier.requestHash !== hash) throw keyReusedElsewhere(key);
    return {
      status: earlier.status,
      body: JSON.parse(earlier.response) as JobView,
      replayed: true,
    };
  }

  private async jobsUsing(names: readonly string[]): Promise<Map<string, string[]>> {
    const users = new Map<string, string[]>();
    for (const job of await this.jobs.findUsing(names)) {
      users.set(job.modelOrGroup, [...(users.get(job.modelOrGroup) ?? []), String(job.id)]);
    }
    return users;
  }
}
