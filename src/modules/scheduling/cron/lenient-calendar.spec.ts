import { LenientCalendar } from './lenient-calendar';
import { ZoneRules } from './zone-rules';

const utc = ZoneRules.of('UTC');
const iso = (calendar: LenientCalendar): string => new Date(calendar.getInstant()).toISOString();

describe('LenientCalendar', () => {
  it('carries out-of-range fields over into the next larger ones', () => {
    const calendar = new LenientCalendar(utc, Date.parse('2027-01-31T10:00:00Z'));
    calendar.setDayOfMonth(32);
    expect(iso(calendar)).toBe('2027-02-01T10:00:00.000Z');
    calendar.setMonth(13);
    expect(iso(calendar)).toBe('2028-01-01T10:00:00.000Z');
    calendar.setDayOfMonth(0);
    expect(iso(calendar)).toBe('2027-12-31T10:00:00.000Z');
    calendar.setHour(24);
    expect(iso(calendar)).toBe('2028-01-01T00:00:00.000Z');
  });

  it('counts days of the week from 1 = Sunday to 7 = Saturday', () => {
    expect(new LenientCalendar(utc, Date.parse('2027-01-03T00:00:00Z')).getDayOfWeek()).toBe(1);
    expect(new LenientCalendar(utc, Date.parse('2027-01-02T23:59:59Z')).getDayOfWeek()).toBe(7);
  });

  it('keeps the day within the month when adding a year to 29 February', () => {
    const calendar = new LenientCalendar(utc, Date.parse('2028-02-29T08:00:00Z'));
    calendar.addYears(1);
    expect(iso(calendar)).toBe('2029-02-28T08:00:00.000Z');
  });

  it('reads an hour skipped by DST as the next hour, and a repeated one as the later', () => {
    const berlin = ZoneRules.of('Europe/Berlin');
    const calendar = new LenientCalendar(berlin, Date.parse('2027-03-28T00:30:00Z'));
    calendar.setHour(2);
    expect(calendar.getHour()).toBe(3);
    expect(iso(calendar)).toBe('2027-03-28T01:30:00.000Z');

    // 02:30 CEST, the first 02:30 of 31 October, comes back as 02:30 CET once a field is set.
    const overlap = new LenientCalendar(berlin, Date.parse('2027-10-31T00:30:00Z'));
    expect(overlap.getHour()).toBe(2);
    overlap.setSecond(0);
    expect(iso(overlap)).toBe('2027-10-31T01:30:00.000Z');
  });
});
