import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/app-config.provider';
import { DatabaseService } from '../../core/database/database.service';
import { MeasurementsRepository } from './measurements.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 60 * 60 * 1000;
const INTERVAL_NAME = 'measurement-retention';
// How long the purge at start waits for the database; after that the hourly one takes over.
const START_WAIT_MS = 5 * 60 * 1000;

/** What one purge did. */
export interface PurgeOutcome {
  /** Values deleted. */
  deleted: number;
  /** Delete statements run (the last one may have found fewer than a batch, or none). */
  batches: number;
  /** Values at or after this instant (ms) were kept. */
  cutoff: number;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Deletes embedded measurement values older than MEASUREMENT_RETENTION_DAYS, at start and every
 * hour, MEASUREMENT_PURGE_BATCH values a statement. Between statements it lets the event loop
 * turn, so requests (ingest included) are served while a large backlog is purged.
 */
@Injectable()
export class MeasurementRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MeasurementRetention.name);
  // Purges run one after another; the hourly one is skipped while one is still going.
  private running: Promise<unknown> = Promise.resolve();
  private busy = false;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly measurements: MeasurementsRepository,
    private readonly database: DatabaseService,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.measurements.retentionDays === 0) return;
    // The schedule module clears registered intervals when the application shuts down.
    this.scheduler.addInterval(
      INTERVAL_NAME,
      setInterval(() => {
        if (!this.busy) void this.purgeAndLog();
      }, PURGE_EVERY_MS),
    );
    void this.purgeAtStart();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  /**
   * Deletes every value older than the retention as of `now` (ms), batch after batch; with
   * retention off, deletes nothing. Purges asked for while one runs wait for it.
   */
  purgeExpired(now: number = Date.now()): Promise<PurgeOutcome> {
    const purge = this.running.then(() => this.purgeInBatches(now));
    this.running = purge.catch(() => undefined);
    return purge;
  }

  private async purgeInBatches(now: number): Promise<PurgeOutcome> {
    const { retentionDays, purgeBatch } = this.config.measurements;
    const cutoff = now - retentionDays * DAY_MS;
    const outcome: PurgeOutcome = { deleted: 0, batches: 0, cutoff };
    if (retentionDays === 0) return outcome;
    this.busy = true;
    try {
      while (!this.stopping) {
        const deleted = await this.measurements.purgeBefore(cutoff, purgeBatch);
        outcome.deleted += deleted;
        outcome.batches++;
        if (deleted < purgeBatch) break;
        await nextTurn();
      }
      return outcome;
    } finally {
      this.busy = false;
    }
  }

  private async purgeAtStart(): Promise<void> {
    try {
      await this.database.whenReady(START_WAIT_MS);
    } catch {
      this.logger.warn('database not ready; measurements will be purged within the hour');
      return;
    }
    if (!this.stopping) await this.purgeAndLog();
  }

  private async purgeAndLog(): Promise<void> {
    try {
      const { deleted, batches, cutoff } = await this.purgeExpired();
      const before = new Date(cutoff).toISOString();
      const message = `purged ${deleted} measurement values older than ${before} in ${batches} batch${batches === 1 ? '' : 'es'}`;
      if (deleted > 0) this.logger.log({ deleted, batches, before }, message);
      else this.logger.debug({ deleted, batches, before }, message);
    } catch (error) {
      // A database that went away is retried at the next hour; the service keeps running.
      this.logger.warn(
        { err: error },
        `purging old measurements failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
