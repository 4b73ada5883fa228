import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { type AppConfig, loadAppConfig } from '../../core/config/app-config';
import type { DatabaseService } from '../../core/database/database.service';
import type { ExecutionLauncher } from '../executions/execution-launcher';
import type { Job } from '../jobs/job';
import { JobChanges } from '../jobs/job-changes';
import { JobRunFieldsRegistry } from '../jobs/job-run-fields.registry';
import { JOB_SYNC_TIMER, JobTriggers } from './job-triggers.service';
import { SchedulerRegistryTimerHost } from './scheduler-registry-timer-host';
import {
  aOnceJob,
  aPeriodicJob,
  changed,
  InMemoryJobTable,
  RecordingLauncher,
} from './testing/scheduling-test-doubles';

const START = new Date('2026-11-23T10:00:00.000Z');
const SECOND = 1000;
const HOUR = 3_600_000;

describe('JobTriggers', () => {
  let table: InMemoryJobTable;
  let changes: JobChanges;
  let runFields: JobRunFieldsRegistry;
  let launcher: RecordingLauncher;
  let lastFires: Map<number, Date>;
  let latestFireTimes: jest.Mock<Promise<Map<number, Date>>, [readonly number[]]>;
  let connected: boolean;
  let registry: SchedulerRegistry;
  let triggers: JobTriggers | undefined;
  let errors: jest.SpyInstance;
  let logs: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers({ now: START });
    table = new InMemoryJobTable();
    changes = new JobChanges();
    runFields = new JobRunFieldsRegistry();
    launcher = new RecordingLauncher();
    lastFires = new Map();
    latestFireTimes = jest.fn((_jobIds: readonly number[]) => Promise.resolve(lastFires));
    launcher.latestFireTimes = latestFireTimes;
    connected = true;
    registry = new SchedulerRegistry();
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    logs = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    triggers?.onModuleDestroy();
    triggers = undefined;
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  function start(env: Record<string, string> = {}): JobTriggers {
    const config: AppConfig = loadAppConfig({ JOB_SYNC_INTERVAL_MS: '2000', ...env });
    const database = { isConnected: () => connected } as unknown as DatabaseService;
    triggers = new JobTriggers(
      table,
      changes,
      runFields,
      launcher as unknown as ExecutionLauncher,
      database,
      new SchedulerRegistryTimerHost(registry),
      config,
    );
    triggers.onModuleInit();
    triggers.onApplicationBootstrap();
    return triggers;
  }

  /** Lets the fake clock run, with the promises of reads and launches settled in between. */
  const run = (ms: number) => jest.advanceTimersByTimeAsync(ms);

  const launched = () =>
    launcher.launches.map(({ jobId, fireTime, trigger }) => `${jobId} ${trigger} ${fireTime}`);

  /** What JobsService does on a successful write: store, then tell. */
  const save = (job: Job) => {
    table.put(job);
    changes.notify({ kind: 'saved', job });
  };

  const jobTimers = () =>
    registry
      .getTimeouts()
      .filter((name) => name !== JOB_SYNC_TIMER)
      .sort();

  it('arms a trigger named job-<id> for every active job once the database is there', async () => {
    table.put(aPeriodicJob('0 * * * * ?', 'UTC', { jobId: 1 }));
    table.put(aOnceJob(new Date(START.getTime() + HOUR), { jobId: 2 }));
    table.put(aPeriodicJob('0 * * * * ?', 'UTC', { jobId: 3, jobStatus: 'Inactive' }));
    connected = false;
    const service = start();

    await run(SECOND);
    expect(table.reads.active).toBe(0);
    connected = true;
    await run(SECOND);

    expect(jobTimers()).toEqual(['job-1', 'job-2']);
    expect(service.nextFireTime(1)?.toISOString()).toBe('2026-11-23T10:01:00.000Z');
    expect(service.nextFireTime(2)?.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    expect(service.nextFireTime(3)).toBeUndefined();
  });

  it('launches each fire as a schedule fire and re-arms for the next one', async () => {
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 1, updatedAt: START }));
    start();
    await run(3 * SECOND);

    expect(launched()).toEqual([
      '1 schedule 2026-11-23T10:00:01.000Z',
      '1 schedule 2026-11-23T10:00:02.000Z',
      '1 schedule 2026-11-23T10:00:03.000Z',
    ]);
    expect(launcher.launches.map((launch) => launch.at - Date.parse(launch.fireTime))).toEqual([
      0, 0, 0,
    ]);
  });

  it('logs a failed launch and keeps the trigger going', async () => {
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 1, updatedAt: START }));
    launcher.failWith = new Error('database is down');
    start();
    await run(2 * SECOND);

    expect(launcher.launches).toHaveLength(2);
    expect(errors).toHaveBeenCalledTimes(2);
    expect(String(errors.mock.calls[0][1])).toContain('database is down');
    expect(jobTimers()).toEqual(['job-1']);
  });

  describe('at start, after every replica was down', () => {
    const downSince = new Date(START.getTime() - 5 * HOUR);

    beforeEach(() => {
      table.put(aPeriodicJob('0 0 * * * ?', 'UTC', { jobId: 1, updatedAt: downSince }));
      table.put(aPeriodicJob('0 0 * * * ?', 'UTC', { jobId: 2, updatedAt: downSince }));
      table.put(aPeriodicJob('0 30 * * * ?', 'UTC', { jobId: 3, updatedAt: downSince }));
      table.put(aOnceJob(new Date(START.getTime() - HOUR), { jobId: 4, updatedAt: downSince }));
      table.put(aOnceJob(new Date(START.getTime() - HOUR), { jobId: 5, updatedAt: downSince }));
      lastFires.set(1, new Date('2026-11-23T06:00:00Z'));
      lastFires.set(2, new Date('2026-11-23T10:00:00Z')); // its latest fire ran
      lastFires.set(5, new Date(START.getTime() - HOUR)); // the once job ran
    });

    it('run-once launches each job that missed fires once, for its latest missed fire', async () => {
      start({ MISFIRE_POLICY: 'run-once' });
      await run(0);

      expect(launched()).toEqual([
        '1 misfire 2026-11-23T10:00:00.000Z',
        '3 misfire 2026-11-23T09:30:00.000Z', // never ran: counted from its last change
        '4 misfire 2026-11-23T09:00:00.000Z',
      ]);
      expect(latestFireTimes).toHaveBeenCalledWith([1, 2, 3, 4, 5]);
      expect(jobTimers()).toEqual(['job-1', 'job-2', 'job-3']);
    });

    it('skip launches nothing for the missed fires and arms the triggers', async () => {
      start({ MISFIRE_POLICY: 'skip' });
      await run(0);

      expect(launched()).toEqual([]);
      expect(latestFireTimes).not.toHaveBeenCalled();
      expect(jobTimers()).toEqual(['job-1', 'job-2', 'job-3']);
    });

    it('arms the triggers even when the last executions cannot be read', async () => {
      latestFireTimes.mockRejectedValue(new Error('no executions table'));
      start();
      await run(0);

      expect(launched()).toEqual([]);
      expect(errors).toHaveBeenCalledTimes(1);
      expect(jobTimers()).toEqual(['job-1', 'job-2', 'job-3']);
    });
  });

  it('applies changes made on this replica at once: create, update, pause, resume, delete', async () => {
    start();
    await run(0);
    const job = aPeriodicJob('0 * * * * ?', 'UTC', { jobId: 7, updatedAt: START });

    save(job);
    expect(jobTimers()).toEqual(['job-7']);
    expect(triggers?.nextFireTime(7)?.toISOString()).toBe('2026-11-23T10:01:00.000Z');

    const everyTenSeconds = changed(job, new Date(START.getTime() + 1), {
      definition: {
        ...job.definition,
        jobSchedule: {
          frequency: 'periodic',
          cronExpression: '0/10 * * * * ?',
          timeZone: 'UTC',
          dataFromPreviousNSeconds: 10,
        },
      },
    });
    save(everyTenSeconds);
    expect(triggers?.nextFireTime(7)?.toISOString()).toBe('2026-11-23T10:00:10.000Z');

    save(changed(everyTenSeconds, new Date(START.getTime() + 2), { jobStatus: 'Inactive' }));
    expect(jobTimers()).toEqual([]);
    await run(60 * SECOND);
    expect(launched()).toEqual([]);

    save(changed(everyTenSeconds, new Date(Date.now())));
    expect(jobTimers()).toEqual(['job-7']);
    await run(10 * SECOND);
    expect(launched()).toEqual(['7 schedule 2026-11-23T10:01:10.000Z']);

    table.remove(7);
    changes.notify({ kind: 'deleted', jobId: 7 });
    expect(jobTimers()).toEqual([]);
    save(aOnceJob(new Date(Date.now() + HOUR), { jobId: 8 }));
    expect(jobTimers()).toEqual(['job-8']);
    table.rows = [];
    changes.notify({ kind: 'cleared' });
    expect(jobTimers()).toEqual([]);
  });

  it('follows a change another replica made within one sync interval', async () => {
    const job = aPeriodicJob('0 * * * * ?', 'UTC', { jobId: 1, updatedAt: START });
    table.put(job);
    start();
    await run(0);

    table.put(changed(job, new Date(START.getTime() + 500), { jobStatus: 'Inactive' }));
    table.put(
      aPeriodicJob('0 * * * * ?', 'UTC', { jobId: 2, updatedAt: new Date(START.getTime() + 500) }),
    );
    await run(2 * SECOND);
    expect(jobTimers()).toEqual(['job-2']);

    table.remove(2);
    await run(2 * SECOND);
    expect(jobTimers()).toEqual([]);
  });

  it('supplies nextFireTime to the job answers', async () => {
    table.put(aPeriodicJob('0 0 12 * * ?', 'Europe/Berlin', { jobId: 1 }));
    table.put(aPeriodicJob('0 0 12 * * ?', 'Europe/Berlin', { jobId: 2, jobStatus: 'Inactive' }));
    start();
    await run(0);

    expect(await runFields.withRunFields([{ jobId: 1 }, { jobId: 2 }])).toEqual([
      { jobId: 1, nextFireTime: '2026-11-23T11:00:00.000Z' },
      { jobId: 2, nextFireTime: null },
    ]);
  });

  it('says at start that SQLite is single-replica, and not on MySQL', () => {
    start({ DB_TYPE: 'sqlite' });
    expect(logs.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringContaining('single-replica'),
    ]);
    triggers?.onModuleDestroy();

    logs.mockClear();
    start({ DB_TYPE: 'mysql', DB_HOST: 'db', DB_USER: 'scorecast', DB_NAME: 'scorecast' });
    expect(logs).not.toHaveBeenCalled();
  });

  it('stops every trigger and the sync on shutdown, and ignores later changes', async () => {
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 1 }));
    const service = start();
    await run(0);

    service.onModuleDestroy();
    changes.notify({ kind: 'saved', job: aPeriodicJob('* * * * * ?', 'UTC', { jobId: 2 }) });
    await run(5 * SECOND);

    expect(registry.getTimeouts()).toEqual([]);
    expect(launched()).toEqual([]);
  });

  it('logs a job it cannot schedule and arms the others', async () => {
    table.put(aPeriodicJob('0 * * * * ?', 'Mars/Olympus_Mons', { jobId: 1 }));
    table.put(aPeriodicJob('0 * * * * ?', 'UTC', { jobId: 2 }));
    start();
    await run(0);

    expect(jobTimers()).toEqual(['job-2']);
    expect(errors).toHaveBeenCalledTimes(1);
  });
});
