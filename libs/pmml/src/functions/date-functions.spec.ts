import { apply, constants } from './testing/expression-fixture';

describe('date functions', () => {
  it('dateDaysSinceYear counts days from 1 January of the year (the spec example)', () => {
    expect(
      apply('dateDaysSinceYear', `<FieldRef field="day"/>${constants(1960)}`, {
        day: '2003-04-01',
      }),
    ).toBe(15796);
    expect(
      apply('dateDaysSinceYear', `<FieldRef field="stamp"/>${constants(1960)}`, {
        stamp: '2003-04-01T23:59:59',
      }),
    ).toBe(15796);
  });

  it('dateSecondsSinceYear counts seconds from the start of the year (the spec example)', () => {
    expect(
      apply('dateSecondsSinceYear', `<FieldRef field="stamp"/>${constants(1960)}`, {
        stamp: '1960-01-03T03:30:03',
      }),
    ).toBe(185403);
    expect(
      apply('dateSecondsSinceYear', `<FieldRef field="day"/>${constants(1970)}`, {
        day: '1970-01-02',
      }),
    ).toBe(86400);
  });

  it('dateSecondsSinceMidnight gives the seconds of the time of day (the spec example)', () => {
    expect(
      apply('dateSecondsSinceMidnight', '<FieldRef field="clock"/>', { clock: '05:23:30' }),
    ).toBe(19410);
    expect(
      apply('dateSecondsSinceMidnight', '<FieldRef field="stamp"/>', {
        stamp: '1960-01-01T05:23:30',
      }),
    ).toBe(19410);
  });

  it('reads dates given as text and dates counted from another epoch', () => {
    expect(
      apply('dateDaysSinceYear', `<FieldRef field="s"/>${constants(1960)}`, { s: '2003-04-01' }),
    ).toBe(15796);
    expect(
      apply('dateDaysSinceYear', `<FieldRef field="day1960"/>${constants(1970)}`, {
        day1960: 3653,
      }),
    ).toBe(0);
  });

  it('refuses a value that is not a date', () => {
    expect(() =>
      apply('dateDaysSinceYear', `<FieldRef field="x"/>${constants(1960)}`, { x: 5 }),
    ).toThrow('expects a date');
    expect(() =>
      apply('dateDaysSinceYear', `<FieldRef field="clock"/>${constants(1960)}`, {
        clock: '05:00:00',
      }),
    ).toThrow('got a time');
  });
});
