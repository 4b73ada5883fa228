import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/app-config.provider';
import { DatabaseService } from '../../core/database/database.service';
import type { Job } from '../jobs/job';
import { ExecutionJournal } from './execution-journal';
import { ExecutionLogsRepository } from './execution-logs.repository';
import { ExecutionMetrics } from './execution-metrics';
import { ExecutionRunner } from './execution-runner';
import {
  type ExecutionStatus,
  type ExecutionTrigger,
  mayBeSkipped,
  skippedMessage,
} from './execution-status';
import { type ExecutionWindow, executionWindow } from './execution-window';
import { type Claim, ExecutionsRepository, type NewExecution } from './executions.repository';
import type { JobExecutionEntity } from './job-execution.entity';
import { messageOf } from './transient-errors';

/** Takeovers of one execution before an orphan is marked Failure whatever the policy. */
export const MAX_EXECUTION_ATTEMPTS = 3;
/** Rows the sweeper looks at per kind and sweep. */
const SWEEP_BATCH = 100;
/** Tries to number an execution when concurrent launches of the same job collide. */
const MAX_INSERT_TRIES = 20;
/** How long a stopping replica waits for its runners to hand their executions over. */
const SHUTDOWN_GRACE_MS = 5000;

/** An execution to create: what a fire, a run-now or a retry asks for. */
export interface LaunchRequest {
  job: Job;
  /** The fire (ms); a manual run or retry uses the time it was asked at. */
  fireTime: number;
  trigger: ExecutionTrigger;
  window: ExecutionWindow;
  /** The execution number a retry retries; 0 otherwise. */
  retryOf: number;
}

/** An execution as it was created. */
export interface Launched {
  id: number;
  executionNumber: number;
  status: ExecutionStatus;
}

/** Work for a free slot: a Queued execution to claim, or an orphan to take over. */
interface WorkItem {
  id: number;
  kind: 'queued' | 'orphan';
}

/**
 * Turns fires into executions, exactly once across replicas, and runs them.
 *
 * - `launch` inserts the execution row; the unique (job, fire time) key lets only one replica
 *   create the execution of a fire, the others get undefined.
 * - The execution is then claimed with a conditional update (Queued → Running, this replica,
 *   a lease) when one of the replica's MAX_CONCURRENT_EXECUTIONS slots is free, and run.
 * - A sweeper takes over, or fails (EXECUTION_ORPHAN_POLICY), Running executions whose lease
 *   expired, and claims Queued ones that waited longer than a lease (their replica is gone or
 *   busy). Every claim is conditional, so one replica wins it.
 */
@Injectable()
export class ExecutionLauncher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** This process among the replicas: host, pid and a random part (pids repeat in containers). */
  readonly replicaId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly logger = new Logger(ExecutionLauncher.name);
  private readonly pending: WorkItem[] = [];
  /** Ids pending or running here. */
  private readonly known = new Set<number>();
  private readonly running = new Map<number, Promise<void>>();
  private readonly stopping = new AbortController();
  private sweeper: NodeJS.Timeout | undefined;
  private pumping = false;
  private pumpAgain = false;

  constructor(
    private readonly executions: ExecutionsRepository,
    private readonly logs: ExecutionLogsRepository,
    private readonly runner: ExecutionRunner,
    private readonly metrics: ExecutionMetrics,
    private readonly database: DatabaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = Math.min(10_000, Math.max(250, this.config.executions.leaseMs / 2));
    this.sweeper = setInterval(() => void this.sweepQuietly(), every);
    this.sweeper.unref();
  }

  /** Stops sweeping and claiming, and lets the running executions hand themselves over. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    this.stopping.abort();
    this.pending.length = 0;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS)));
    await Promise.race([Promise.allSettled(this.running.values()), grace]);
    clearTimeout(timer);
  }

  /**
   * Creates the execution of a job's fire and starts it in the background: its execution
   * number, or undefined when the fire already has an execution (another replica launched it)
   * or the job is gone. A fire of the schedule that comes while the job still has a Queued or
   * Running execution is recorded as a skipped (Cancelled) execution and not run.
   */
  async launch(
    job: Job,
    scheduledFireTime: Date,
    trigger: 'schedule' | 'misfire' | 'manual' | 'retry',
  ): Promise<number | undefined> {
    const launched = await this.create({
      job,
      fireTime: scheduledFireTime.getTime(),
      trigger,
      window: executionWindow(job, scheduledFireTime),
      retryOf: 0,
    });
    if (launched?.status === 'Queued') this.dispatch(launched.id);
    return launched?.executionNumber;
  }

  /**
   * Inserts an execution without starting it (see {@link dispatch}); undefined when the fire
   * already has one or the job is gone. A manual run or retry never collides: its fire time
   * moves on by a millisecond until it is free.
   */
  async create(request: LaunchRequest): Promise<Launched | undefined> {
    const { job, trigger } = request;
    const busy = mayBeSkipped(trigger) ? await this.executions.ongoing(job.jobId) : null;
    let fireTime = request.fireTime;
    for (let tries = 0; tries < MAX_INSERT_TRIES; tries++) {
      const executionNumber = await this.executions.nextNumber(job.jobId);
      const row = this.newRow(request, fireTime, executionNumber, busy);
      const outcome = await this.executions.insert(row);
      if (outcome.kind === 'job-gone') return undefined;
      if (outcome.kind === 'inserted') {
        if (busy) this.metrics.ended('Cancelled', 0);
        return { id: outcome.id, executionNumber, status: row.status as ExecutionStatus };
      }
      if (await this.executions.fireTaken(job.jobId, fireTime)) {
        if (mayBeSkipped(trigger)) return undefined;
        fireTime++;
      }
    }
    throw new Error(`could not number a new execution of job ${job.jobId}; too many collisions`);
  }

  /** Queues a created execution for a slot of this replica. */
  dispatch(id: number): void {
    this.enqueue({ id, kind: 'queued' });
  }

  /** For each job, the latest fire of its schedule that has an execution. */
  async latestFireTimes(jobIds: readonly number[]): Promise<Map<number, Date>> {
    const fires = await this.executions.latestScheduledFires(jobIds);
    return new Map([...fires].map(([jobId, time]) => [jobId, new Date(time)]));
  }

  /**
   * One pass of the sweeper: expired leases are taken over (retry) or failed (fail, or too
   * many attempts); Queued executions older than a lease are claimed here.
   */
  async sweep(): Promise<void> {
    const now = Date.now();
    for (const execution of await this.executions.expiredLeases(now, SWEEP_BATCH)) {
      // Ours and still going: its renewal is late (a blocked event loop), not dead.
      if (this.running.has(execution.id)) continue;
      if (
        this.config.executions.orphanPolicy === 'fail' ||
        execution.attempt >= MAX_EXECUTION_ATTEMPTS
      ) {
        await this.failOrphan(execution, now);
      } else {
        this.enqueue({ id: execution.id, kind: 'orphan' });
      }
    }
    const waiting = await this.executions.queuedBefore(
      now - this.config.executions.leaseMs,
      SWEEP_BATCH,
    );
    for (const id of waiting) this.enqueue({ id, kind: 'queued' });
  }

  private newRow(
    request: LaunchRequest,
    fireTime: number,
    executionNumber: number,
    busy: JobExecutionEntity | null,
  ): NewExecution {
    const now = Date.now();
    return {
      jobId: request.job.jobId,
      executionNumber,
      scheduledFireTime: fireTime,
      trigger: request.trigger,
      status: busy ? 'Cancelled' : 'Queued',
      statusMessage: busy ? [skippedMessage(busy.executionNumber)] : [],
      forDeviceGroup: false,
      windowFrom: request.window.from,
      windowTo: request.window.to,
      windowToInclusive: request.window.toInclusive,
      createdAt: now,
      startedAt: busy ? now : 0,
      endedAt: busy ? now : 0,
      durationMs: 0,
      recordsScored: 0,
      claimedBy: '',
      leaseUntil: 0,
      cancelRequested: false,
      attempt: 0,
      retryOf: request.retryOf,
    };
  }

  private async failOrphan(execution: JobExecutionEntity, now: number): Promise<void> {
    const reason =
      execution.attempt >= MAX_EXECUTION_ATTEMPTS
        ? `The replica running this execution stopped during each of ${execution.attempt} attempts; it is not tried again.`
        : `The replica running this execution (${execution.claimedBy}) stopped before it ended (EXECUTION_ORPHAN_POLICY=fail).`;
    if (!(await this.executions.failOrphan(execution, now, [reason]))) return;
    this.metrics.ended('Failure', Math.max(0, now - execution.startedAt));
    const journal = await ExecutionJournal.continuing(this.logs, execution.id);
    await journal.error('The runner stopped renewing its lease; marked as failed', {
      replica: this.replicaId,
      abandonedBy: execution.claimedBy,
    });
  }

  private enqueue(item: WorkItem): void {
    if (this.stopping.signal.aborted || this.known.has(item.id)) return;
    this.known.add(item.id);
    this.pending.push(item);
    void this.pump();
  }

  // Claims work while slots are free. One pump at a time; a call during a pump makes it look
  // again before it stops, so that nothing waits for a slot that is free.
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        while (
          !this.stopping.signal.aborted &&
          this.running.size < this.config.executions.maxConcurrent &&
          this.pending.length > 0
        ) {
          const item = this.pending.shift() as WorkItem;
          const claimed = await this.claim(item).catch((error: unknown) => {
            this.logger.warn({ err: error, executionId: item.id }, 'could not claim execution');
            return undefined;
          });
          if (!claimed) {
            this.known.delete(item.id);
            continue;
          }
          this.start(claimed);
        }
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  private async claim(item: WorkItem): Promise<JobExecutionEntity | undefined> {
    const now = Date.now();
    const claim: Claim = {
      replicaId: this.replicaId,
      now,
      leaseUntil: now + this.config.executions.leaseMs,
    };
    const won =
      item.kind === 'queued'
        ? await this.executions.claim(item.id, claim)
        : await this.executions.takeOver(item.id, claim);
    if (!won) return undefined;
    const execution = await this.executions.findById(item.id);
    if (execution && item.kind === 'orphan') {
      const journal = await ExecutionJournal.continuing(this.logs, execution.id);
      await journal.warn('Taken over: the runner stopped renewing its lease', {
        attempt: execution.attempt,
        replica: this.replicaId,
      });
    }
    return execution ?? undefined;
  }

  private start(execution: JobExecutionEntity): void {
    const run = this.runner
      .run(execution, this.stopping.signal)
      .catch((error: unknown) =>
        this.logger.error({ err: error, executionId: execution.id }, 'execution runner failed'),
      )
      .finally(() => {
        this.running.delete(execution.id);
        this.known.delete(execution.id);
        void this.pump();
      });
    this.running.set(execution.id, run);
  }

  private async sweepQuietly(): Promise<void> {
    if (!this.database.isConnected()) return;
    try {
      await this.sweep();
    } catch (error) {
      this.logger.warn({ err: error }, `execution sweep failed: ${messageOf(error)}`);
    }
  }
}
