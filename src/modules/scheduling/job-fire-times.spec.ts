import { fireTimesOf, latestFireTimeBetween, missedFireTime } from './job-fire-times';
import { aOnceJob, aPeriodicJob } from './testing/scheduling-test-doubles';

const date = (text: string) => new Date(text);
const iso = (value: Date | undefined) => value?.toISOString();

describe('fireTimesOf', () => {
  it('gives a periodic job its Quartz fire times in its time zone', () => {
    const fireTimes = fireTimesOf(aPeriodicJob('0 0 12 ? * MON-FRI', 'Asia/Kolkata'));

    expect(iso(fireTimes(date('2026-11-20T07:00:00Z')))).toBe('2026-11-23T06:30:00.000Z');
  });

  it('gives a once job scheduleAt, and nothing after it', () => {
    const fireTimes = fireTimesOf(aOnceJob(date('2026-12-01T10:00:00.250Z')));

    expect(iso(fireTimes(date('2026-11-30T00:00:00Z')))).toBe('2026-12-01T10:00:00.250Z');
    expect(fireTimes(date('2026-12-01T10:00:00.250Z'))).toBeUndefined();
  });

  it('shares one schedule between jobs with the same expression and zone', () => {
    const a = fireTimesOf(aPeriodicJob('0 * * * * ?', 'Europe/Berlin', { jobId: 1 }));
    const b = fireTimesOf(aPeriodicJob('0 * * * * ?', 'Europe/Berlin', { jobId: 2 }));
    const c = fireTimesOf(aPeriodicJob('0 * * * * ?', 'UTC', { jobId: 3 }));

    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(iso(a(date('2026-11-23T10:00:30Z')))).toBe('2026-11-23T10:01:00.000Z');
    expect(iso(b(date('2026-11-23T10:05:30Z')))).toBe('2026-11-23T10:06:00.000Z');
  });
});

describe('latestFireTimeBetween', () => {
  const everySecond = fireTimesOf(aPeriodicJob('* * * * * ?'));

  it('finds the last fire of a long gap (a year of every-second fires)', () => {
    expect(
      iso(
        latestFireTimeBetween(
          everySecond,
          date('2025-11-23T00:00:00Z'),
          date('2026-11-23T08:15:42.900Z'),
        ),
      ),
    ).toBe('2026-11-23T08:15:42.000Z');
  });

  it('includes a fire at the end and excludes one at the start', () => {
    const hourly = fireTimesOf(aPeriodicJob('0 0 * * * ?'));

    expect(
      iso(
        latestFireTimeBetween(hourly, date('2026-11-23T08:00:00Z'), date('2026-11-23T10:00:00Z')),
      ),
    ).toBe('2026-11-23T10:00:00.000Z');
    expect(
      latestFireTimeBetween(hourly, date('2026-11-23T08:00:00Z'), date('2026-11-23T08:59:59Z')),
    ).toBeUndefined();
  });

  it('follows irregular schedules (last weekday of the month)', () => {
    const lastWeekday = fireTimesOf(aPeriodicJob('0 0 18 LW * ?', 'Europe/Berlin'));

    expect(
      iso(
        latestFireTimeBetween(lastWeekday, date('2026-01-01T00:00:00Z'), date('2026-11-23T00:00Z')),
      ),
    ).toBe('2026-10-30T17:00:00.000Z');
  });
});

describe('missedFireTime', () => {
  const now = date('2026-11-23T12:00:30Z');

  it('is the latest fire after the last execution of a periodic job', () => {
    const job = aPeriodicJob('0 */5 * * * ?', 'UTC', { updatedAt: date('2026-11-01T00:00:00Z') });

    expect(iso(missedFireTime(job, fireTimesOf(job), date('2026-11-23T09:00:00Z'), now))).toBe(
      '2026-11-23T12:00:00.000Z',
    );
  });

  it('counts from the last change of a periodic job that never ran, or changed since it ran', () => {
    const job = aPeriodicJob('0 0 * * * ?', 'UTC', { updatedAt: date('2026-11-23T11:30:00Z') });

    expect(iso(missedFireTime(job, fireTimesOf(job), undefined, now))).toBe(
      '2026-11-23T12:00:00.000Z',
    );
    // Resumed at 12:00:10 after a pause: the fire at 12:00 fell in the pause, not in downtime.
    const resumed = { ...job, updatedAt: date('2026-11-23T12:00:10Z') };
    expect(
      missedFireTime(resumed, fireTimesOf(resumed), date('2026-11-20T00:00:00Z'), now),
    ).toBeUndefined();
  });

  it('is nothing for a periodic job whose last execution is its latest fire', () => {
    const job = aPeriodicJob('0 0 * * * ?', 'UTC', { updatedAt: date('2026-11-01T00:00:00Z') });

    expect(
      missedFireTime(job, fireTimesOf(job), date('2026-11-23T12:00:00Z'), now),
    ).toBeUndefined();
  });

  it('is scheduleAt for a once job whose time passed without an execution', () => {
    const job = aOnceJob(date('2026-11-23T06:00:00Z'), { updatedAt: date('2026-11-22T00:00Z') });

    expect(iso(missedFireTime(job, fireTimesOf(job), undefined, now))).toBe(
      '2026-11-23T06:00:00.000Z',
    );
    expect(
      missedFireTime(job, fireTimesOf(job), date('2026-11-23T06:00:00Z'), now),
    ).toBeUndefined();
  });

  it('is nothing for a once job still ahead', () => {
    const job = aOnceJob(date('2026-11-23T18:00:00Z'), { updatedAt: date('2026-11-22T00:00Z') });

    expect(missedFireTime(job, fireTimesOf(job), undefined, now)).toBeUndefined();
  });
});
