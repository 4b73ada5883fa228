import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import type { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/app-config.provider';
import { DatabaseService } from '../../core/database/database.service';
import { ExecutionLauncher } from '../executions/execution-launcher';
import type { Job } from '../jobs/job';
import { JobChanges } from '../jobs/job-changes';
import { type JobRunFields, JobRunFieldsRegistry } from '../jobs/job-run-fields.registry';
import { type FireTimeAfter, fireTimesOf, missedFireTime } from './job-fire-times';
import { JobSync } from './job-sync';
import type { JobTable } from './job-table';
import {
  type FireKind,
  type TriggerFire,
  type TriggerTimerHost,
  TriggerTimers,
} from './trigger-timers';
import { TriggerMetrics } from './trigger-metrics';

/** The jobs table as the triggers read it (see jobTableOf). */
export const JOB_TABLE = Symbol('JOB_TABLE');
/** The clock and named timers of the triggers (SchedulerRegistry in the app). */
export const TRIGGER_TIMER_HOST = Symbol('TRIGGER_TIMER_HOST');

/** The registry name of the timer that looks for changes made by other replicas. */
export const JOB_SYNC_TIMER = 'job-triggers-sync';
// How often to check, at start, whether the database has connected.
const DATABASE_WAIT_MS = 200;

/**
 * Keeps one trigger per active job in SchedulerRegistry (`job-<id>`) and launches an execution
 * at each fire. Changes made on this replica re-arm at once; changes made on others are found
 * within JOB_SYNC_INTERVAL_MS. At the first reading of the jobs, fires missed while no replica
 * ran are handled by MISFIRE_POLICY. See docs/scheduling.md.
 */
@Injectable()
export class JobTriggers implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobTriggers.name);
  private readonly timers: TriggerTimers;
  private readonly sync: JobSync;
  private loaded = false;
  private stopped = false;
  private failing = false;

  constructor(
    @Inject(JOB_TABLE) table: JobTable,
    private readonly changes: JobChanges,
    private readonly runFields: JobRunFieldsRegistry,
    private readonly launcher: ExecutionLauncher,
    private readonly database: DatabaseService,
    @Inject(TRIGGER_TIMER_HOST) private readonly host: TriggerTimerHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly metrics?: TriggerMetrics,
  ) {
    this.timers = new TriggerTimers(host, (fire) => this.launchFire(fire), {
      misfirePolicy: config.scheduling.misfirePolicy,
    });
    this.sync = new JobSync(
      table,
      { activate: (job) => this.arm(job), deactivate: (jobId) => this.timers.disarm(jobId) },
      () => host.now(),
    );
  }

  // Job answers carry nextFireTime, as this replica's trigger has it.
  onModuleInit(): void {
    this.runFields.register((jobIds) => {
      const fields = new Map<number, JobRunFields>();
      for (const jobId of jobIds) {
        fields.set(jobId, { nextFireTime: this.nextFireTime(jobId)?.toISOString() ?? null });
      }
      return Promise.resolve(fields);
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.database.type === 'sqlite') {
      this.logger.log(
        'SQLite database: single-replica mode. Run only one Scorecast process on this database; several replicas need MySQL/MariaDB.',
      );
    }
    this.changes.subscribe((change) => {
      if (!this.stopped) this.sync.applyLocal(change);
    });
    this.scheduleTick(0);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.host.clearTimer(JOB_SYNC_TIMER);
    this.timers.disarmAll();
  }

  /** When the job's trigger fires next; undefined for a paused job or one that will not fire. */
  nextFireTime(jobId: number): Date | undefined {
    return this.timers.nextFireTime(jobId);
  }

  /** Jobs that have a trigger armed. */
  get armedCount(): number {
    return this.timers.size;
  }

  private scheduleTick(delayMs: number): void {
    if (this.stopped) return;
    this.host.setTimer(JOB_SYNC_TIMER, delayMs, () => void this.tick());
  }

  // The first reading once the database is there, then a look every JOB_SYNC_INTERVAL_MS.
  private async tick(): Promise<void> {
    if (!this.loaded && !this.database.isConnected()) {
      this.scheduleTick(DATABASE_WAIT_MS);
      return;
    }
    try {
      if (this.loaded) await this.sync.look();
      else await this.loadAndArm();
      if (this.failing) this.logger.log('reading the jobs table works again');
      this.failing = false;
    } catch (error) {
      // One warning per outage: the database's own reconnection logs the rest.
      if (!this.failing) {
        this.logger.warn({ err: error }, `cannot read the jobs table: ${String(error)}`);
      }
      this.failing = true;
    }
    this.scheduleTick(this.config.scheduling.jobSyncIntervalMs);
  }

  private async loadAndArm(): Promise<void> {
    const jobs = await this.sync.load();
    const at = this.host.now();
    const lastFires = await this.lastFireTimes(jobs);
    if (this.stopped) return;
    let misfires = 0;
    for (const job of jobs) {
      // Changed on this replica while the history was read: armed from the newer version.
      if (this.sync.job(job.jobId) !== job) continue;
      const fireTimes = this.fireTimesOrLog(job);
      if (!fireTimes) continue;
      if (lastFires) {
        const missed = missedFireTime(job, fireTimes, lastFires.get(job.jobId), new Date(at));
        if (missed) {
          misfires++;
          this.launch(job, missed, 'misfire');
        }
      }
      // From the instant the misfires were looked for up to, so no fire falls in between.
      this.timers.arm(job.jobId, fireTimes, at);
    }
    this.loaded = true;
    this.logger.log(
      `${this.timers.size} job triggers armed, ${misfires} missed fires launched (misfire policy ${this.config.scheduling.misfirePolicy})`,
    );
  }

  // Undefined: do not look for misfires (policy skip, or the history could not be read).
  private async lastFireTimes(jobs: Job[]): Promise<Map<number, Date> | undefined> {
    if (this.config.scheduling.misfirePolicy === 'skip' || jobs.length === 0) return undefined;
    try {
      return await this.launcher.latestFireTimes(jobs.map((job) => job.jobId));
    } catch (error) {
      this.logger.error(
        { err: error },
        `cannot read the last executions; fires missed while no replica ran are not launched: ${String(error)}`,
      );
      return undefined;
    }
  }

  private arm(job: Job): void {
    if (this.stopped) return;
    const fireTimes = this.fireTimesOrLog(job);
    if (fireTimes) this.timers.arm(job.jobId, fireTimes);
    else this.timers.disarm(job.jobId);
  }

  private fireTimesOrLog(job: Job): FireTimeAfter | undefined {
    try {
      return fireTimesOf(job);
    } catch (error) {
      this.logger.error(
        { err: error, jobId: job.jobId },
        `job ${job.jobId} cannot be scheduled: ${String(error)}`,
      );
      return undefined;
    }
  }

  private launchFire({ jobId, fireTime, kind }: TriggerFire): void {
    const job = this.sync.job(jobId);
    if (!job) return;
    // Misfires are late by design (downtime); the figure is about fires on time.
    if (kind === 'schedule') this.metrics?.fired(fireTime, Date.now());
    this.launch(job, fireTime, kind);
  }

  // Never throws: the trigger is already armed for its next fire, whatever happens here.
  private launch(job: Job, fireTime: Date, kind: FireKind): void {
    const failed = (error: unknown): void =>
      this.logger.error(
        { err: error, jobId: job.jobId, fireTime: fireTime.toISOString(), trigger: kind },
        `launching job ${job.jobId} for ${fireTime.toISOString()} failed: ${String(error)}`,
      );
    try {
      this.launcher.launch(job, fireTime, kind).catch(failed);
    } catch (error) {
      failed(error);
    }
  }
}
