import { answerCronQuery } from './cron-next.command';

const query = (fields: Record<string, unknown>): string =>
  JSON.stringify({ id: 'c1', timeZone: 'UTC', after: '2027-01-01T00:00:00.000Z', n: 2, ...fields });

describe('answerCronQuery', () => {
  it('answers with the next n fire times as ISO instants', () => {
    expect(answerCronQuery(query({ expr: '0 0/5 * * * ?' }))).toEqual({
      id: 'c1',
      next: ['2027-01-01T00:05:00.000Z', '2027-01-01T00:10:00.000Z'],
    });
  });

  it('answers with an empty list when there is no fire time', () => {
    expect(answerCronQuery(query({ expr: '0 0 12 30 2 ?' }))).toEqual({ id: 'c1', next: [] });
  });

  it('marks an expression Quartz rejects as invalid, with the reason', () => {
    expect(answerCronQuery(query({ expr: '0 0 12 * * MON' }))).toEqual({
      id: 'c1',
      invalid: true,
      error: expect.stringContaining("exactly one of them must be '?'"),
    });
  });

  it('reports an unknown time zone or a bad line as an error, not as invalid', () => {
    expect(answerCronQuery(query({ expr: '0 0 12 * * ?', timeZone: 'Nowhere/City' }))).toEqual({
      id: 'c1',
      error: expect.stringContaining('Unknown time zone "Nowhere/City"'),
    });
    expect(answerCronQuery(query({ expr: '0 0 12 * * ?', after: 'yesterday' }))).toEqual({
      id: 'c1',
      error: '"after" must be an ISO-8601 instant.',
    });
    expect(answerCronQuery('not json')).toEqual({ id: undefined, error: expect.any(String) });
  });
});
