// `npm run bench:scheduler`: fire lateness and memory of the job triggers with 10,000 active
// periodic jobs in one process. The real JobTriggers (timers in SchedulerRegistry, the Quartz
// calculator, the convergence looks) on an in-memory jobs table, with a launcher that only
// records how late each fire reached it.
import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { loadAppConfig } from '../src/core/config/app-config';
import type { DatabaseService } from '../src/core/database/database.service';
import type { ExecutionLauncher } from '../src/modules/executions/execution-launcher';
import type { Job } from '../src/modules/jobs/job';
import { JobChanges } from '../src/modules/jobs/job-changes';
import { JobRunFieldsRegistry } from '../src/modules/jobs/job-run-fields.registry';
import { JobTriggers } from '../src/modules/scheduling/job-triggers.service';
import { SchedulerRegistryTimerHost } from '../src/modules/scheduling/scheduler-registry-timer-host';
import {
  aPeriodicJob,
  InMemoryJobTable,
} from '../src/modules/scheduling/testing/scheduling-test-doubles';

const JOBS = 10_000;
const SECONDS = Number(process.env.SCHEDULER_BENCH_SECONDS ?? 60);
const TARGET_P99_MS = 100;

/** Share of the jobs, expression; every job also gets one of the zones in turn. */
type Mix = [number, string][];

const MIXED: Mix = [
  [0.2, '* * * * * ?'],
  [0.2, '0/5 * * * * ?'],
  [0.2, '*/10 * * * * ?'],
  [0.1, '0 * * * * ?'],
  [0.1, '15,45 * * * * ?'],
  [0.1, '0/3 * * ? * *'],
  [0.1, '30 0/1 * 1/1 * ? *'],
];
// The worst case: every job fires every second, 10,000 fires in the same millisecond.
const EVERY_SECOND: Mix = [[1, '* * * * * ?']];
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];

function jobs(mix: Mix): Job[] {
  const list: Job[] = [];
  for (const [share, expression] of mix) {
    for (let i = 0; i < share * JOBS; i++) {
      const jobId = list.length + 1;
      list.push(aPeriodicJob(expression, ZONES[jobId % ZONES.length], { jobId }));
    }
  }
  return list;
}

/** Records actual − scheduled for each fire, in ms with microseconds, into a preallocated array. */
class LatenessLauncher {
  readonly lateness = new Float64Array(JOBS * SECONDS + JOBS);
  count = 0;

  launch(_job: Job, scheduledFireTime: Date): Promise<number | undefined> {
    const now = performance.timeOrigin + performance.now();
    if (this.count < this.lateness.length) {
      this.lateness[this.count++] = now - scheduledFireTime.getTime();
    }
    return Promise.resolve(this.count);
  }

  latestFireTimes(): Promise<Map<number, Date>> {
    return Promise.resolve(new Map<number, Date>());
  }
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const heapMb = (): number => process.memoryUsage().heapUsed / 1024 ** 2;
// A forced full collection stops the event loop: only outside the measured minute.
const heapAfterGcMb = (): number => {
  gc();
  return heapMb();
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runScenario(mix: Mix): Promise<void> {
  const table = new InMemoryJobTable();
  for (const job of jobs(mix)) table.put(job);
  const launcher = new LatenessLauncher();
  const registry = new SchedulerRegistry();
  const config = loadAppConfig({
    NODE_ENV: 'test',
    DB_TYPE: 'mysql',
    DB_HOST: 'x',
    DB_USER: 'x',
    DB_NAME: 'x',
  });
  const triggers = new JobTriggers(
    table,
    new JobChanges(),
    new JobRunFieldsRegistry(),
    launcher as unknown as ExecutionLauncher,
    { isConnected: () => true } as unknown as DatabaseService,
    new SchedulerRegistryTimerHost(registry),
    config,
  );

  const heapBefore = heapAfterGcMb();
  triggers.onModuleInit();
  triggers.onApplicationBootstrap();
  while (triggers.armedCount < JOBS) await sleep(10);
  const heapArmed = heapAfterGcMb();
  const firstFire = launcher.count;
  process.stdout.write(
    `\n${JOBS.toLocaleString('en-US')} active periodic jobs (${mix.map(([share, e]) => `${share * 100}% ${e}`).join(', ')}; ${ZONES.length} zones), ${triggers.armedCount.toLocaleString('en-US')} timers in SchedulerRegistry; running ${SECONDS} s\n`,
  );

  const samples: string[] = [];
  const started = Date.now();
  for (let elapsed = 0; elapsed < SECONDS; elapsed += 10) {
    await sleep(Math.min(10, SECONDS - elapsed) * 1000);
    samples.push(`${Math.round((Date.now() - started) / 1000)} s ${heapMb().toFixed(1)} MB`);
  }
  const fired = launcher.count;
  const heapAfter = heapAfterGcMb();
  triggers.onModuleDestroy();

  // Fires during the forced collections before the minute are left out.
  const sorted = launcher.lateness.slice(firstFire, fired).sort();
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const max = sorted[sorted.length - 1];
  process.stdout.write(
    [
      `fires: ${sorted.length.toLocaleString('en-US')} (${Math.round(sorted.length / SECONDS).toLocaleString('en-US')}/s)`,
      `lateness (launch call − scheduled fire time): p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms (target p99 < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'met' : 'NOT met'})`,
      `heap used after GC: before ${heapBefore.toFixed(1)} MB, armed ${heapArmed.toFixed(1)} MB, after ${SECONDS} s ${heapAfter.toFixed(1)} MB (growth while firing ${(heapAfter - heapArmed).toFixed(1)} MB)`,
      `heap used while firing (no forced GC): ${samples.join(', ')}`,
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  if (!(globalThis as { gc?: unknown }).gc) {
    process.stdout.write('(run with node --expose-gc for exact heap figures)\n');
  }
  Logger.overrideLogger(['error', 'warn']);
  await runScenario(MIXED);
  await runScenario(EVERY_SECOND);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:scheduler failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
