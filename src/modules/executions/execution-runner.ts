import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/app-config.provider';
import {
  DEVICE_DATA_SOURCE,
  type DeviceDataSource,
  type DeviceRef,
  parseSeriesPath,
  type RecordChunk,
  type ResolvedSource,
  type SeriesMapping,
} from '../devices/device-data-source';
import type { Job } from '../jobs/job';
import { JobsService } from '../jobs/jobs.service';
import { ExecutionJournal } from './execution-journal';
import { ExecutionLogsRepository } from './execution-logs.repository';
import { ExecutionMetrics } from './execution-metrics';
import { type ExecutionModel, ExecutionModels } from './execution-models';
import { finalStatus, type RunOutcome } from './execution-status';
import { type ExecutionWindow, isEmptyWindow, windowAfter } from './execution-window';
import { ExecutionsRepository } from './executions.repository';
import {
  chunkPieces,
  INFERENCE_CHUNK_RECORDS,
  outputRecordsJson,
  timestampField,
  timestampsJson,
} from './inference-json';
import { type InferenceChunk, InferencesRepository } from './inferences.repository';
import type { JobExecutionEntity } from './job-execution.entity';
import { DATA_SOURCE_TRIES, isTransient, messageOf, retryDelayMs } from './transient-errors';

/** The first wait before a data-source read is tried again; it doubles. */
export const DATA_SOURCE_RETRY_BASE_MS = 500;

/** Why a run stopped before its end. */
type StopReason = 'cancelled' | 'timeout' | 'lost' | 'shutdown';

/** What one model made of one device's records. */
interface ModelTally {
  failedRecords: number;
  firstError: string | undefined;
  /** Set when the model could not score at all; it is not asked again for this device. */
  error: string | undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one claimed execution: resolves the device or group, reads each device's window in
 * chunks, scores every chunk with the job's models and stores the outputs before reading on.
 * Between chunks it renews the claim, which also tells it to stop (cancel requested, claim
 * taken over); a timer stops it at EXECUTION_TIMEOUT_MS. See docs/executions.md.
 */
/** What a run works with. */
interface RunParts {
  executions: ExecutionsRepository;
  inferences: InferencesRepository;
  jobs: Pick<JobsService, 'findById'>;
  source: DeviceDataSource;
  models: Pick<ExecutionModels, 'resolve' | 'score'>;
  metrics: ExecutionMetrics;
}

/**
 * Runs one claimed execution: resolves the device or group, reads each device's window in
 * chunks, scores every chunk with the job's models and stores the outputs before reading on.
 * Between chunks it renews the claim, which also tells it to stop (cancel requested, claim
 * taken over); a timer stops it at EXECUTION_TIMEOUT_MS. See docs/executions.md.
 */
@Injectable()
export class ExecutionRunner {
  private readonly logger = new Logger(ExecutionRunner.name);
  private readonly parts: RunParts;

  constructor(
    executions: ExecutionsRepository,
    inferences: InferencesRepository,
    private readonly logs: ExecutionLogsRepository,
    jobs: JobsService,
    @Inject(DEVICE_DATA_SOURCE) source: DeviceDataSource,
    models: ExecutionModels,
    metrics: ExecutionMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.parts = { executions, inferences, jobs, source, models, metrics };
  }

  /**
   * Runs an execution this replica holds (its current attempt) to its end. `shutdown` aborts
   * it between chunks, handing it over to whichever replica sweeps next.
   */
  async run(execution: JobExecutionEntity, shutdown: AbortSignal): Promise<void> {
    const journal = await ExecutionJournal.continuing(this.logs, execution.id);
    const run = new Run(this.parts, execution, journal, shutdown, this.config);
    try {
      await run.perform();
    } catch (error) {
      this.logger.error({ err: error, executionId: execution.id }, 'execution failed unexpectedly');
      await journal.error('The execution failed unexpectedly', { error: messageOf(error) });
      await run.end({ unexpected: messageOf(error) }).catch((endError: unknown) => {
        // The database may be gone: the lease then expires and the sweeper decides.
        this.logger.error({ err: endError, executionId: execution.id }, 'could not end execution');
      });
    } finally {
      run.dispose();
    }
  }
}

/** The state of one attempt at one execution. */
class Run {
  private stopReason: StopReason | undefined;
  private recordsScored = 0;
  private readonly failures: string[] = [];
  private readonly devicesWithoutData: number[] = [];
  private fatal = false;
  private readonly renewal: NodeJS.Timeout;
  private readonly timeout: NodeJS.Timeout;
  private readonly attempt: number;

  constructor(
    private readonly parts: RunParts,
    private readonly execution: JobExecutionEntity,
    private readonly journal: ExecutionJournal,
    private readonly shutdown: AbortSignal,
    private readonly config: AppConfig,
  ) {
    this.attempt = execution.attempt;
    const { leaseMs, timeoutMs } = config.executions;
    this.renewal = setInterval(() => void this.renewLease(), Math.max(100, leaseMs / 3));
    this.timeout = setTimeout(() => (this.stopReason ??= 'timeout'), timeoutMs);
  }

  dispose(): void {
    clearInterval(this.renewal);
    clearTimeout(this.timeout);
  }

  async perform(): Promise<void> {
    const { execution } = this;
    await this.journal.info('Execution started', {
      attempt: this.attempt,
      trigger: execution.trigger,
      windowFrom: new Date(execution.windowFrom).toISOString(),
      windowTo: new Date(execution.windowTo).toISOString(),
      windowToInclusive: execution.windowToInclusive,
    });
    // A takeover starts afresh; what an earlier attempt stored is never shown, and goes now.
    if (this.attempt > 1) {
      await this.parts.inferences.deleteOtherAttempts(execution.id, this.attempt);
    }
    const job = await this.parts.jobs.findById(execution.jobId);
    if (!job) {
      this.stopReason = 'lost';
      await this.journal.warn('The job was deleted; stopping');
      return;
    }
    const source = await this.resolveSource(job);
    const models = source ? await this.resolveModels(job) : [];
    if (source && models.length > 0) {
      const mappings = seriesMappings(job.definition.modelToDeviceMappings);
      for (const [index, device] of source.devices.entries()) {
        if (!(await this.mayContinue())) break;
        await this.scoreDevice(job, models, mappings, device, index);
      }
      if (source.isGroup && source.devices.length === 0 && !this.stopReason) {
        this.failures.push(`The device group ${source.id} has no devices.`);
      }
    }
    await this.end({});
  }

  /** Records the final status, unless the run stopped without the right to. */
  async end(options: { unexpected?: string }): Promise<void> {
    const { execution, journal } = this;
    if (this.stopReason === 'lost') {
      await journal.warn('This attempt no longer holds the execution; stopped without a status');
      return;
    }
    if (this.stopReason === 'shutdown') {
      await this.parts.executions.release(execution.id, this.attempt);
      await journal.warn('The service is shutting down; the execution is handed over');
      return;
    }
    if (options.unexpected !== undefined) {
      this.failures.push(options.unexpected);
      this.fatal = true;
    }
    const outcome: RunOutcome = {
      cancelled: this.stopReason === 'cancelled',
      timedOut:
        this.stopReason === 'timeout' ? { timeoutMs: this.config.executions.timeoutMs } : undefined,
      recordsScored: this.recordsScored,
      devicesWithoutData: this.devicesWithoutData,
      failures: this.failures,
      fatal: this.fatal,
    };
    const { status, messages } = finalStatus(outcome);
    const endedAt = Date.now();
    const durationMs = Math.max(0, endedAt - execution.startedAt);
    const ended = await this.parts.executions.finish(execution.id, this.attempt, {
      status,
      messages,
      endedAt,
      durationMs,
      recordsScored: this.recordsScored,
    });
    if (!ended) {
      await journal.warn('This attempt no longer holds the execution; its status stays');
      return;
    }
    this.parts.metrics.ended(status, durationMs);
    await journal.info('Execution ended', {
      status,
      recordsScored: this.recordsScored,
      durationMs,
      messages,
    });
  }

  private async resolveSource(job: Job): Promise<ResolvedSource | undefined> {
    const id = job.definition.groupOrDeviceId;
    try {
      const source = await this.withRetries(`resolve ${id}`, () => this.parts.source.resolve(id));
      await this.parts.executions.markForDeviceGroup(
        this.execution.id,
        this.attempt,
        source.isGroup,
      );
      await this.journal.info(
        source.isGroup ? 'Resolved the device group' : 'Resolved the device',
        {
          groupOrDeviceId: id,
          devices: source.devices.map((device) => device.id),
        },
      );
      return source;
    } catch (error) {
      this.fatal = true;
      this.failures.push(messageOf(error));
      await this.journal.error('Could not resolve the device or group', {
        groupOrDeviceId: id,
        error: messageOf(error),
      });
      return undefined;
    }
  }

  private async resolveModels(job: Job): Promise<ExecutionModel[]> {
    const resolved = await this.parts.models.resolve(job.definition);
    for (const failure of resolved.failures) {
      this.failures.push(failure);
      await this.journal.warn('A model cannot score', { error: failure });
    }
    if (resolved.models.length === 0) {
      this.fatal = true;
      await this.journal.error('No model of the job can score');
      return [];
    }
    await this.journal.info('Scoring with', {
      models: resolved.models.map((model) => `${model.name} v${model.version}`),
    });
    return resolved.models;
  }

  private async scoreDevice(
    job: Job,
    models: readonly ExecutionModel[],
    mappings: readonly SeriesMapping[],
    device: DeviceRef,
    deviceIndex: number,
  ): Promise<void> {
    const tallies: ModelTally[] = models.map(() => ({
      failedRecords: 0,
      firstError: undefined,
      error: undefined,
    }));
    let window: ExecutionWindow = {
      from: this.execution.windowFrom,
      to: this.execution.windowTo,
      toInclusive: this.execution.windowToInclusive,
    };
    let chunks = 0;
    let records = 0;
    for (let tryNumber = 1; !isEmptyWindow(window); tryNumber++) {
      try {
        for await (const chunk of this.parts.source.readWindow({
          deviceId: device.id,
          from: new Date(window.from),
          to: new Date(window.to),
          toInclusive: window.toInclusive,
          mappings,
          chunkSize: INFERENCE_CHUNK_RECORDS,
        })) {
          for (const piece of chunkPieces(chunk, INFERENCE_CHUNK_RECORDS)) {
            if (piece.times.length === 0) continue;
            if (!(await this.mayContinue())) return;
            await this.storeChunk(job, models, tallies, device, deviceIndex, chunks + 1, piece);
            chunks++;
            records += piece.times.length;
            window = windowAfter(window, piece.times[piece.times.length - 1]);
          }
        }
        break;
      } catch (error) {
        if (this.stopReason) return;
        if (isTransient(error) && tryNumber < DATA_SOURCE_TRIES) {
          const delayMs = retryDelayMs(tryNumber, DATA_SOURCE_RETRY_BASE_MS);
          await this.journal.warn('Reading the device failed; trying again', {
            deviceId: device.id,
            try: tryNumber,
            retryInMs: delayMs,
            error: messageOf(error),
          });
          await sleep(delayMs);
          continue;
        }
        this.failures.push(`Device ${device.id}: ${messageOf(error)}`);
        await this.journal.error('Reading the device failed', {
          deviceId: device.id,
          tries: tryNumber,
          error: messageOf(error),
        });
        return;
      }
    }
    if (records === 0) {
      this.devicesWithoutData.push(device.id);
      await this.journal.warn('No data in the window', { deviceId: device.id });
      return;
    }
    for (const [index, tally] of tallies.entries()) {
      const name = models[index].name;
      if (tally.error !== undefined) {
        this.failures.push(`Model '${name}' failed on device ${device.id}: ${tally.error}`);
      } else if (tally.failedRecords > 0) {
        this.failures.push(
          `Model '${name}' could not score ${tally.failedRecords} of ${records} records of device ${device.id}: ${tally.firstError}`,
        );
      }
    }
    await this.journal.info('Device scored', { deviceId: device.id, records, chunks });
  }

  /** Scores a chunk with every model and stores the outputs, one row per model. */
  private async storeChunk(
    job: Job,
    models: readonly ExecutionModel[],
    tallies: ModelTally[],
    device: DeviceRef,
    deviceIndex: number,
    chunkNumber: number,
    chunk: RecordChunk,
  ): Promise<void> {
    const count = chunk.times.length;
    const timesJson = timestampsJson(chunk.times);
    const timestampKey = timestampField(job.jobId);
    const rows: InferenceChunk[] = [];
    let scored = 0;
    for (const [modelIndex, model] of models.entries()) {
      const tally = tallies[modelIndex];
      if (tally.error !== undefined) continue;
      try {
        const result = await this.parts.models.score(model, chunk.columns, count);
        tally.failedRecords += result.failedRecords;
        tally.firstError ??= result.firstError;
        scored += count - result.failedRecords;
        rows.push({
          executionId: this.execution.id,
          attempt: this.attempt,
          chunkNumber,
          deviceIndex,
          modelIndex,
          deviceId: device.id,
          modelName: model.name,
          rowCount: count,
          outputs: outputRecordsJson(result.columns, timestampKey, timesJson),
        });
      } catch (error) {
        tally.error = messageOf(error);
        await this.journal.error('A model failed on a device', {
          deviceId: device.id,
          model: model.name,
          error: tally.error,
        });
      }
    }
    await this.parts.inferences.insert(rows);
    this.recordsScored += scored;
    this.parts.metrics.scored(scored);
  }

  /**
   * Whether to go on: not stopped here, and the renewed claim says the execution is still
   * this attempt's and not to be cancelled.
   */
  private async mayContinue(): Promise<boolean> {
    if (this.shutdown.aborted) this.stopReason ??= 'shutdown';
    if (this.stopReason) return false;
    const { id } = this.execution;
    const leaseUntil = Date.now() + this.config.executions.leaseMs;
    if (await this.parts.executions.renewUnlessCancelled(id, this.attempt, leaseUntil)) return true;
    const current = await this.parts.executions.findById(id);
    const ours = current?.status === 'Running' && current.attempt === this.attempt;
    this.stopReason = ours && current.cancelRequested ? 'cancelled' : 'lost';
    if (this.stopReason === 'cancelled') await this.journal.warn('Cancel requested; stopping');
    return false;
  }

  private async renewLease(): Promise<void> {
    if (this.stopReason) return;
    const leaseUntil = Date.now() + this.config.executions.leaseMs;
    try {
      const held = await this.parts.executions.renew(
        this.execution.id,
        this.attempt,
        leaseUntil,
        this.recordsScored,
      );
      if (!held) this.stopReason ??= 'lost';
    } catch {
      // The database is unreachable; the next renewal tries again, and if it stays away the
      // lease runs out and the sweeper decides.
    }
  }

  private async withRetries<T>(what: string, read: () => Promise<T>): Promise<T> {
    for (let tryNumber = 1; ; tryNumber++) {
      try {
        return await read();
      } catch (error) {
        if (!isTransient(error) || tryNumber >= DATA_SOURCE_TRIES) throw error;
        const delayMs = retryDelayMs(tryNumber, DATA_SOURCE_RETRY_BASE_MS);
        await this.journal.warn('The data source failed; trying again', {
          step: what,
          try: tryNumber,
          retryInMs: delayMs,
          error: messageOf(error),
        });
        await sleep(delayMs);
      }
    }
  }
}

/** The job's mappings as the data source takes them. */
export function seriesMappings(mappings: Readonly<Record<string, string>>): SeriesMapping[] {
  return Object.entries(mappings).flatMap(([input, path]) => {
    const series = parseSeriesPath(path);
    return series ? [{ input, ...series }] : [];
  });
}
