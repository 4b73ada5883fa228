import { UnknownTimeZoneError } from './cron-errors';
import { ZoneRules } from './zone-rules';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** A wall time written as an ISO local date-time, in the wall-time-as-UTC convention. */
const wall = (local: string): number => Date.parse(`${local}Z`);
const iso = (instant: number): string => new Date(instant).toISOString();

describe('ZoneRules', () => {
  it('gives the offset of an instant, also for half-hour zones', () => {
    expect(ZoneRules.of('Europe/Berlin').offsetAt(Date.parse('2027-01-15T12:00:00Z'))).toBe(HOUR);
    expect(ZoneRules.of('Europe/Berlin').offsetAt(Date.parse('2027-07-15T12:00:00Z'))).toBe(
      2 * HOUR,
    );
    expect(ZoneRules.of('Asia/Kolkata').offsetAt(Date.parse('2027-07-15T12:00:00Z'))).toBe(
      5.5 * HOUR,
    );
    expect(ZoneRules.of('Australia/Lord_Howe').offsetAt(Date.parse('2027-07-15T12:00:00Z'))).toBe(
      10.5 * HOUR,
    );
    expect(ZoneRules.of('Australia/Lord_Howe').offsetAt(Date.parse('2027-01-15T12:00:00Z'))).toBe(
      11 * HOUR,
    );
  });

  it('accepts legacy aliases such as Asia/Calcutta', () => {
    const calcutta = ZoneRules.of('Asia/Calcutta');
    expect(calcutta.id).toBe('Asia/Calcutta');
    expect(calcutta.offsetAt(Date.parse('2027-01-15T12:00:00Z'))).toBe(5.5 * HOUR);
    expect(ZoneRules.of('US/Eastern').offsetAt(Date.parse('2027-07-15T12:00:00Z'))).toBe(-4 * HOUR);
  });

  it('throws UnknownTimeZoneError for a zone the runtime does not know', () => {
    expect(() => ZoneRules.of('Mars/Olympus_Mons')).toThrow(UnknownTimeZoneError);
    expect(() => ZoneRules.of('Mars/Olympus_Mons')).toThrow(
      'Unknown time zone "Mars/Olympus_Mons"',
    );
    expect(ZoneRules.isKnown('Mars/Olympus_Mons')).toBe(false);
    expect(ZoneRules.isKnown('America/New_York')).toBe(true);
  });

  it('finds no instant for a wall time in a spring-forward gap', () => {
    expect(ZoneRules.of('America/New_York').instantsOf(wall('2027-03-14T02:30:00'))).toEqual([]);
    expect(ZoneRules.of('Australia/Lord_Howe').instantsOf(wall('2027-10-03T02:15:00'))).toEqual([]);
  });

  it('finds both instants of a wall time in a fall-back overlap, earlier first', () => {
    expect(
      ZoneRules.of('America/New_York').instantsOf(wall('2027-11-07T01:30:00')).map(iso),
    ).toEqual(['2027-11-07T05:30:00.000Z', '2027-11-07T06:30:00.000Z']);
    expect(
      ZoneRules.of('Australia/Lord_Howe').instantsOf(wall('2027-04-04T01:45:00')).map(iso),
    ).toEqual(['2027-04-03T14:45:00.000Z', '2027-04-03T15:15:00.000Z']);
  });

  it('resolves wall times as java.util.Calendar does: later in an overlap, shifted past a gap', () => {
    const newYork = ZoneRules.of('America/New_York');
    expect(iso(newYork.instantOfWallTime(wall('2027-11-07T01:30:00')))).toBe(
      '2027-11-07T06:30:00.000Z',
    );
    // 02:30 read with the offset before the gap (EST) is 03:30 EDT.
    expect(iso(newYork.instantOfWallTime(wall('2027-03-14T02:30:00')))).toBe(
      '2027-03-14T07:30:00.000Z',
    );
    // Lord Howe moves 30 minutes: 02:15 comes back as 02:45.
    const lordHowe = ZoneRules.of('Australia/Lord_Howe');
    const instant = lordHowe.instantOfWallTime(wall('2027-10-03T02:15:00'));
    expect(iso(instant)).toBe('2027-10-02T15:45:00.000Z');
    expect(iso(lordHowe.wallTimeAt(instant))).toBe('2027-10-03T02:45:00.000Z');
  });

  it('answers from its remembered steady periods exactly as Intl does around transitions', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham'];
    for (const id of zones) {
      const zone = ZoneRules.of(id);
      const reference = new Intl.DateTimeFormat('en-US', {
        timeZone: id,
        timeZoneName: 'longOffset',
      });
      const intlOffset = (instant: number): number => {
        const text = reference.format(instant).split('GMT')[1];
        if (!text) return 0;
        const [, sign, hours, minutes] = /([+-])(\d\d):(\d\d)/.exec(text) ?? [];
        return (sign === '-' ? -1 : 1) * (Number(hours) * HOUR + Number(minutes) * MINUTE);
      };
      const start = Date.parse('2027-03-01T00:00:00Z');
      // Warm the cache across the year, then sweep it every 10 minutes.
      for (let t = start; t < start + 300 * 24 * HOUR; t += 6 * HOUR) zone.instantOfWallTime(t);
      for (let t = start; t < start + 300 * 24 * HOUR; t += 10 * MINUTE) {
        if (zone.offsetAt(t) !== intlOffset(t)) throw new Error(`${id} at ${iso(t)}`);
      }
    }
  });
});
