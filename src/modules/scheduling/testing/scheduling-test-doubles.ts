// Jobs, a jobs table and a launcher for the scheduling specs and the scheduler benchmark.
import type { Job } from '../../jobs/job';
import type { JobSchedule } from '../../jobs/job-schedule';
import type { FireKind } from '../trigger-timers';
import type { JobTable } from '../job-table';

export interface JobOverrides {
  jobId?: number;
  jobStatus?: Job['jobStatus'];
  updatedAt?: Date;
  jobCreationDate?: Date;
}

function aJob(schedule: JobSchedule, overrides: JobOverrides): Job {
  const updatedAt = overrides.updatedAt ?? new Date(Date.now());
  return {
    jobId: overrides.jobId ?? 1,
    definition: {
      jobName: `job ${overrides.jobId ?? 1}`,
      jobDescription: '',
      groupOrDeviceId: 15,
      modelOrGroup: 'Model',
      applyAllModels: false,
      modelToDeviceMappings: { x: 'f.x.value' },
      jobSchedule: schedule,
    },
    timeZone: schedule.frequency === 'periodic' ? schedule.timeZone : 'UTC',
    jobStatus: overrides.jobStatus ?? 'Active',
    createdBy: 'alice',
    jobCreationDate: overrides.jobCreationDate ?? updatedAt,
    updatedAt,
    retention: { keepExecutions: null, retentionDays: null },
  };
}

export function aPeriodicJob(
  cronExpression: string,
  timeZone = 'UTC',
  overrides: JobOverrides = {},
): Job {
  return aJob(
    { frequency: 'periodic', cronExpression, timeZone, dataFromPreviousNSeconds: 60 },
    overrides,
  );
}

export function aOnceJob(scheduleAt: Date, overrides: JobOverrides = {}): Job {
  const dataTo = new Date(scheduleAt.getTime() - 3_600_000);
  return aJob(
    { frequency: 'once', scheduleAt, dataFrom: new Date(dataTo.getTime() - 60_000), dataTo },
    overrides,
  );
}

/** A job as it is after a change at `updatedAt`. */
export function changed(job: Job, updatedAt: Date, changes: Partial<Job> = {}): Job {
  return { ...job, ...changes, updatedAt };
}

/** The jobs table as a list of rows; `reads` counts the queries of each kind. */
export class InMemoryJobTable implements JobTable {
  rows: Job[] = [];
  readonly reads = { active: 0, changed: 0, count: 0 };
  /** When set, every read waits for it (to change things while a look is under way). */
  gate: Promise<void> | undefined;

  put(job: Job): void {
    this.rows = [...this.rows.filter((row) => row.jobId !== job.jobId), job];
  }

  remove(jobId: number): void {
    this.rows = this.rows.filter((row) => row.jobId !== jobId);
  }

  async activeJobs(): Promise<Job[]> {
    this.reads.active++;
    const rows = this.rows.filter((job) => job.jobStatus === 'Active');
    await this.gate;
    return rows;
  }

  async jobsChangedSince(since: Date): Promise<Job[]> {
    this.reads.changed++;
    const rows = this.rows.filter((job) => job.updatedAt.getTime() >= since.getTime());
    await this.gate;
    return rows;
  }

  async activeJobCount(): Promise<number> {
    this.reads.count++;
    const count = this.rows.filter((job) => job.jobStatus === 'Active').length;
    await this.gate;
    return count;
  }
}

export interface RecordedLaunch {
  jobId: number;
  fireTime: string;
  trigger: FireKind;
  at: number;
}

/**
 * Records each launch; answers an execution number, or undefined when the fire had one already.
 * Knows no past executions unless a test says otherwise.
 */
export class RecordingLauncher {
  readonly launches: RecordedLaunch[] = [];
  private readonly fires = new Set<string>();
  failWith: Error | undefined;

  launch(job: Job, scheduledFireTime: Date, trigger: FireKind): Promise<number | undefined> {
    this.launches.push({
      jobId: job.jobId,
      fireTime: scheduledFireTime.toISOString(),
      trigger,
      at: Date.now(),
    });
    if (this.failWith) return Promise.reject(this.failWith);
    const key = `${job.jobId}@${scheduledFireTime.getTime()}`;
    if (this.fires.has(key)) return Promise.resolve(undefined);
    this.fires.add(key);
    return Promise.resolve(this.fires.size);
  }

  latestFireTimes: (jobIds: readonly number[]) => Promise<Map<number, Date>> = () =>
    Promise.resolve(new Map<number, Date>());
}
