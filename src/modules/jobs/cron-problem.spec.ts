import { cronProblem } from './cron-problem';

describe('cronProblem', () => {
  it('takes Quartz expressions of 6 and 7 fields', () => {
    expect(cronProblem('0 0/5 * * * ?')).toBeUndefined();
    expect(cronProblem('0 15 10 ? * 6L 2030')).toBeUndefined();
  });

  it('says what is wrong with an expression Quartz refuses', () => {
    expect(cronProblem('0 0 * * *')).toEqual(expect.any(String));
    expect(cronProblem('0 0 12 * * 0')).toMatch(/Day-of-week/);
    // Quartz wants exactly one of day-of-month and day-of-week to be '?'.
    expect(cronProblem('0 0 12 * * MON')).toEqual(expect.any(String));
  });
});
