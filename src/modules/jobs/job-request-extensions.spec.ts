import { readJobRequestExtensions } from './job-request-extensions';

function read(body: unknown): {
  result: ReturnType<typeof readJobRequestExtensions>;
  problems: string[];
} {
  const problems: string[] = [];
  return { result: readJobRequestExtensions(body, problems), problems };
}

describe('readJobRequestExtensions', () => {
  it('leaves retention to the service by default', () => {
    expect(read({ jobName: 'x' })).toEqual({
      result: { retention: { keepExecutions: null, retentionDays: null } },
      problems: [],
    });
    expect(read({ keepExecutions: null, retentionDays: null }).problems).toEqual([]);
  });

  it('takes retention as whole numbers in range', () => {
    expect(read({ keepExecutions: 100000, retentionDays: 1 }).result.retention).toEqual({
      keepExecutions: 100000,
      retentionDays: 1,
    });
    expect(read({ keepExecutions: 0, retentionDays: '30' }).problems).toEqual([
      "keepExecutions must be a whole number from 1 to 100000, or null for the service's default.",
      "retentionDays must be a whole number from 1 to 3650, or null for the service's default.",
    ]);
    expect(read({ keepExecutions: 2.5, retentionDays: 3651 }).problems).toHaveLength(2);
  });

  it('keeps a time zone a once job gives, as sent, and ignores it on periodic jobs', () => {
    const once = (timeZone: unknown) => read({ jobSchedule: { frequency: 'once', timeZone } });
    expect(once('Asia/Calcutta').result.onceTimeZone).toBe('Asia/Calcutta');
    expect(once('').result.onceTimeZone).toBeUndefined();
    expect(once(null).problems).toEqual([]);
    expect(once('Mars/Olympus').problems).toEqual([
      "timeZone 'Mars/Olympus' is not a known IANA time zone, such as Europe/Berlin.",
    ]);
    expect(once(5).problems).toEqual([
      "timeZone '5' is not a known IANA time zone, such as Europe/Berlin.",
    ]);
    expect(
      read({ jobSchedule: { frequency: 'periodic', timeZone: 'Asia/Calcutta' } }).result,
    ).not.toHaveProperty('onceTimeZone');
  });

  it('keeps stored fields within their columns', () => {
    expect(
      read({ jobName: ` ${'n'.repeat(255)} `, jobDescription: 'd'.repeat(2000) }).problems,
    ).toEqual([]);
    const mappings = Object.fromEntries(
      Array.from({ length: 2000 }, (_, i) => [`input${i}`, `fragment.series${i}.value`]),
    );
    expect(
      read({
        jobName: 'n'.repeat(256),
        jobDescription: 'd'.repeat(2001),
        modelToDeviceMappings: mappings,
      }).problems,
    ).toEqual([
      'jobName must not be longer than 255 characters.',
      'jobDescription must not be longer than 2000 characters.',
      'modelToDeviceMappings must not be larger than 48000 bytes as JSON.',
    ]);
  });

  it('reads nothing from a body that is not an object', () => {
    expect(read([]).problems).toEqual([]);
    expect(read('job').result.retention).toEqual({ keepExecutions: null, retentionDays: null });
  });
});
