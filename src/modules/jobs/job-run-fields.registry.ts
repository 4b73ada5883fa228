import { Injectable } from '@nestjs/common';
import type { ExecutionStatus } from './job-list-query';

/**
 * Extension fields about a job's runs that every job answer carries after its own fields. The
 * modules that know them (the scheduler: nextFireTime; the execution engine: the rest) supply
 * them, so that the jobs module depends on neither.
 */
export interface JobRunFields {
  /** The trigger's next fire (UTC); absent until the scheduler supplies it. */
  nextFireTime?: string | null;
  lastExecutionStatus?: string | null;
  /** When the last execution started (UTC), or was queued if it has not yet. */
  lastExecutionTime?: string | null;
  executionCount?: number;
  successCount?: number;
  failureCount?: number;
}

/** The order the fields are answered in, whoever supplies them. */
const FIELD_ORDER: readonly (keyof JobRunFields)[] = [
  'nextFireTime',
  'lastExecutionStatus',
  'lastExecutionTime',
  'executionCount',
  'successCount',
  'failureCount',
];

/** The ids of the jobs whose newest execution has this status. */
export type LastStatusSource = (status: ExecutionStatus) => Promise<number[]>;

/** For each of the given job ids, the fields a module supplies (every id must get an entry). */
export type JobRunFieldsSource = (jobIds: readonly number[]) => Promise<Map<number, JobRunFields>>;

@Injectable()
export class JobRunFieldsRegistry {
  private readonly sources: JobRunFieldsSource[] = [];

  private lastStatusSource: LastStatusSource | undefined;

  register(source: JobRunFieldsSource): void {
    this.sources.push(source);
  }

  /** Set by the module that knows the executions; without it no job has a last status. */
  registerLastStatus(source: LastStatusSource): void {
    this.lastStatusSource = source;
  }

  async jobIdsWithLastStatus(status: ExecutionStatus): Promise<number[]> {
    return this.lastStatusSource ? this.lastStatusSource(status) : [];
  }

  /** Each view followed by the run fields of its job, in FIELD_ORDER. */
  async withRunFields<View extends { jobId: number }>(
    views: readonly View[],
  ): Promise<(View & JobRunFields)[]> {
    const jobIds = views.map((view) => view.jobId);
    const supplied = await Promise.all(this.sources.map((source) => source(jobIds)));
    return views.map((view) => {
      const fields: JobRunFields = Object.assign(
        {},
        ...supplied.map((byJob) => byJob.get(view.jobId)),
      ) as JobRunFields;
      const ordered = Object.fromEntries(
        FIELD_ORDER.filter((name) => fields[name] !== undefined).map((name) => [
          name,
          fields[name],
        ]),
      );
      return { ...view, ...ordered };
    });
  }
}
