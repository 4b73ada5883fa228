import { isKnownTimeZone, readJobSchedule } from './job-schedule';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const acceptEveryCron = (): undefined => undefined;

function read(
  raw: unknown,
  cronProblem: (expression: string) => string | undefined = acceptEveryCron,
) {
  const problems: string[] = [];
  const schedule = readJobSchedule(raw, NOW, cronProblem, problems);
  return { schedule, problems };
}

const ONCE = {
  frequency: 'once',
  scheduleAt: '2026-11-23T18:00:00.000+05:30',
  dataFrom: '2026-11-22T12:00:00.000Z',
  dataTo: '2026-11-23T11:00:00.000Z',
};
const PERIODIC = {
  frequency: 'periodic',
  cronExpression: '0 0/5 * * * ?',
  dataFromPreviousNSeconds: 300,
  timeZone: 'Asia/Calcutta',
};

describe('readJobSchedule', () => {
  it('reads a once job with its instants', () => {
    expect(read(ONCE)).toEqual({
      schedule: {
        frequency: 'once',
        scheduleAt: new Date('2026-11-23T12:30:00.000Z'),
        dataFrom: new Date('2026-11-22T12:00:00.000Z'),
        dataTo: new Date('2026-11-23T11:00:00.000Z'),
      },
      problems: [],
    });
  });

  it('reads a periodic job and keeps a legacy time zone alias as sent', () => {
    expect(read(PERIODIC).schedule).toEqual(PERIODIC);
  });

  it('gives the documented message for an unknown frequency', () => {
    expect(read({ ...ONCE, frequency: 'invalid' }).problems).toEqual([
      'frequency can be either once or periodic.',
    ]);
  });

  it('reports every problem of a once job together', () => {
    const { schedule, problems } = read({
      frequency: 'once',
      scheduleAt: '2026-11-23T11:00:00.000Z',
      dataFrom: '2026-11-24T12:00:00.000Z',
      dataTo: '2026-11-20',
    });
    expect(schedule).toBeUndefined();
    expect(problems).toEqual([
      "dataTo must be an ISO-8601 date-time of the form yyyy-MM-dd'T'HH:mm:ss.SSSXXX, such as 2019-12-30T22:59:50.235+05:30.",
      'scheduleAt must be in the future.',
      'dataFrom must not be in the future.',
    ]);
  });

  it('refuses a window of more than 24 hours, an empty one and a missing field', () => {
    expect(read({ ...ONCE, dataFrom: '2026-11-22T10:59:59.999Z' }).problems).toEqual([
      'dataFrom and dataTo must not be more than 24 hours apart.',
    ]);
    expect(read({ ...ONCE, dataFrom: ONCE.dataTo }).problems).toEqual([
      'dataFrom must be before dataTo.',
    ]);
    expect(read({ ...ONCE, scheduleAt: undefined }).problems).toEqual([
      'scheduleAt is required for a once job.',
    ]);
  });

  it('accepts a window of exactly 24 hours', () => {
    expect(read({ ...ONCE, dataFrom: '2026-11-22T11:00:00.000Z' }).problems).toEqual([]);
  });

  it('reports every problem of a periodic job together, with the cron parser’s reason', () => {
    const { problems } = read(
      {
        frequency: 'periodic',
        cronExpression: '* * *',
        dataFromPreviousNSeconds: 0,
        timeZone: 'Mars/Base',
      },
      () => 'it has 3 fields; Quartz needs 6 or 7.',
    );
    expect(problems).toEqual([
      'cronExpression is not a valid Quartz cron expression: it has 3 fields; Quartz needs 6 or 7.',
      'dataFromPreviousNSeconds is required for a periodic job: a whole number of seconds from 1 to 86400.',
      "timeZone 'Mars/Base' is not a known IANA time zone, such as Europe/Berlin.",
    ]);
    expect(read({ ...PERIODIC, dataFromPreviousNSeconds: 86_401 }).problems).toHaveLength(1);
    expect(read({ frequency: 'periodic' }).problems).toHaveLength(3);
  });

  it('asks for a jobSchedule object', () => {
    expect(read(undefined).problems).toEqual([
      'jobSchedule is required: an object with the frequency and its fields.',
    ]);
  });
});

describe('isKnownTimeZone', () => {
  it('knows IANA zones and their legacy aliases, not invented ones', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('Asia/Calcutta')).toBe(true);
    expect(isKnownTimeZone('Mars/Base')).toBe(false);
  });
});
