import { SchedulerRegistry } from '@nestjs/schedule';
import { parseQuartzCron, nextFireTime } from './cron';
import type { FireTimeAfter, MisfirePolicy } from './job-fire-times';
import { SchedulerRegistryTimerHost } from './scheduler-registry-timer-host';
import { MAX_TIMER_DELAY_MS, type TriggerFire, TriggerTimers } from './trigger-timers';

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

function cron(expression: string, timeZone = 'UTC'): FireTimeAfter {
  const parsed = parseQuartzCron(expression);
  return (after) => nextFireTime(parsed, timeZone, after);
}

const at =
  (instant: Date): FireTimeAfter =>
  (after) =>
    instant.getTime() > after.getTime() ? instant : undefined;

describe('TriggerTimers', () => {
  let registry: SchedulerRegistry;
  let fires: (TriggerFire & { firedAt: number })[];
  let longestDelay: number;

  function triggers(misfirePolicy: MisfirePolicy = 'run-once'): TriggerTimers {
    const host = new SchedulerRegistryTimerHost(registry);
    const setTimer = host.setTimer.bind(host);
    host.setTimer = (name, delayMs, callback) => {
      longestDelay = Math.max(longestDelay, delayMs);
      setTimer(name, delayMs, callback);
    };
    return new TriggerTimers(host, (fire) => fires.push({ ...fire, firedAt: Date.now() }), {
      misfirePolicy,
    });
  }

  const fired = () =>
    fires.map(({ jobId, fireTime, kind }) => ({ jobId, at: fireTime.toISOString(), kind }));

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-03-01T00:00:00.000Z') });
    registry = new SchedulerRegistry();
    fires = [];
    longestDelay = 0;
  });
  afterEach(() => jest.useRealTimers());

  it('fires at each fire time, on time, and re-arms under the job name in SchedulerRegistry', () => {
    const timers = triggers();
    jest.setSystemTime(new Date('2026-03-01T00:00:00.400Z'));

    expect(timers.arm(7, cron('* * * * * ?'))?.toISOString()).toBe('2026-03-01T00:00:01.000Z');
    expect(registry.getTimeouts()).toEqual(['job-7']);
    jest.advanceTimersByTime(3_000);

    expect(fired()).toEqual([
      { jobId: 7, at: '2026-03-01T00:00:01.000Z', kind: 'schedule' },
      { jobId: 7, at: '2026-03-01T00:00:02.000Z', kind: 'schedule' },
      { jobId: 7, at: '2026-03-01T00:00:03.000Z', kind: 'schedule' },
    ]);
    expect(fires.map((fire) => fire.firedAt - fire.fireTime.getTime())).toEqual([0, 0, 0]);
    expect(timers.nextFireTime(7)?.toISOString()).toBe('2026-03-01T00:00:04.000Z');
    expect(registry.getTimeouts()).toEqual(['job-7']);
  });

  it('skips the wall-clock times a DST gap removes, as Quartz does', () => {
    const timers = triggers();
    jest.setSystemTime(new Date('2026-03-07T12:00:00Z'));
    timers.arm(1, cron('0 30 2 * * ?', 'America/New_York'));
    timers.arm(2, cron('0 0 * * * ?', 'America/New_York'));
    jest.advanceTimersByTime(2 * DAY);

    const daily = fired().filter((fire) => fire.jobId === 1);
    // 8 March 2026 has no 02:30 in New York: no fire that day, none moved to 03:30.
    expect(daily.map((fire) => fire.at)).toEqual([
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
    const hourly = fired()
      .filter((fire) => fire.jobId === 2)
      .map((fire) => fire.at);
    expect(hourly).toContain('2026-03-08T06:00:00.000Z'); // 01:00 EST
    expect(hourly).toContain('2026-03-08T07:00:00.000Z'); // 03:00 EDT: 02:00 does not exist
    expect(hourly).toHaveLength(48);
  });

  it('fires a repeated wall-clock time of a DST overlap once, in standard time', () => {
    const timers = triggers();
    jest.setSystemTime(new Date('2026-10-31T12:00:00Z'));
    timers.arm(1, cron('0 30 1 * * ?', 'America/New_York'));
    jest.advanceTimersByTime(DAY);

    // 1 November 2026, 01:30 happens twice (EDT, then EST); Quartz fires at the second one.
    expect(fired().map((fire) => fire.at)).toEqual(['2026-11-01T06:30:00.000Z']);
  });

  it('waits beyond the 2^31-1 ms timer limit in shorter hops and fires exactly on time', () => {
    const timers = triggers();
    const inFortyDays = new Date(Date.now() + 40 * DAY);
    timers.arm(3, at(inFortyDays));
    timers.arm(4, cron('0 0 0 1 5 ?')); // 61 days ahead

    jest.advanceTimersByTime(40 * DAY - 1);
    expect(fires).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(fired()).toEqual([{ jobId: 3, at: inFortyDays.toISOString(), kind: 'schedule' }]);
    jest.advanceTimersByTime(21 * DAY);
    expect(fired()[1]).toEqual({ jobId: 4, at: '2026-05-01T00:00:00.000Z', kind: 'schedule' });

    expect(longestDelay).toBeLessThanOrEqual(MAX_TIMER_DELAY_MS);
    expect(fires.map((fire) => fire.firedAt - fire.fireTime.getTime())).toEqual([0, 0]);
  });

  it('does not fire early when the wall clock is stepped back, it waits for the fire time', () => {
    const timers = triggers();
    const target = new Date(Date.now() + 10 * SECOND);
    timers.arm(1, at(target));
    jest.setSystemTime(Date.now() - 5 * SECOND);

    jest.advanceTimersByTime(10 * SECOND);
    expect(fires).toEqual([]);
    jest.advanceTimersByTime(5 * SECOND);
    expect(fired()).toEqual([{ jobId: 1, at: target.toISOString(), kind: 'schedule' }]);
  });

  it('removes a once trigger after its fire', () => {
    const timers = triggers();
    timers.arm(1, at(new Date(Date.now() + SECOND)));
    jest.advanceTimersByTime(SECOND);

    expect(fires).toHaveLength(1);
    expect(timers.nextFireTime(1)).toBeUndefined();
    expect(registry.getTimeouts()).toEqual([]);
    expect(timers.arm(1, at(new Date(Date.now() - SECOND)))).toBeUndefined();
    expect(registry.getTimeouts()).toEqual([]);
  });

  it('stops firing once disarmed, and a re-arm replaces the schedule', () => {
    const timers = triggers();
    timers.arm(1, cron('* * * * * ?'));
    timers.arm(2, cron('* * * * * ?'));
    jest.advanceTimersByTime(2 * SECOND);
    timers.disarm(1);
    timers.arm(2, cron('0/10 * * * * ?'));
    fires = [];
    jest.advanceTimersByTime(20 * SECOND);

    expect(fired()).toEqual([
      { jobId: 2, at: '2026-03-01T00:00:10.000Z', kind: 'schedule' },
      { jobId: 2, at: '2026-03-01T00:00:20.000Z', kind: 'schedule' },
    ]);
    expect(registry.getTimeouts()).toEqual(['job-2']);
    timers.disarmAll();
    expect(registry.getTimeouts()).toEqual([]);
  });

  it('launches fires a little late, catching up within the misfire threshold', () => {
    const timers = triggers();
    timers.arm(1, cron('* * * * * ?'));
    // The event loop was blocked for 3 s: the timer runs late, then the missed seconds follow.
    jest.setSystemTime(Date.now() + 3_500);
    jest.advanceTimersByTime(SECOND + 10);

    expect(fired().map((fire) => fire.at)).toEqual([
      '2026-03-01T00:00:01.000Z',
      '2026-03-01T00:00:02.000Z',
      '2026-03-01T00:00:03.000Z',
      '2026-03-01T00:00:04.000Z',
    ]);
  });

  it('treats a wake-up later than the threshold as a misfire: run-once launches the latest missed fire', () => {
    const timers = triggers('run-once');
    timers.arm(1, cron('0 * * * * ?'));
    // Suspended for two hours: the timer due at 00:01 runs when the clock says 02:01:30.
    jest.setSystemTime(Date.now() + 2 * HOUR + 30 * SECOND);
    jest.advanceTimersByTime(90 * SECOND);

    expect(fired()).toEqual([
      { jobId: 1, at: '2026-03-01T02:01:00.000Z', kind: 'misfire' },
      { jobId: 1, at: '2026-03-01T02:02:00.000Z', kind: 'schedule' },
    ]);
  });

  it('treats a wake-up later than the threshold as a misfire: skip launches nothing for it', () => {
    const timers = triggers('skip');
    timers.arm(1, cron('0 * * * * ?'));
    jest.setSystemTime(Date.now() + 2 * HOUR + 30 * SECOND);
    jest.advanceTimersByTime(90 * SECOND);

    expect(fired()).toEqual([{ jobId: 1, at: '2026-03-01T02:02:00.000Z', kind: 'schedule' }]);
  });

  it('arms from a given instant, so a fire between that instant and now is not lost', () => {
    const timers = triggers();
    const from = Date.now();
    jest.setSystemTime(from + 1_500);

    expect(timers.arm(1, cron('* * * * * ?'), from)?.toISOString()).toBe(
      '2026-03-01T00:00:01.000Z',
    );
    jest.advanceTimersByTime(0);
    expect(fired()).toEqual([{ jobId: 1, at: '2026-03-01T00:00:01.000Z', kind: 'schedule' }]);
  });
});
