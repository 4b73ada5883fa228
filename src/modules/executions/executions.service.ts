import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/app-config.provider';
import { ConflictError } from '../../core/errors/domain-errors';
import {
  type PageEnvelope,
  pageEnvelope,
  parsePageRequest,
  pageSlice,
  pageWindow,
} from '../../core/http/paging';
import type { AuthenticatedUser } from '../../core/security/authenticated-user';
import { IDEMPOTENCY_KEY_LIFETIME_MS, requestHash, sha256 } from '../jobs/idempotency';
import type { IdempotencyKeyEntity } from '../jobs/idempotency-key.entity';
import { type Job, jobNotFound } from '../jobs/job';
import { type JobRunFields, JobRunFieldsRegistry } from '../jobs/job-run-fields.registry';
import { JobsService } from '../jobs/jobs.service';
import { ExecutionLauncher, type LaunchRequest } from './execution-launcher';
import { ExecutionLogsRepository } from './execution-logs.repository';
import { ExecutionMetrics } from './execution-metrics';
import { CANCELLABLE, type ExecutionStatus, RETRYABLE } from './execution-status';
import {
  type ExecutionLogView,
  type ExecutionStatusView,
  type ExecutionView,
  executionNotFound,
  executionView,
  logView,
  NOT_EXECUTED,
  parseExecutionNumber,
  statusView,
} from './execution-views';
import { executionWindow } from './execution-window';
import { ExecutionsRepository } from './executions.repository';
import { type DeviceInferences, inferenceCollection } from './inference-page';
import { InferencesRepository } from './inferences.repository';
import type { JobExecutionEntity } from './job-execution.entity';

const RUN_JOB = 'run-job';
const LOG_PAGE_SIZE = '100';

/** The answer to run, cancel and retry: the execution concerned and its status then. */
export interface ExecutionAccepted {
  jobId: number;
  jobExecutionNumber: number;
  jobExecutionStatus: string;
}

/** The answer to POST …/run: `replayed` when it is the stored first answer to an earlier try. */
export interface RunAnswer {
  body: ExecutionAccepted;
  replayed: boolean;
}

export interface HistoryPage extends PageEnvelope {
  jobExecutions: ExecutionView[];
}

export interface InferencesPage {
  next: string | null;
  prev: string | null;
  statistics: {
    currentPage: number;
    totalPages: number | null;
    numberOfDevices: number;
    numberOfModels: number;
  };
  inferenceCollection: DeviceInferences[];
}

export interface LogsPage extends PageEnvelope {
  logs: ExecutionLogView[];
}

const keyReusedElsewhere = (key: string): ConflictError =>
  new ConflictError(
    `Idempotency-Key '${key}' was already used for another request; send a new key to run the job again.`,
  );

/**
 * What the API asks of executions: status, history, inferences and logs of a job's
 * executions, and running, cancelling and retrying them.
 */
@Injectable()
export class ExecutionsService implements OnModuleInit {
  private readonly basePath: string;

  constructor(
    private readonly jobs: JobsService,
    private readonly executions: ExecutionsRepository,
    private readonly inferences: InferencesRepository,
    private readonly logs: ExecutionLogsRepository,
    private readonly launcher: ExecutionLauncher,
    private readonly metrics: ExecutionMetrics,
    private readonly runFields: JobRunFieldsRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.basePath = config.http.basePath;
  }

  onModuleInit(): void {
    this.runFields.register((jobIds) => this.runFieldsOf(jobIds));
    this.runFields.registerLastStatus((status) => this.executions.jobIdsWithNewestStatus(status));
  }

  /**
   * The running execution's status and time so far, else the queued one's, else the status
   * and duration of the execution that ended last; `NotExecuted` for a job that never ran.
   */
  async status(id: string): Promise<ExecutionStatusView> {
    const job = await this.jobs.get(id);
    const now = Date.now();
    const execution =
      (await this.executions.ongoing(job.jobId)) ?? (await this.executions.lastEnded(job.jobId));
    return execution ? statusView(execution, now) : NOT_EXECUTED;
  }

  /** A page of the job's executions, newest first; pages are counted only when asked. */
  async history(id: string, query: Readonly<Record<string, unknown>>): Promise<HistoryPage> {
    const job = await this.jobs.get(id);
    const page = parsePageRequest(query, { withTotalPages: false });
    const { skip, take } = pageWindow(page);
    const [rows, total] = await Promise.all([
      this.executions.history(job.jobId, skip, take),
      page.withTotalPages ? this.executions.countFor(job.jobId) : Promise.resolve(null),
    ]);
    const slice = pageSlice(rows, page, total);
    const now = Date.now();
    return {
      ...pageEnvelope(`${this.jobPath(job)}/history`, page, slice),
      jobExecutions: slice.items.map((execution) => executionView(execution, now)),
    };
  }

  async detail(id: string, number: string): Promise<ExecutionView> {
    const { execution } = await this.find(id, number);
    return executionView(execution, Date.now());
  }

  /**
   * Page k of an execution's inferences: the k-th block of up to 2000 records of every device
   * that has one, with each model's outputs. What a Running execution stored so far.
   */
  async inferencePage(
    id: string,
    number: string,
    query: Readonly<Record<string, unknown>>,
  ): Promise<InferencesPage> {
    const { job, execution } = await this.find(id, number);
    // The document gives this list no pageSize: a page is one block of every device.
    const page = parsePageRequest(
      { currentPage: query.currentPage, withTotalPages: query.withTotalPages },
      { withTotalPages: false },
    );
    const [extent, chunks] = await Promise.all([
      this.inferences.extent(execution.id, execution.attempt),
      this.inferences.page(execution.id, execution.attempt, page.currentPage),
    ]);
    const path = `${this.jobPath(job)}/history/${execution.executionNumber}/inferences`;
    const link = (currentPage: number): string => `${path}?currentPage=${currentPage}`;
    return {
      next: page.currentPage < extent.pages ? link(page.currentPage + 1) : null,
      prev: page.currentPage > 1 ? link(page.currentPage - 1) : null,
      statistics: {
        currentPage: page.currentPage,
        totalPages: page.withTotalPages ? extent.pages : null,
        numberOfDevices: extent.devices,
        numberOfModels: extent.models,
      },
      inferenceCollection: inferenceCollection(chunks),
    };
  }

  /** A page of an execution's log, oldest line first (100 lines unless pageSize says). */
  async logPage(
    id: string,
    number: string,
    query: Readonly<Record<string, unknown>>,
  ): Promise<LogsPage> {
    const { job, execution } = await this.find(id, number);
    const page = parsePageRequest(
      { ...query, pageSize: query.pageSize ?? LOG_PAGE_SIZE },
      { withTotalPages: false },
    );
    const { skip, take } = pageWindow(page);
    const [rows, total] = await Promise.all([
      this.logs.page(execution.id, skip, take),
      page.withTotalPages ? this.logs.countFor(execution.id) : Promise.resolve(null),
    ]);
    const slice = pageSlice(rows, page, total);
    const path = `${this.jobPath(job)}/history/${execution.executionNumber}/logs`;
    return { ...pageEnvelope(path, page, slice), logs: slice.items.map(logView) };
  }

  /**
   * Runs a job now, whatever its schedule or state, over the window a fire now would read.
   * With an Idempotency-Key, a retry (same caller, key and job, within a day) gets the first
   * answer and starts nothing; the same key for another job is a conflict.
   */
  async run(id: string, user: AuthenticatedUser, idempotencyKey?: string): Promise<RunAnswer> {
    const job = await this.jobs.get(id);
    const now = Date.now();
    const request: LaunchRequest = {
      job,
      fireTime: now,
      trigger: 'manual',
      window: executionWindow(job, new Date(now)),
      retryOf: 0,
    };
    if (idempotencyKey === undefined) {
      return { body: await this.start(id, request), replayed: false };
    }
    const caller = sha256(user.id);
    const hash = requestHash({ jobId: job.jobId });
    await this.executions.purgeKeysCreatedBefore(new Date(now - IDEMPOTENCY_KEY_LIFETIME_MS));
    const earlier = await this.executions.findKey(caller, RUN_JOB, idempotencyKey);
    if (earlier) return this.replay(earlier, hash, idempotencyKey);

    const launched = await this.launcher.create(request);
    if (!launched) throw jobNotFound(id);
    const body = this.accepted(job, launched.executionNumber, launched.status);
    const stored = await this.executions.insertKey({
      caller,
      operation: RUN_JOB,
      idempotencyKey,
      requestHash: hash,
      status: 202,
      response: JSON.stringify(body),
      createdAt: new Date(now),
    });
    if (!stored) {
      // A concurrent request with the same key won: undo this run and answer as it did.
      await this.executions.deleteQueued(launched.id);
      const winner = await this.executions.findKey(caller, RUN_JOB, idempotencyKey);
      if (!winner) throw new Error(`Idempotency-Key '${idempotencyKey}' vanished while in use`);
      return this.replay(winner, hash, idempotencyKey);
    }
    this.launcher.dispatch(launched.id);
    return { body, replayed: false };
  }

  /**
   * Cancels a Queued execution at once, or asks a Running one to stop after its current chunk
   * (it then ends Cancelled, keeping what it stored). Anything else is a conflict.
   */
  async cancel(id: string, number: string): Promise<ExecutionAccepted> {
    const { job, execution } = await this.find(id, number);
    const refuse = (status: string): ConflictError =>
      new ConflictError(
        `Job execution ${execution.executionNumber} is ${status}; only a Queued or Running execution can be cancelled.`,
      );
    if (!CANCELLABLE.includes(execution.status as ExecutionStatus)) {
      throw refuse(execution.status);
    }
    if (!(await this.executions.requestCancel(execution.id))) {
      throw refuse((await this.executions.findById(execution.id))?.status ?? 'gone');
    }
    const now = Date.now();
    if (
      await this.executions.cancelQueued(execution.id, now, [
        'Cancelled on request before it started.',
      ])
    ) {
      this.metrics.ended('Cancelled', 0);
    }
    const current = await this.executions.findById(execution.id);
    return this.accepted(job, execution.executionNumber, current?.status ?? 'Cancelled');
  }

  /** Runs a Failure or Cancelled execution again, over its window, as a new execution. */
  async retry(id: string, number: string): Promise<ExecutionAccepted> {
    const { job, execution } = await this.find(id, number);
    if (!RETRYABLE.includes(execution.status as ExecutionStatus)) {
      throw new ConflictError(
        `Job execution ${execution.executionNumber} is ${execution.status}; only a Failure or Cancelled execution can be retried.`,
      );
    }
    return this.start(id, {
      job,
      fireTime: Date.now(),
      trigger: 'retry',
      window: {
        from: execution.windowFrom,
        to: execution.windowTo,
        toInclusive: execution.windowToInclusive,
      },
      retryOf: execution.executionNumber,
    });
  }

  private async start(id: string, request: LaunchRequest): Promise<ExecutionAccepted> {
    const launched = await this.launcher.create(request);
    if (!launched) throw jobNotFound(id);
    this.launcher.dispatch(launched.id);
    return this.accepted(request.job, launched.executionNumber, launched.status);
  }

  private accepted(job: Job, executionNumber: number, status: string): ExecutionAccepted {
    return { jobId: job.jobId, jobExecutionNumber: executionNumber, jobExecutionStatus: status };
  }

  private replay(earlier: IdempotencyKeyEntity, hash: string, key: string): RunAnswer {
    if (earlier.requestHash !== hash) throw keyReusedElsewhere(key);
    return { body: JSON.parse(earlier.response) as ExecutionAccepted, replayed: true };
  }

  /** The job and execution a path names; the documented 404s when it names none. */
  private async find(
    id: string,
    number: string,
  ): Promise<{ job: Job; execution: JobExecutionEntity }> {
    const job = await this.jobs.get(id);
    const executionNumber = parseExecutionNumber(number);
    const execution =
      executionNumber === undefined
        ? null
        : await this.executions.findByNumber(job.jobId, executionNumber);
    if (!execution) throw executionNotFound(number);
    return { job, execution };
  }

  private jobPath(job: Job): string {
    return `${this.basePath}/job/${job.jobId}`;
  }

  private async runFieldsOf(jobIds: readonly number[]): Promise<Map<number, JobRunFields>> {
    const fields = new Map<number, JobRunFields>(
      jobIds.map((jobId) => [
        jobId,
        {
          lastExecutionStatus: null,
          lastExecutionTime: null,
          executionCount: 0,
          successCount: 0,
          failureCount: 0,
        },
      ]),
    );
    for (const counts of await this.executions.counts(jobIds)) {
      const { newest } = counts;
      fields.set(counts.jobId, {
        lastExecutionStatus: newest.status,
        lastExecutionTime: new Date(newest.startedAt || newest.createdAt).toISOString(),
        executionCount: counts.executions,
        successCount: counts.successes,
        failureCount: counts.failures,
      });
    }
    return fields;
  }
}
