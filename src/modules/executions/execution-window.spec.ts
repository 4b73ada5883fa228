import type { Job } from '../jobs/job';
import { executionWindow, isEmptyWindow, windowAfter } from './execution-window';

function aJob(jobSchedule: Job['definition']['jobSchedule']): Job {
  return {
    jobId: 7,
    definition: {
      jobName: 'j',
      jobDescription: '',
      groupOrDeviceId: 1,
      modelOrGroup: 'm',
      applyAllModels: false,
      modelToDeviceMappings: { x: 'c8y_T.x.value' },
      jobSchedule,
    },
    timeZone: 'UTC',
    jobStatus: 'Active',
    createdBy: 'alice',
    jobCreationDate: new Date(0),
    updatedAt: new Date(0),
    retention: { keepExecutions: null, retentionDays: null },
  };
}

describe('executionWindow', () => {
  it('gives a periodic job the N seconds before the fire, the fire itself excluded', () => {
    const job = aJob({
      frequency: 'periodic',
      cronExpression: '0 * * * * ?',
      dataFromPreviousNSeconds: 900,
      timeZone: 'UTC',
    });
    const fire = new Date('2026-01-01T10:15:00.000Z');
    expect(executionWindow(job, fire)).toEqual({
      from: Date.parse('2026-01-01T10:00:00.000Z'),
      to: fire.getTime(),
      toInclusive: false,
    });
  });

  it('gives a once job its fixed window with the end included, whenever it fires', () => {
    const job = aJob({
      frequency: 'once',
      scheduleAt: new Date('2020-03-18T17:42:00.000Z'),
      dataFrom: new Date('2020-02-26T10:20:00.000Z'),
      dataTo: new Date('2020-02-27T10:20:00.000Z'),
    });
    expect(executionWindow(job, new Date('2030-01-01T00:00:00.000Z'))).toEqual({
      from: Date.parse('2020-02-26T10:20:00.000Z'),
      to: Date.parse('2020-02-27T10:20:00.000Z'),
      toInclusive: true,
    });
  });
});

describe('windowAfter', () => {
  it('resumes one millisecond after the last record read', () => {
    expect(windowAfter({ from: 0, to: 100, toInclusive: false }, 41)).toEqual({
      from: 42,
      to: 100,
      toInclusive: false,
    });
  });

  it('never moves the start backwards', () => {
    expect(windowAfter({ from: 50, to: 100, toInclusive: true }, 10).from).toBe(50);
  });
});

describe('isEmptyWindow', () => {
  it('counts the end only when it is included', () => {
    expect(isEmptyWindow({ from: 100, to: 100, toInclusive: false })).toBe(true);
    expect(isEmptyWindow({ from: 100, to: 100, toInclusive: true })).toBe(false);
    expect(isEmptyWindow({ from: 101, to: 100, toInclusive: true })).toBe(true);
  });
});
