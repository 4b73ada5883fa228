import { ValidationError } from '../../core/errors/domain-errors';
import { readJobListQuery } from './job-list-query';

const PAGING = { withTotalPages: true };

function problems(query: Record<string, unknown>): string[] {
  try {
    readJobListQuery(query, PAGING);
  } catch (error) {
    if (error instanceof ValidationError) return error.messages;
    throw error;
  }
  throw new Error('the query was accepted');
}

describe('readJobListQuery', () => {
  it('lists newest first, 5 a page, counted, without filters by default', () => {
    expect(readJobListQuery({}, PAGING)).toEqual({
      page: { pageSize: 5, currentPage: 1, withTotalPages: true },
      filters: {},
      order: [{ field: 'jobId', descending: true }],
      linkParameters: '',
    });
  });

  it('reads every filter', () => {
    const query = readJobListQuery(
      {
        jobStatus: 'Inactive',
        name: 'pump',
        modelOrGroup: 'IsolationForest',
        groupOrDeviceId: '15896385',
        frequency: 'periodic',
        createdFrom: '2026-11-23',
        createdTo: '2026-11-24T06:00:00+05:30',
        lastExecutionStatus: 'Failure',
      },
      PAGING,
    );
    expect(query.filters).toEqual({
      jobStatus: 'Inactive',
      name: 'pump',
      modelOrGroup: 'IsolationForest',
      groupOrDeviceId: 15896385,
      frequency: 'periodic',
      createdFrom: new Date('2026-11-23T00:00:00.000Z'),
      createdTo: new Date('2026-11-24T00:30:00.000Z'),
      lastExecutionStatus: 'Failure',
    });
  });

  it('reads the sort fields in order, a minus meaning descending', () => {
    expect(readJobListQuery({ sort: 'frequency,-jobCreationDate' }, PAGING).order).toEqual([
      { field: 'frequency', descending: false },
      { field: 'jobCreationDate', descending: true },
    ]);
  });

  it('writes the filters and sort for the links in a fixed order, encoded', () => {
    const query = readJobListQuery(
      {
        sort: '-jobName',
        name: 'a&b c',
        jobStatus: 'Active',
        pageSize: '2',
        lastExecutionStatus: 'Warning',
        createdFrom: '2026-11-23T00:00:00+01:00',
      },
      PAGING,
    );
    expect(query.linkParameters).toBe(
      '&jobStatus=Active&name=a%26b%20c&createdFrom=2026-11-23T00%3A00%3A00%2B01%3A00&lastExecutionStatus=Warning&sort=-jobName',
    );
  });

  it('names every bad parameter, paging ones included', () => {
    expect(
      problems({
        pageSize: '0',
        jobStatus: 'active',
        groupOrDeviceId: '-3',
        frequency: ['once', 'periodic'],
        createdTo: '2026-13-01',
        sort: 'jobName,',
      }),
    ).toEqual([
      "pageSize must be an integer from 1 to 2000; got '0'.",
      'frequency must be given once, as a single value.',
      "jobStatus must be one of Active, Inactive; got 'active'.",
      "groupOrDeviceId must be a device or group id, a whole number; got '-3'.",
      "createdTo must be a date (2026-11-23) or an ISO-8601 date-time with its offset (2026-11-23T12:00:00.000Z); got '2026-13-01'.",
      "sort: '' is not a field jobs can be sorted by; use jobId, jobName, jobCreationDate, modelOrGroup, groupOrDeviceId, frequency, jobStatus, updatedAt, with '-' before a field for descending order.",
    ]);
  });

  it('wants createdFrom before createdTo', () => {
    expect(problems({ createdFrom: '2026-11-23', createdTo: '2026-11-23T00:00:00Z' })).toEqual([
      'createdFrom must be before createdTo.',
    ]);
  });

  it('does not look at parameters it does not know', () => {
    expect(readJobListQuery({ _: '1700000000', status: 'x' }, PAGING).filters).toEqual({});
  });
});
