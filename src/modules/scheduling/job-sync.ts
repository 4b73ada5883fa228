import type { Job } from '../jobs/job';
import type { JobChange } from '../jobs/job-changes';
import type { JobTable } from './job-table';

/** Where JobSync sends what changed: the triggers. */
export interface JobSyncTarget {
  /** A job that is active, new or different from the version last given. */
  activate(job: Job): void;
  /** A job that was given before and is now paused or deleted. */
  deactivate(jobId: number): void;
}

/**
 * Each look reads the rows changed since the previous look began, less this: another replica's
 * clock may lag ours a little, and a write commits a moment after its updatedAt was taken.
 */
export const CHANGE_OVERLAP_MS = 10_000;
/** Beyond the cheap looks, the whole set of active jobs is compared this often. */
export const FULL_RECONCILE_INTERVAL_MS = 300_000;

/**
 * Keeps a replica's view of the active jobs in step with the jobs table. Changes made here come
 * in at once through `applyLocal`; changes made elsewhere are found by `look`, run every few
 * seconds: the jobs whose updatedAt is past a watermark (when the last look began), then the
 * number of active jobs against the number known (a deletion elsewhere leaves no row to find),
 * and a full comparison when they differ or every FULL_RECONCILE_INTERVAL_MS.
 *
 * A look reads the table over some milliseconds while this replica may change a job: what it
 * read of a job changed here after it began is older than what this replica knows, so it is
 * ignored for that job (`changedAt` records at which look's era each local change happened).
 */
export class JobSync {
  private readonly known = new Map<number, Job>();
  private readonly changedAt = new Map<number, number>();
  private clearedAt = -1;
  /** Incremented as each look (or the first load) begins. */
  private era = 0;
  /** When the last successful reading began, on this replica's clock. */
  private readSince = -Infinity;
  private lastFullLook = -Infinity;

  constructor(
    private readonly table: JobTable,
    private readonly target: JobSyncTarget,
    private readonly now: () => number,
  ) {}

  /** The active job as last seen, if it is one. */
  job(jobId: number): Job | undefined {
    return this.known.get(jobId);
  }

  /**
   * The first reading: every active job, now known, returned for the caller to arm (and to
   * check for misfires) itself; the target hears nothing of them.
   */
  async load(): Promise<Job[]> {
    const era = ++this.era;
    const startedAt = this.now();
    const rows = await this.table.activeJobs();
    this.readSince = this.lastFullLook = startedAt;
    if (this.clearedAt >= era) return [];
    const loaded: Job[] = [];
    for (const job of rows) {
      if (this.changedSince(job.jobId, era)) continue;
      this.known.set(job.jobId, job);
      loaded.push(job);
    }
    this.forgetLocalChangesBefore(era);
    return loaded;
  }

  /** A change this replica made, already stored. */
  applyLocal(change: JobChange): void {
    switch (change.kind) {
      case 'saved':
        this.changedAt.set(change.job.jobId, this.era);
        this.accept(change.job);
        return;
      case 'deleted':
        this.changedAt.set(change.jobId, this.era);
        this.drop(change.jobId);
        return;
      case 'cleared':
        this.clearedAt = this.era;
        for (const jobId of [...this.known.keys()]) this.drop(jobId);
        return;
    }
  }

  /** Finds the changes other replicas made since the last look and applies them. */
  async look(): Promise<void> {
    const era = ++this.era;
    const startedAt = this.now();
    const since = Math.max(0, this.readSince - CHANGE_OVERLAP_MS);
    const changed = await this.table.jobsChangedSince(new Date(since));
    let full = startedAt - this.lastFullLook >= FULL_RECONCILE_INTERVAL_MS;
    const activeCount = full ? 0 : await this.table.activeJobCount();
    if (this.clearedAt < era) {
      for (const job of changed) {
        if (!this.changedSince(job.jobId, era)) this.accept(job);
      }
      if (!full && activeCount !== this.known.size) full = true;
      if (full) await this.reconcileAll(era, startedAt);
    }
    this.readSince = startedAt;
    this.forgetLocalChangesBefore(era);
  }

  private async reconcileAll(era: number, startedAt: number): Promise<void> {
    const rows = await this.table.activeJobs();
    if (this.clearedAt >= era) return;
    this.lastFullLook = startedAt;
    const active = new Set<number>();
    for (const job of rows) {
      active.add(job.jobId);
      if (!this.changedSince(job.jobId, era)) this.accept(job);
    }
    for (const jobId of [...this.known.keys()]) {
      if (!active.has(jobId) && !this.changedSince(jobId, era)) this.drop(jobId);
    }
  }

  private accept(job: Job): void {
    if (job.jobStatus !== 'Active') {
      this.drop(job.jobId);
      return;
    }
    const known = this.known.get(job.jobId);
    if (known && known.updatedAt.getTime() === job.updatedAt.getTime()) return;
    this.known.set(job.jobId, job);
    this.target.activate(job);
  }

  private drop(jobId: number): void {
    if (!this.known.delete(jobId)) return;
    this.target.deactivate(jobId);
  }

  // Changed here during or after the look of this era began: the look's reading is older.
  private changedSince(jobId: number, era: number): boolean {
    return (this.changedAt.get(jobId) ?? -1) >= era;
  }

  // A look that began after a local change read the table as that change left it.
  private forgetLocalChangesBefore(era: number): void {
    for (const [jobId, changedEra] of this.changedAt) {
      if (changedEra < era) this.changedAt.delete(jobId);
    }
  }
}
