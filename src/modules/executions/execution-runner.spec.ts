import type { AppConfig } from '../../core/config/app-config';
import { ServiceUnavailableError } from '../../core/errors/domain-errors';
import type { DeviceDataSource, RecordChunk, WindowQuery } from '../devices/device-data-source';
import type { Job } from '../jobs/job';
import type { JobsService } from '../jobs/jobs.service';
import type { ExecutionLogsRepository } from './execution-logs.repository';
import type { ExecutionMetrics } from './execution-metrics';
import type { ExecutionModels } from './execution-models';
import { ExecutionRunner, seriesMappings } from './execution-runner';
import type { ExecutionsRepository } from './executions.repository';
import type { InferenceChunk, InferencesRepository } from './inferences.repository';
import type { JobExecutionEntity } from './job-execution.entity';

const job = {
  jobId: 7,
  definition: {
    groupOrDeviceId: 5,
    modelOrGroup: 'M',
    applyAllModels: false,
    modelToDeviceMappings: { x: 'c8y_T.x.value' },
  },
} as unknown as Job;

const execution = {
  id: 1,
  jobId: 7,
  executionNumber: 1,
  attempt: 1,
  trigger: 'manual',
  windowFrom: 0,
  windowTo: 10_000,
  windowToInclusive: true,
  startedAt: Date.now(),
} as JobExecutionEntity;

const chunk = (times: number[]): RecordChunk => ({ times, columns: { x: times.map(() => 1) } });

/** A runner over strict fakes; `reads` answers each readWindow call in turn. */
function runnerWith(options: {
  reads: ((query: WindowQuery) => AsyncGenerator<RecordChunk>)[];
  failedRecords?: number;
  renewals?: boolean[];
  current?: Partial<JobExecutionEntity>;
}) {
  const stored: InferenceChunk[] = [];
  const queries: WindowQuery[] = [];
  const renewals = [...(options.renewals ?? [])];
  const executions = {
    markForDeviceGroup: jest.fn().mockResolvedValue(undefined),
    renewUnlessCancelled: jest.fn(() => Promise.resolve(renewals.shift() ?? true)),
    renew: jest.fn().mockResolvedValue(true),
    findById: jest.fn().mockResolvedValue({ ...execution, status: 'Running', ...options.current }),
    finish: jest.fn().mockResolvedValue(true),
  };
  const inferences = {
    insert: jest.fn((rows: InferenceChunk[]) => {
      stored.push(...rows);
      return Promise.resolve();
    }),
  };
  const logs = { lastSequence: jest.fn().mockResolvedValue(0), append: jest.fn() };
  const source: DeviceDataSource = {
    resolve: () => Promise.resolve({ id: 5, isGroup: false, devices: [{ id: 5, name: 'd' }] }),
    readWindow: (query) => {
      queries.push(query);
      const read = options.reads.shift();
      if (!read) throw new Error('read once too often');
      return read(query);
    },
  };
  const models = {
    resolve: jest.fn().mockResolvedValue({ models: [{ name: 'M', version: 1 }], failures: [] }),
    score: jest.fn((_model: unknown, columns: Record<string, unknown[]>, rows: number) =>
      Promise.resolve({
        columns: { score: columns.x },
        failedRecords: Math.min(rows, options.failedRecords ?? 0),
        firstError: options.failedRecords ? 'bad input' : undefined,
      }),
    ),
  };
  const metrics = { ended: jest.fn(), scored: jest.fn() };
  const config = { executions: { leaseMs: 30_000, timeoutMs: 60_000 } } as AppConfig;
  const runner = new ExecutionRunner(
    executions as unknown as ExecutionsRepository,
    inferences as unknown as InferencesRepository,
    logs as unknown as ExecutionLogsRepository,
    { findById: () => Promise.resolve(job) } as unknown as JobsService,
    source,
    models as unknown as ExecutionModels,
    metrics as unknown as ExecutionMetrics,
    config,
  );
  const run = () => runner.run(execution, new AbortController().signal);
  return { run, stored, queries, executions };
}

async function* yields(...chunks: RecordChunk[]): AsyncGenerator<RecordChunk> {
  for (const next of chunks) {
    await Promise.resolve();
    yield next;
  }
}

async function* failsAfter(first: RecordChunk): AsyncGenerator<RecordChunk> {
  yield first;
  await Promise.resolve();
  throw new ServiceUnavailableError('Cumulocity answered 503');
}

describe('ExecutionRunner', () => {
  it('resumes a read that failed midway after the last stored record, numbering on', async () => {
    const { run, stored, queries, executions } = runnerWith({
      reads: [() => failsAfter(chunk([1000, 2000])), () => yields(chunk([3000]))],
    });
    await run();
    expect(queries.map((query) => query.from.getTime())).toEqual([0, 2001]);
    expect(stored.map((row) => [row.chunkNumber, row.rowCount])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(executions.finish).toHaveBeenCalledWith(
      1,
      1,
      expect.objectContaining({ status: 'Success', messages: [], recordsScored: 3 }),
    );
  });

  it('gives a device up after three failed tries, as a Failure when nothing was scored', async () => {
    const failing = async function* (): AsyncGenerator<RecordChunk> {
      await Promise.resolve();
      yield* [];
      throw new ServiceUnavailableError('down');
    };
    const { run, queries, executions } = runnerWith({ reads: [failing, failing, failing] });
    await run();
    expect(queries).toHaveLength(3);
    expect(executions.finish).toHaveBeenCalledWith(
      1,
      1,
      expect.objectContaining({ status: 'Failure', messages: ['Device 5: down'] }),
    );
  }, 10_000);

  it('names the records a model could not score (Warning)', async () => {
    const { run, executions } = runnerWith({
      reads: [() => yields(chunk([1, 2, 3]))],
      failedRecords: 1,
    });
    await run();
    expect(executions.finish).toHaveBeenCalledWith(
      1,
      1,
      expect.objectContaining({
        status: 'Warning',
        messages: ["Model 'M' could not score 1 of 3 records of device 5: bad input"],
        recordsScored: 2,
      }),
    );
  });

  it('stops between chunks when cancel was requested, keeping the stored chunks', async () => {
    const { run, stored, executions } = runnerWith({
      reads: [() => yields(chunk([1]), chunk([2]), chunk([3]))],
      // Before the device, before chunk 1, before chunk 2 (cancel requested by then).
      renewals: [true, true, false],
      current: { cancelRequested: true },
    });
    await run();
    expect(stored.map((row) => row.chunkNumber)).toEqual([1]);
    expect(executions.finish).toHaveBeenCalledWith(
      1,
      1,
      expect.objectContaining({ status: 'Cancelled', recordsScored: 1 }),
    );
  });

  it('ends without a status when another attempt took the execution over', async () => {
    const { run, executions } = runnerWith({
      reads: [() => yields(chunk([1]), chunk([2]))],
      renewals: [true, true, false],
      current: { attempt: 2 },
    });
    await run();
    expect(executions.finish).not.toHaveBeenCalled();
  });
});

describe('seriesMappings', () => {
  it('reads each mapping as fragment and series', () => {
    expect(seriesMappings({ x: 'c8y_T.x.value', y: 'c8y_T.y.value' })).toEqual([
      { input: 'x', fragment: 'c8y_T', series: 'x' },
      { input: 'y', fragment: 'c8y_T', series: 'y' },
    ]);
  });
});
