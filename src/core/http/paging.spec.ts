import { ValidationError } from '../errors/domain-errors';
import {
  pageEnvelope,
  pageLink,
  type PageRequest,
  pageSlice,
  pageWindow,
  parsePageRequest,
} from './paging';

const JOBS = { withTotalPages: true };
const HISTORY = { withTotalPages: false };

function problemsOf(query: Record<string, unknown>): string[] {
  try {
    parsePageRequest(query, JOBS);
  } catch (error) {
    if (error instanceof ValidationError) return error.messages;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parsePageRequest', () => {
  it('gives page 1 of 5 entries and the list’s own withTotalPages default when nothing is given', () => {
    expect(parsePageRequest({}, JOBS)).toEqual({
      pageSize: 5,
      currentPage: 1,
      withTotalPages: true,
    });
    expect(parsePageRequest({}, HISTORY).withTotalPages).toBe(false);
  });

  it('reads the three parameters and ignores other query parameters', () => {
    expect(
      parsePageRequest(
        { pageSize: '2000', currentPage: '7', withTotalPages: 'FALSE', other: 'x' },
        JOBS,
      ),
    ).toEqual({ pageSize: 2000, currentPage: 7, withTotalPages: false });
    expect(parsePageRequest({ withTotalPages: 'true' }, HISTORY).withTotalPages).toBe(true);
  });

  it.each(['0', '2001', 'abc', '', '1.5', '-1', '+3', '1e3', ' 5'])(
    'rejects pageSize %j',
    (value) => {
      expect(problemsOf({ pageSize: value })).toEqual([
        `pageSize must be an integer from 1 to 2000; got '${value}'.`,
      ]);
    },
  );

  it.each(['0', 'first', '2147483648', '99999999999999999999'])(
    'rejects currentPage %j',
    (value) => {
      expect(problemsOf({ currentPage: value })).toEqual([
        `currentPage must be an integer from 1 to 2147483647; got '${value}'.`,
      ]);
    },
  );

  it('rejects withTotalPages other than true or false', () => {
    expect(problemsOf({ withTotalPages: 'yes' })).toEqual([
      "withTotalPages must be true or false; got 'yes'.",
    ]);
  });

  it('rejects a parameter given twice', () => {
    expect(problemsOf({ pageSize: ['5', '10'] })).toEqual([
      'pageSize must be given once, as a single value.',
    ]);
  });

  it('reports every bad parameter at once', () => {
    expect(problemsOf({ pageSize: '0', currentPage: 'x', withTotalPages: '1' })).toHaveLength(3);
  });
});

describe('pageWindow and pageSlice', () => {
  const page: PageRequest = { pageSize: 5, currentPage: 3, withTotalPages: false };

  it('skips the earlier pages and reads one row more than the page holds', () => {
    expect(pageWindow(page)).toEqual({ skip: 10, take: 6 });
    expect(pageWindow({ ...page, currentPage: 1 })).toEqual({ skip: 0, take: 6 });
  });

  it('cuts the extra row off and takes it as the sign of a next page', () => {
    expect(pageSlice([1, 2, 3, 4, 5, 6], page, null)).toEqual({
      items: [1, 2, 3, 4, 5],
      hasNext: true,
      totalCount: null,
    });
    expect(pageSlice([1, 2, 3, 4, 5], page, 15)).toEqual({
      items: [1, 2, 3, 4, 5],
      hasNext: false,
      totalCount: 15,
    });
  });
});

describe('pageEnvelope', () => {
  const path = '/service/zementis/pmml/groups';

  it('links pageSize then currentPage under the given path', () => {
    expect(pageLink('/service/zementis/jobs', 20, 4)).toBe(
      '/service/zementis/jobs?pageSize=20&currentPage=4',
    );
  });

  it('has neither link on a single first page, and counts its pages', () => {
    const page = { pageSize: 5, currentPage: 1, withTotalPages: true };
    expect(pageEnvelope(path, page, { hasNext: false, totalCount: 3 })).toEqual({
      next: null,
      prev: null,
      statistics: { currentPage: 1, totalPages: 1, pageSize: 5 },
    });
  });

  it('links both neighbours of a middle page', () => {
    const page = { pageSize: 2, currentPage: 2, withTotalPages: true };
    expect(pageEnvelope(path, page, { hasNext: true, totalCount: 5 })).toEqual({
      next: `${path}?pageSize=2&currentPage=3`,
      prev: `${path}?pageSize=2&currentPage=1`,
      statistics: { currentPage: 2, totalPages: 3, pageSize: 2 },
    });
  });

  it('answers totalPages null when pages were not asked to be counted', () => {
    const page = { pageSize: 5, currentPage: 1, withTotalPages: false };
    const envelope = pageEnvelope(path, page, { hasNext: true, totalCount: null });
    expect(envelope.statistics.totalPages).toBeNull();
    expect(envelope.next).toBe(`${path}?pageSize=5&currentPage=2`);
  });

  it('counts no entries as 0 pages and keeps the previous link of a page past the end', () => {
    const page = { pageSize: 5, currentPage: 4, withTotalPages: true };
    expect(pageEnvelope(path, page, { hasNext: false, totalCount: 0 })).toEqual({
      next: null,
      prev: `${path}?pageSize=5&currentPage=3`,
      statistics: { currentPage: 4, totalPages: 0, pageSize: 5 },
    });
  });
});
