import type { Job } from '../jobs/job';
import { CHANGE_OVERLAP_MS, FULL_RECONCILE_INTERVAL_MS, JobSync } from './job-sync';
import {
  aOnceJob,
  aPeriodicJob,
  changed,
  InMemoryJobTable,
} from './testing/scheduling-test-doubles';

const T0 = Date.parse('2026-11-23T10:00:00Z');

describe('JobSync', () => {
  let table: InMemoryJobTable;
  let now: number;
  let active: Map<number, Job>;
  let events: string[];
  let sync: JobSync;

  const at = (offsetMs: number) => new Date(T0 + offsetMs);

  beforeEach(() => {
    table = new InMemoryJobTable();
    now = T0;
    active = new Map();
    events = [];
    sync = new JobSync(
      table,
      {
        activate: (job) => {
          active.set(job.jobId, job);
          events.push(`activate ${job.jobId}`);
        },
        deactivate: (jobId) => {
          active.delete(jobId);
          events.push(`deactivate ${jobId}`);
        },
      },
      () => now,
    );
  });

  /** Another replica's clock moved on by `ms`, and this one looks. */
  const lookAfter = async (ms: number) => {
    now += ms;
    await sync.look();
  };

  it('loads the active jobs and leaves arming them to the caller', async () => {
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 1, updatedAt: at(-5000) }));
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 2, jobStatus: 'Inactive' }));

    expect((await sync.load()).map((job) => job.jobId)).toEqual([1]);
    expect(sync.job(1)?.jobId).toBe(1);
    expect(sync.job(2)).toBeUndefined();
    expect(events).toEqual([]);
  });

  it('converges on jobs created, updated, paused and resumed by another replica', async () => {
    const one = aPeriodicJob('* * * * * ?', 'UTC', { jobId: 1, updatedAt: at(-60_000) });
    const two = aPeriodicJob('0 * * * * ?', 'UTC', { jobId: 2, updatedAt: at(-60_000) });
    table.put(one);
    table.put(two);
    await sync.load();

    table.put(aOnceJob(at(3_600_000), { jobId: 3, updatedAt: at(1000) }));
    table.put(changed(one, at(1500), { jobStatus: 'Inactive' }));
    const twoRedefined = changed(two, at(1800));
    table.put(twoRedefined);
    await lookAfter(2000);

    expect(events).toEqual(['activate 3', 'deactivate 1', 'activate 2']);
    expect(active.get(2)).toBe(twoRedefined);
    expect(sync.job(1)).toBeUndefined();

    events = [];
    table.put(changed(one, at(3000)));
    await lookAfter(2000);
    expect(events).toEqual(['activate 1']);
  });

  it('reads only what changed since the previous look, less an overlap for lagging clocks', async () => {
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 1, updatedAt: at(-3_600_000) }));
    await sync.load();
    const since = jest.spyOn(table, 'jobsChangedSince');

    await lookAfter(2000);
    await lookAfter(2000);

    expect(since.mock.calls.map(([date]) => date.getTime() - T0)).toEqual([
      -CHANGE_OVERLAP_MS,
      2000 - CHANGE_OVERLAP_MS,
    ]);
    expect(events).toEqual([]);
    expect(table.reads.active).toBe(1); // the load only: nothing called for a full comparison
  });

  it('notices a job deleted by another replica from the count of active jobs', async () => {
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 1, updatedAt: at(-60_000) }));
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 2, updatedAt: at(-60_000) }));
    await sync.load();

    table.remove(1);
    await lookAfter(2000);

    expect(events).toEqual(['deactivate 1']);
    expect(table.reads.active).toBe(2);
  });

  it('notices a deletion in the same interval as a creation', async () => {
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 1, updatedAt: at(-60_000) }));
    await sync.load();

    table.remove(1);
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 2, updatedAt: at(1000) }));
    await lookAfter(2000);

    expect(events).toEqual(['activate 2', 'deactivate 1']);
  });

  it('compares everything every few minutes, catching a change stamped by a clock far behind', async () => {
    const job = aPeriodicJob('* * * * * ?', 'UTC', { jobId: 1, updatedAt: at(-60_000) });
    table.put(job);
    await sync.load();

    table.put(changed(job, at(-30_000))); // written by a replica 30 s behind
    await lookAfter(2000);
    expect(events).toEqual([]);

    await lookAfter(FULL_RECONCILE_INTERVAL_MS);
    expect(events).toEqual(['activate 1']);
  });

  it('applies changes made on this replica at once', async () => {
    const job = aPeriodicJob('* * * * * ?', 'UTC', { jobId: 1, updatedAt: at(-60_000) });
    table.put(job);
    await sync.load();

    sync.applyLocal({ kind: 'saved', job: aOnceJob(at(60_000), { jobId: 2, updatedAt: at(1) }) });
    sync.applyLocal({ kind: 'saved', job: changed(job, at(2), { jobStatus: 'Inactive' }) });
    sync.applyLocal({ kind: 'saved', job: changed(job, at(3)) });
    sync.applyLocal({ kind: 'deleted', jobId: 2 });
    sync.applyLocal({ kind: 'cleared' });

    expect(events).toEqual([
      'activate 2',
      'deactivate 1',
      'activate 1',
      'deactivate 2',
      'deactivate 1',
    ]);
  });

  it('ignores what a look read of a job this replica changed while the look was under way', async () => {
    const job = aPeriodicJob('* * * * * ?', 'UTC', { jobId: 1, updatedAt: at(-60_000) });
    table.put(job);
    await sync.load();
    table.put(changed(job, at(1000), { jobStatus: 'Inactive' })); // paused elsewhere

    let open!: () => void;
    table.gate = new Promise((resolve) => (open = resolve));
    now += 2000;
    const look = sync.look();
    // Meanwhile this replica resumes it (the pause had reached the table first).
    const resumed = changed(job, at(2500));
    table.put(resumed);
    sync.applyLocal({ kind: 'saved', job: resumed });
    open();
    await look;

    expect(active.get(1)).toBe(resumed);
    expect(events).toEqual(['activate 1']);
    table.gate = undefined;
    await lookAfter(2000);
    expect(events).toEqual(['activate 1']);
  });

  it('does not bring back a job deleted here while a look that read it was under way', async () => {
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 1, updatedAt: at(-60_000) }));
    await sync.load();
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 2, updatedAt: at(1000) }));

    let open!: () => void;
    table.gate = new Promise((resolve) => (open = resolve));
    now += 2000;
    const look = sync.look();
    table.remove(2);
    sync.applyLocal({ kind: 'deleted', jobId: 2 });
    open();
    await look;

    expect(sync.job(2)).toBeUndefined();
    expect(events).toEqual([]);
  });

  it('discards a look under way when this replica deletes every job', async () => {
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 1, updatedAt: at(-60_000) }));
    await sync.load();
    table.put(aPeriodicJob('* * * * * ?', 'UTC', { jobId: 2, updatedAt: at(1000) }));

    let open!: () => void;
    table.gate = new Promise((resolve) => (open = resolve));
    now += 2000;
    const look = sync.look();
    table.rows = [];
    sync.applyLocal({ kind: 'cleared' });
    open();
    await look;

    expect(events).toEqual(['deactivate 1']);
    expect(sync.job(2)).toBeUndefined();
  });
});
