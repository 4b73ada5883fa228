import type { JobDefinition } from './job-request';
import { definitionColumns, jobFromEntity, jobNotFound, jobView, parseJobId } from './job';
import type { JobEntity } from './job.entity';

const CREATED = new Date('2026-11-23T12:00:00.123Z');

function stored(definition: JobDefinition, timeZone: string, retention = {}): JobEntity {
  return {
    id: 7,
    ...definitionColumns(definition, timeZone, {
      keepExecutions: null,
      retentionDays: null,
      ...retention,
    }),
    jobStatus: 'Active',
    createdBy: 'alice',
    createdAt: CREATED,
    updatedAt: CREATED,
  };
}

const ONCE: JobDefinition = {
  jobName: 'ActivityDetectionJob',
  jobDescription: 'Detect activities',
  groupOrDeviceId: 15889549,
  modelOrGroup: 'DecisionTreeClassifier',
  applyAllModels: false,
  modelToDeviceMappings: { b: 'f.b.value', a: 'f.a.value' },
  jobSchedule: {
    frequency: 'once',
    scheduleAt: new Date('2026-11-24T17:42:00.000+05:30'),
    dataFrom: new Date('2026-11-22T10:20:00.000Z'),
    dataTo: new Date('2026-11-23T10:20:00.000Z'),
  },
};

const PERIODIC: JobDefinition = {
  ...ONCE,
  jobSchedule: {
    frequency: 'periodic',
    cronExpression: '0 0/15 * * * ?',
    dataFromPreviousNSeconds: 900,
    timeZone: 'Asia/Calcutta',
  },
};

describe('parseJobId', () => {
  it('reads the ids a job can have', () => {
    expect(parseJobId('1')).toBe(1);
    expect(parseJobId('0015896925')).toBe(15896925);
    expect(parseJobId('2147483647')).toBe(2147483647);
  });

  it('finds no job behind anything else', () => {
    for (const text of ['0', '00000', '2147483648', '99999999999', '-1', '1.5', '1e3', 'abc', '']) {
      expect(parseJobId(text)).toBeUndefined();
    }
  });
});

describe('jobNotFound', () => {
  it('gives the documented text with the id as sent', () => {
    expect(jobNotFound('00000').messages).toEqual(["Zementis job ID '00000' not found."]);
  });
});

describe('a job stored and answered', () => {
  it('answers a once job with an empty cron expression, 0 seconds and UTC instants', () => {
    const view = jobView(jobFromEntity(stored(ONCE, 'Asia/Kolkata')));
    expect(view.jobSchedule).toEqual({
      frequency: 'once',
      cronExpression: '',
      timeZone: 'Asia/Kolkata',
      dataFromPreviousNSeconds: 0,
      scheduleAt: '2026-11-24T12:12:00.000Z',
      dataFrom: '2026-11-22T10:20:00.000Z',
      dataTo: '2026-11-23T10:20:00.000Z',
    });
    expect(view.jobCreationDate).toBe('2026-11-23T12:00:00.123Z');
  });

  it('answers a periodic job with empty once fields and its zone as sent', () => {
    const entity = stored(PERIODIC, 'Asia/Calcutta');
    expect(entity).toMatchObject({ scheduleAt: '', dataFrom: '', dataTo: '' });
    expect(jobView(jobFromEntity(entity)).jobSchedule).toEqual({
      frequency: 'periodic',
      cronExpression: '0 0/15 * * * ?',
      timeZone: 'Asia/Calcutta',
      dataFromPreviousNSeconds: 900,
      scheduleAt: '',
      dataFrom: '',
      dataTo: '',
    });
  });

  it('gives the scheduler back the schedule it was defined with', () => {
    expect(jobFromEntity(stored(ONCE, 'UTC')).definition).toEqual(ONCE);
    expect(jobFromEntity(stored(PERIODIC, 'Asia/Calcutta')).definition).toEqual(PERIODIC);
  });

  it('lists the documented fields in their order, then the extensions', () => {
    expect(Object.keys(jobView(jobFromEntity(stored(ONCE, 'UTC'))))).toEqual([
      'jobId',
      'jobName',
      'jobDescription',
      'jobCreationDate',
      'modelOrGroup',
      'applyAllModels',
      'groupOrDeviceId',
      'modelToDeviceMappings',
      'jobSchedule',
      'jobStatus',
      'createdBy',
      'updatedAt',
      'keepExecutions',
      'retentionDays',
    ]);
  });

  it('stores the service default as 0 and answers it as null', () => {
    const defaults = stored(ONCE, 'UTC');
    expect(defaults).toMatchObject({ keepExecutions: 0, retentionDays: 0 });
    expect(jobFromEntity(defaults).retention).toEqual({
      keepExecutions: null,
      retentionDays: null,
    });
    const own = stored(ONCE, 'UTC', { keepExecutions: 10, retentionDays: 30 });
    expect(jobView(jobFromEntity(own))).toMatchObject({ keepExecutions: 10, retentionDays: 30 });
  });
});
