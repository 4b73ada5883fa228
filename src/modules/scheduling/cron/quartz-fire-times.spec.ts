import { UnknownTimeZoneError } from './cron-errors';
import { parseQuartzCron } from './quartz-cron-parser';
import { nextFireTime, nextFireTimes } from './quartz-fire-times';

const NOW = new Date('2026-11-23T00:00:00Z');

function fireTimes(expression: string, timeZone: string, after: string, count = 3): string[] {
  const parsed = parseQuartzCron(expression, { now: NOW });
  return nextFireTimes(parsed, timeZone, new Date(after), count).map((d) => d.toISOString());
}

describe('nextFireTime', () => {
  it('returns the first fire time strictly after the given instant, in whole seconds', () => {
    const noon = parseQuartzCron('0 0 12 * * ?');
    expect(nextFireTime(noon, 'UTC', new Date('2027-01-01T12:00:00.000Z'))?.toISOString()).toBe(
      '2027-01-02T12:00:00.000Z',
    );
    expect(nextFireTime(noon, 'UTC', new Date('2027-01-01T11:59:59.999Z'))?.toISOString()).toBe(
      '2027-01-01T12:00:00.000Z',
    );
    expect(fireTimes('* * * * * ?', 'UTC', '2027-01-01T00:00:00.500Z', 2)).toEqual([
      '2027-01-01T00:00:01.000Z',
      '2027-01-01T00:00:02.000Z',
    ]);
  });

  it('returns undefined when the schedule has no further fire time', () => {
    expect(nextFireTime(parseQuartzCron('0 0 12 30 2 ?'), 'UTC', NOW)).toBeUndefined();
    expect(nextFireTime(parseQuartzCron('0 0 12 * * ? 2020-2025'), 'UTC', NOW)).toBeUndefined();
    expect(nextFireTime(parseQuartzCron('0 0 12 * * ? L'), 'UTC', NOW)).toBeUndefined();
    expect(fireTimes('0 0 12 1 1 ? 2027,2029', 'UTC', '2026-11-23T00:00:00Z', 5)).toEqual([
      '2027-01-01T12:00:00.000Z',
      '2029-01-01T12:00:00.000Z',
    ]);
  });

  it('finds a fire time in 2099 without walking the years second by second', () => {
    const started = performance.now();
    expect(fireTimes('0 0 12 ? * MON#2 2099', 'Europe/Berlin', '2026-11-23T00:00:00Z', 1)).toEqual([
      '2099-01-12T11:00:00.000Z',
    ]);
    expect(nextFireTime(parseQuartzCron('0 0 12 31 2 ?'), 'Europe/Berlin', NOW)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('ends the searches on which Quartz loops forever (L-30W in February) without a fire time', () => {
    expect(fireTimes('0 0 12 L-30W 2 ?', 'UTC', '2027-01-15T00:00:00Z')).toEqual([]);
  });

  it('throws UnknownTimeZoneError for an unknown zone', () => {
    expect(() => nextFireTime(parseQuartzCron('0 0 12 * * ?'), 'Nowhere/City', NOW)).toThrow(
      UnknownTimeZoneError,
    );
  });

  describe('special characters (UTC, 2027)', () => {
    it.each([
      [
        '?, names and ranges',
        '0 0 12 ? JAN-MAR MON-FRI',
        '2027-01-01T00:00:00Z',
        ['2027-01-01T12:00:00.000Z', '2027-01-04T12:00:00.000Z', '2027-01-05T12:00:00.000Z'],
      ],
      [
        'day-of-week numbering 1 = SUN',
        '0 0 12 ? * 1',
        '2027-01-01T00:00:00Z',
        ['2027-01-03T12:00:00.000Z', '2027-01-10T12:00:00.000Z', '2027-01-17T12:00:00.000Z'],
      ],
      [
        'lists and steps',
        '0 5/20 9,17 * * ?',
        '2027-01-01T00:00:00Z',
        ['2027-01-01T09:05:00.000Z', '2027-01-01T09:25:00.000Z', '2027-01-01T09:45:00.000Z'],
      ],
      [
        'a range that wraps past midnight',
        '0 0 22-1 * * ?',
        '2027-01-01T12:00:00Z',
        ['2027-01-01T22:00:00.000Z', '2027-01-01T23:00:00.000Z', '2027-01-02T00:00:00.000Z'],
      ],
      [
        'L: the last day, 29 February in a leap year',
        '0 0 12 L * ?',
        '2028-02-01T00:00:00Z',
        ['2028-02-29T12:00:00.000Z', '2028-03-31T12:00:00.000Z', '2028-04-30T12:00:00.000Z'],
      ],
      [
        'L-n: n days before the last day',
        '0 0 12 L-3 * ?',
        '2027-02-01T00:00:00Z',
        ['2027-02-25T12:00:00.000Z', '2027-03-28T12:00:00.000Z', '2027-04-27T12:00:00.000Z'],
      ],
      [
        'nW on a Saturday: the Friday before',
        '0 0 12 15W 5 ?',
        '2027-01-01T00:00:00Z',
        ['2027-05-14T12:00:00.000Z', '2028-05-15T12:00:00.000Z', '2029-05-15T12:00:00.000Z'],
      ],
      [
        '1W on a Saturday: Monday the 3rd, not the month before',
        '0 0 12 1W 5 ?',
        '2027-01-01T00:00:00Z',
        ['2027-05-03T12:00:00.000Z', '2028-05-01T12:00:00.000Z', '2029-05-01T12:00:00.000Z'],
      ],
      [
        'LW on a Sunday: the Friday before',
        '0 0 12 LW * ?',
        '2027-01-01T00:00:00Z',
        ['2027-01-29T12:00:00.000Z', '2027-02-26T12:00:00.000Z', '2027-03-31T12:00:00.000Z'],
      ],
      [
        'n#k: the third Friday',
        '0 0 12 ? * 6#3',
        '2027-01-01T00:00:00Z',
        ['2027-01-15T12:00:00.000Z', '2027-02-19T12:00:00.000Z', '2027-03-19T12:00:00.000Z'],
      ],
      [
        'n#5: months without a fifth Monday are skipped',
        '0 0 12 ? * MON#5',
        '2027-01-01T00:00:00Z',
        ['2027-03-29T12:00:00.000Z', '2027-05-31T12:00:00.000Z', '2027-08-30T12:00:00.000Z'],
      ],
      [
        'nL: the last Friday',
        '0 0 12 ? * 6L',
        '2027-11-01T00:00:00Z',
        ['2027-11-26T12:00:00.000Z', '2027-12-31T12:00:00.000Z', '2028-01-28T12:00:00.000Z'],
      ],
      [
        'L alone in day-of-week: Saturday',
        '0 0 12 ? * L',
        '2027-01-01T00:00:00Z',
        ['2027-01-02T12:00:00.000Z', '2027-01-09T12:00:00.000Z', '2027-01-16T12:00:00.000Z'],
      ],
      [
        'a year step',
        '0 0 0 1 1 ? 2027/4',
        '2026-01-01T00:00:00Z',
        ['2027-01-01T00:00:00.000Z', '2031-01-01T00:00:00.000Z', '2035-01-01T00:00:00.000Z'],
      ],
    ])('%s: %s', (_title, expression, after, expected) => {
      expect(fireTimes(expression, 'UTC', after)).toEqual(expected);
    });
  });

  describe('Europe/Berlin (02:00 → 03:00 on 28 March 2027, 03:00 → 02:00 on 31 October)', () => {
    it('skips a daily time that the spring-forward gap removes', () => {
      expect(fireTimes('0 30 2 * * ?', 'Europe/Berlin', '2027-03-27T12:00:00Z', 2)).toEqual([
        '2027-03-29T00:30:00.000Z',
        '2027-03-30T00:30:00.000Z',
      ]);
    });

    it('goes from 01:00 to 03:00 hourly across the gap', () => {
      expect(fireTimes('0 0 * * * ?', 'Europe/Berlin', '2027-03-27T23:30:00Z')).toEqual([
        '2027-03-28T00:00:00.000Z', // 01:00 CET
        '2027-03-28T01:00:00.000Z', // 03:00 CEST
        '2027-03-28T02:00:00.000Z',
      ]);
    });

    it('fires a time in the repeated hour once, at the later (CET) instant', () => {
      expect(fireTimes('0 30 2 * * ?', 'Europe/Berlin', '2027-10-30T12:00:00Z', 2)).toEqual([
        '2027-10-31T01:30:00.000Z',
        '2027-11-01T01:30:00.000Z',
      ]);
    });

    it('skips the first occurrence of the repeated hour in a frequent schedule', () => {
      expect(fireTimes('0 0/30 * * * ?', 'Europe/Berlin', '2027-10-30T23:45:00Z')).toEqual([
        '2027-10-31T01:00:00.000Z', // 02:00 CET; 02:00 and 02:30 CEST do not fire
        '2027-10-31T01:30:00.000Z',
        '2027-10-31T02:00:00.000Z',
      ]);
    });
  });

  describe('America/New_York (02:00 → 03:00 on 14 March 2027, 02:00 → 01:00 on 7 November)', () => {
    it('does not move 02:30 to 03:30 on the spring-forward day', () => {
      expect(fireTimes('0 30 2 * * ?', 'America/New_York', '2027-03-13T12:00:00Z', 2)).toEqual([
        '2027-03-15T06:30:00.000Z',
        '2027-03-16T06:30:00.000Z',
      ]);
    });

    it('fires 01:30 once on the fall-back day, in EST', () => {
      expect(fireTimes('0 30 1 * * ?', 'America/New_York', '2027-11-06T12:00:00Z', 2)).toEqual([
        '2027-11-07T06:30:00.000Z',
        '2027-11-08T06:30:00.000Z',
      ]);
    });

    it('continues from the same wall time in the second occurrence when asked inside the first', () => {
      // 05:30Z is 01:30 EDT: the search goes on from 01:30:01 EST, so 01:40 EDT never fires.
      expect(fireTimes('0 0/20 * * * ?', 'America/New_York', '2027-11-07T05:30:00Z')).toEqual([
        '2027-11-07T06:40:00.000Z',
        '2027-11-07T07:00:00.000Z',
        '2027-11-07T07:20:00.000Z',
      ]);
    });
  });

  describe('Australia/Lord_Howe (30-minute DST: 02:00 → 02:30 on 3 October 2027)', () => {
    it('skips 02:15 on the day the clock jumps from 02:00 to 02:30', () => {
      expect(fireTimes('0 15 2 * * ?', 'Australia/Lord_Howe', '2027-10-02T00:00:00Z', 2)).toEqual([
        '2027-10-03T15:15:00.000Z',
        '2027-10-04T15:15:00.000Z',
      ]);
    });

    it('lands on 02:30 when 02:00 does not exist', () => {
      expect(fireTimes('0 0/15 * * * ?', 'Australia/Lord_Howe', '2027-10-02T15:20:00Z')).toEqual([
        '2027-10-02T15:30:00.000Z', // 02:30 +11:00
        '2027-10-02T15:45:00.000Z',
        '2027-10-02T16:00:00.000Z',
      ]);
    });

    it('fires 01:45 in the repeated half hour once, at +10:30 (4 April 2027)', () => {
      expect(fireTimes('0 45 1 * * ?', 'Australia/Lord_Howe', '2027-04-03T00:00:00Z', 2)).toEqual([
        '2027-04-03T15:15:00.000Z',
        '2027-04-04T15:15:00.000Z',
      ]);
    });
  });

  describe('Asia/Kolkata (+05:30, no DST)', () => {
    it('fires at local times half an hour off the UTC hour', () => {
      expect(fireTimes('0 0 9 * * ?', 'Asia/Kolkata', '2027-01-01T00:00:00Z', 2)).toEqual([
        '2027-01-01T03:30:00.000Z',
        '2027-01-02T03:30:00.000Z',
      ]);
    });

    it('takes local midnight for the last day of the month', () => {
      expect(fireTimes('0 0 0 L * ?', 'Asia/Kolkata', '2027-02-01T00:00:00Z', 2)).toEqual([
        '2027-02-27T18:30:00.000Z',
        '2027-03-30T18:30:00.000Z',
      ]);
    });

    it('gives the legacy alias Asia/Calcutta the same fire times', () => {
      expect(fireTimes('0 15 10 ? * MON-FRI', 'Asia/Calcutta', '2027-01-01T00:00:00Z')).toEqual(
        fireTimes('0 15 10 ? * MON-FRI', 'Asia/Kolkata', '2027-01-01T00:00:00Z'),
      );
    });
  });
});
