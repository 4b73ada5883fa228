import { purgeRule, retentionLimits } from './retention-rule';

const defaults = { keepDefault: 1000, retentionDaysDefault: 30 };

describe('retentionLimits', () => {
  it('takes the job’s own limits', () => {
    expect(retentionLimits({ keepExecutions: 5, retentionDays: 2 }, defaults)).toEqual({
      keep: 5,
      days: 2,
    });
  });

  it('falls back to the service’s defaults for each limit the job leaves out', () => {
    expect(retentionLimits({ keepExecutions: null, retentionDays: 7 }, defaults)).toEqual({
      keep: 1000,
      days: 7,
    });
  });
});

describe('purgeRule', () => {
  const now = Date.parse('2026-02-01T00:00:00.000Z');

  it('drops what is beyond the newest N and older than the days', () => {
    expect(purgeRule({ keep: 3, days: 1 }, 17, now)).toEqual({
      belowNumber: 17,
      createdBefore: Date.parse('2026-01-31T00:00:00.000Z'),
    });
  });

  it('drops nothing by count while the job has fewer executions than it keeps', () => {
    expect(purgeRule({ keep: 3, days: 0 }, undefined, now)).toEqual({
      belowNumber: 0,
      createdBefore: 0,
    });
  });

  it('treats 0 as no limit', () => {
    expect(purgeRule({ keep: 0, days: 0 }, 40, now)).toEqual({ belowNumber: 0, createdBefore: 0 });
  });
});
