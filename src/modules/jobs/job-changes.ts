import { Injectable, Logger } from '@nestjs/common';
import type { Job } from './job';

/** A write to the jobs table that has been committed. */
export type JobChange =
  /** Created, redefined, paused or resumed: the job as stored now. */
  | { kind: 'saved'; job: Job }
  | { kind: 'deleted'; jobId: number }
  /** DELETE /jobs: every job is gone. */
  | { kind: 'cleared' };

export type JobChangeListener = (change: JobChange) => void;

/**
 * Tells the modules that follow the jobs (the scheduler) about every change this replica made,
 * right after it is stored, without the jobs module depending on them.
 */
@Injectable()
export class JobChanges {
  private readonly logger = new Logger(JobChanges.name);
  private readonly listeners: JobChangeListener[] = [];

  subscribe(listener: JobChangeListener): void {
    this.listeners.push(listener);
  }

  // The write has succeeded; a listener's failure must not turn it into an error answer.
  notify(change: JobChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error({ err: error, change: change.kind }, 'a job change listener failed');
      }
    }
  }
}
