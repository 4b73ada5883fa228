import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/app-config.provider';
import { DatabaseService } from '../../core/database/database.service';
import { JobsService } from '../jobs/jobs.service';
import { ExecutionsRepository } from './executions.repository';
import { purgeRule, retentionLimits } from './retention-rule';
import { messageOf } from './transient-errors';

const PURGE_EVERY_MS = 60 * 60 * 1000;
const FIRST_PURGE_AFTER_MS = 60 * 1000;
/** Executions deleted per statement (with their inferences and logs, through the foreign keys). */
export const PURGE_BATCH = 500;
const JOBS_PER_READ = 500;

/**
 * Deletes old executions with their inferences and logs: per job, beyond the newest
 * keepExecutions and older than retentionDays (each defaulting to the service's settings).
 * A job's newest execution is always kept, so its numbers never start over. Runs a minute after
 * start and hourly; replicas purging at once only delete the same rows twice.
 */
@Injectable()
export class ExecutionRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExecutionRetention.name);
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly executions: ExecutionsRepository,
    private readonly jobs: JobsService,
    private readonly database: DatabaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const first = setTimeout(() => void this.purgeQuietly(), FIRST_PURGE_AFTER_MS);
    const hourly = setInterval(() => void this.purgeQuietly(), PURGE_EVERY_MS);
    for (const timer of [first, hourly]) timer.unref();
    this.timers.push(first, hourly);
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  /** One purge of every job's executions; how many executions it deleted. */
  async purge(now = Date.now()): Promise<number> {
    let deleted = 0;
    for (let after = 0; ;) {
      const jobIds = await this.executions.jobIdsAfter(after, JOBS_PER_READ);
      for (const jobId of jobIds) deleted += await this.purgeJob(jobId, now);
      if (jobIds.length < JOBS_PER_READ) return deleted;
      after = jobIds[jobIds.length - 1];
    }
  }

  private async purgeJob(jobId: number, now: number): Promise<number> {
    const job = await this.jobs.findById(jobId);
    if (!job) return 0;
    const limits = retentionLimits(job.retention, this.config.executions);
    if (limits.keep === 0 && limits.days === 0) return 0;
    const newestNumber = await this.executions.numberAtRank(jobId, 1);
    if (newestNumber === undefined) return 0;
    const atKeep = limits.keep > 0 ? await this.executions.numberAtRank(jobId, limits.keep) : 0;
    const rule = { ...purgeRule(limits, atKeep, now), newestNumber };
    let deleted = 0;
    for (;;) {
      const ids = await this.executions.purgeable(jobId, rule, PURGE_BATCH);
      deleted += await this.executions.deleteByIds(ids);
      if (ids.length < PURGE_BATCH) return deleted;
    }
  }

  private async purgeQuietly(): Promise<void> {
    if (!this.database.isConnected()) return;
    try {
      const deleted = await this.purge();
      if (deleted > 0) this.logger.log(`deleted ${deleted} old executions`);
    } catch (error) {
      this.logger.warn({ err: error }, `execution purge failed: ${messageOf(error)}`);
    }
  }
}
