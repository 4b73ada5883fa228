import type { AppConfig } from '../../core/config/app-config';
import type { DatabaseService } from '../../core/database/database.service';
import type { Job } from '../jobs/job';
import { ExecutionLauncher, MAX_EXECUTION_ATTEMPTS } from './execution-launcher';
import type { ExecutionLogsRepository } from './execution-logs.repository';
import type { ExecutionMetrics } from './execution-metrics';
import type { ExecutionRunner } from './execution-runner';
import type { ExecutionsRepository, InsertOutcome } from './executions.repository';
import type { JobExecutionEntity } from './job-execution.entity';

const job = {
  jobId: 7,
  definition: {
    jobSchedule: {
      frequency: 'periodic',
      cronExpression: '0 * * * * ?',
      dataFromPreviousNSeconds: 60,
      timeZone: 'UTC',
    },
  },
} as Job;

const anExecution = (overrides: Partial<JobExecutionEntity>): JobExecutionEntity =>
  ({
    id: 1,
    jobId: 7,
    executionNumber: 1,
    attempt: 1,
    startedAt: 0,
    ...overrides,
  }) as JobExecutionEntity;

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A launcher over strict fakes: a call to anything not given here fails the test. */
function launcherWith(
  repository: Partial<Record<keyof ExecutionsRepository, jest.Mock>>,
  options: { maxConcurrent?: number; orphanPolicy?: 'retry' | 'fail' } = {},
) {
  const runs: (() => void)[] = [];
  const runner = {
    run: jest.fn(
      () =>
        new Promise<void>((resolve) => {
          runs.push(resolve);
        }),
    ),
  };
  const metrics = { ended: jest.fn(), scored: jest.fn() };
  const logs = { lastSequence: jest.fn().mockResolvedValue(0), append: jest.fn() };
  const config = {
    executions: {
      maxConcurrent: options.maxConcurrent ?? 4,
      leaseMs: 30_000,
      timeoutMs: 60_000,
      orphanPolicy: options.orphanPolicy ?? 'retry',
      keepDefault: 0,
      retentionDaysDefault: 0,
    },
  } as AppConfig;
  const launcher = new ExecutionLauncher(
    repository as unknown as ExecutionsRepository,
    logs as unknown as ExecutionLogsRepository,
    runner as unknown as ExecutionRunner,
    metrics as unknown as ExecutionMetrics,
    { isConnected: () => true } as unknown as DatabaseService,
    config,
  );
  return { launcher, runner, runs, metrics };
}

describe('ExecutionLauncher.create', () => {
  const inserted = (id: number): InsertOutcome => ({ kind: 'inserted', id });

  it('creates a Queued execution with the next number and the window of the fire', async () => {
    const insert = jest.fn().mockResolvedValue(inserted(11));
    const { launcher } = launcherWith({
      ongoing: jest.fn().mockResolvedValue(null),
      nextNumber: jest.fn().mockResolvedValue(3),
      insert,
    });
    const fire = Date.parse('2026-01-01T10:00:00.000Z');
    const launched = await launcher.create({
      job,
      fireTime: fire,
      trigger: 'schedule',
      window: { from: fire - 60_000, to: fire, toInclusive: false },
      retryOf: 0,
    });
    expect(launched).toEqual({ id: 11, executionNumber: 3, status: 'Queued' });
    expect(insert).toHaveBeenCalledWith(
      expect.objectContaining({
        jobId: 7,
        executionNumber: 3,
        scheduledFireTime: fire,
        status: 'Queued',
        windowFrom: fire - 60_000,
        windowTo: fire,
      }),
    );
  });

  it('answers undefined when another replica created the execution of the fire', async () => {
    const { launcher } = launcherWith({
      ongoing: jest.fn().mockResolvedValue(null),
      nextNumber: jest.fn().mockResolvedValue(1),
      insert: jest.fn().mockResolvedValue({ kind: 'duplicate' }),
      fireTaken: jest.fn().mockResolvedValue(true),
    });
    expect(await launcher.launch(job, new Date(0), 'schedule')).toBeUndefined();
  });

  it('numbers again when a concurrent launch took the number, not the fire', async () => {
    const nextNumber = jest.fn().mockResolvedValueOnce(4).mockResolvedValueOnce(5);
    const { launcher } = launcherWith({
      ongoing: jest.fn().mockResolvedValue(null),
      nextNumber,
      insert: jest
        .fn()
        .mockResolvedValueOnce({ kind: 'duplicate' })
        .mockResolvedValueOnce(inserted(9)),
      fireTaken: jest.fn().mockResolvedValue(false),
    });
    const launched = await launcher.create({
      job,
      fireTime: 1000,
      trigger: 'schedule',
      window: { from: 0, to: 1000, toInclusive: false },
      retryOf: 0,
    });
    expect(launched?.executionNumber).toBe(5);
  });

  it('moves a manual run to the next free millisecond instead of refusing it', async () => {
    const insert = jest
      .fn()
      .mockResolvedValueOnce({ kind: 'duplicate' })
      .mockResolvedValueOnce(inserted(2));
    const { launcher } = launcherWith({
      nextNumber: jest.fn().mockResolvedValue(2),
      insert,
      fireTaken: jest.fn().mockResolvedValue(true),
    });
    await launcher.create({
      job,
      fireTime: 1000,
      trigger: 'manual',
      window: { from: 0, to: 1000, toInclusive: false },
      retryOf: 0,
    });
    expect(insert.mock.calls.map(([row]) => (row as JobExecutionEntity).scheduledFireTime)).toEqual(
      [1000, 1001],
    );
  });

  it('records a fire of the schedule as skipped while the job has a Running execution', async () => {
    const insert = jest.fn().mockResolvedValue(inserted(5));
    const { launcher, metrics } = launcherWith({
      ongoing: jest.fn().mockResolvedValue(anExecution({ executionNumber: 4, status: 'Running' })),
      nextNumber: jest.fn().mockResolvedValue(5),
      insert,
    });
    expect(await launcher.launch(job, new Date(60_000), 'schedule')).toBe(5);
    expect(insert).toHaveBeenCalledWith(
      expect.objectContaining({
        status: 'Cancelled',
        statusMessage: [
          'Skipped: execution 4 of this job was still queued or running when this one was due.',
        ],
      }),
    );
    expect(metrics.ended).toHaveBeenCalledWith('Cancelled', 0);
  });

  it('answers undefined when the job was deleted meanwhile', async () => {
    const { launcher } = launcherWith({
      nextNumber: jest.fn().mockResolvedValue(1),
      insert: jest.fn().mockResolvedValue({ kind: 'job-gone' }),
    });
    expect(await launcher.launch(job, new Date(0), 'manual')).toBeUndefined();
  });
});

describe('ExecutionLauncher dispatch', () => {
  it('runs at most MAX_CONCURRENT_EXECUTIONS at once, the next when one ends', async () => {
    const claim = jest.fn().mockResolvedValue(true);
    const { launcher, runner, runs } = launcherWith(
      {
        claim,
        findById: jest.fn((id: number) => Promise.resolve(anExecution({ id }))),
      },
      { maxConcurrent: 2 },
    );
    for (const id of [1, 2, 3]) launcher.dispatch(id);
    await settle();
    expect(runner.run).toHaveBeenCalledTimes(2);
    expect(claim.mock.calls.map(([id]) => id as number)).toEqual([1, 2]);

    runs[0]();
    await settle();
    await settle();
    expect(claim.mock.calls.map(([id]) => id as number)).toEqual([1, 2, 3]);
    expect(runner.run).toHaveBeenCalledTimes(3);
  });

  it('does not run what another replica claimed first', async () => {
    const { launcher, runner } = launcherWith({ claim: jest.fn().mockResolvedValue(false) });
    launcher.dispatch(1);
    await settle();
    expect(runner.run).not.toHaveBeenCalled();
  });
});

describe('ExecutionLauncher.sweep', () => {
  it('takes over an expired lease under the retry policy', async () => {
    const takeOver = jest.fn().mockResolvedValue(true);
    const { launcher, runner } = launcherWith({
      expiredLeases: jest.fn().mockResolvedValue([anExecution({ id: 8 })]),
      queuedBefore: jest.fn().mockResolvedValue([]),
      takeOver,
      findById: jest.fn().mockResolvedValue(anExecution({ id: 8, attempt: 2 })),
    });
    await launcher.sweep();
    await settle();
    await settle();
    expect(takeOver).toHaveBeenCalledWith(
      8,
      expect.objectContaining({ replicaId: launcher.replicaId }),
    );
    expect(runner.run).toHaveBeenCalledWith(
      expect.objectContaining({ id: 8, attempt: 2 }),
      expect.anything(),
    );
  });

  it('marks an expired lease as failed under the fail policy, or after the last attempt', async () => {
    for (const [policy, attempt] of [
      ['fail', 1],
      ['retry', MAX_EXECUTION_ATTEMPTS],
    ] as const) {
      const failOrphan = jest.fn().mockResolvedValue(true);
      const { launcher, runner, metrics } = launcherWith(
        {
          expiredLeases: jest.fn().mockResolvedValue([anExecution({ id: 8, attempt })]),
          queuedBefore: jest.fn().mockResolvedValue([]),
          failOrphan,
        },
        { orphanPolicy: policy },
      );
      await launcher.sweep();
      expect(failOrphan).toHaveBeenCalledTimes(1);
      expect(metrics.ended).toHaveBeenCalledWith('Failure', expect.any(Number));
      expect(runner.run).not.toHaveBeenCalled();
    }
  });

  it('claims executions that waited Queued longer than a lease', async () => {
    const claim = jest.fn().mockResolvedValue(true);
    const { launcher, runner } = launcherWith({
      expiredLeases: jest.fn().mockResolvedValue([]),
      queuedBefore: jest.fn().mockResolvedValue([4]),
      claim,
      findById: jest.fn().mockResolvedValue(anExecution({ id: 4 })),
    });
    await launcher.sweep();
    await settle();
    await settle();
    expect(claim).toHaveBeenCalledWith(4, expect.anything());
    expect(runner.run).toHaveBeenCalledTimes(1);
  });
});
