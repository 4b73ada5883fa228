import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { ValidationError } from '../errors/domain-errors';

// Paging as the Zementis Jobs API does it: `?pageSize=5&currentPage=2&withTotalPages=true`,
// answered with `{"next", "prev", "statistics": {...}, "<items>": [...]}`.

export const DEFAULT_PAGE_SIZE = 5;
export const MAX_PAGE_SIZE = 2000;
// Keeps (currentPage - 1) * pageSize a safe integer that every SQL dialect takes as an OFFSET.
export const MAX_CURRENT_PAGE = 2_147_483_647;

export interface PageRequest {
  pageSize: number;
  currentPage: number;
  withTotalPages: boolean;
}

/** What differs between the paged lists: /jobs counts pages unless told not to, history does not. */
export interface PagingDefaults {
  withTotalPages: boolean;
}

export interface PageStatistics {
  currentPage: number;
  /** null unless the request asked for it (`withTotalPages`). */
  totalPages: number | null;
  pageSize: number;
}

/** The part of a paged answer that does not depend on what is listed. */
export interface PageEnvelope {
  next: string | null;
  prev: string | null;
  statistics: PageStatistics;
}

/** One page of items, whether another follows, and the number of all items when it was counted. */
export interface PageSlice<T> {
  items: T[];
  hasNext: boolean;
  totalCount: number | null;
}

function single(name: string, value: unknown, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  problems.push(`${name} must be given once, as a single value.`);
  return undefined;
}

function integerIn(
  name: string,
  value: unknown,
  fallback: number,
  max: number,
  problems: string[],
): number {
  const text = single(name, value, problems);
  if (text === undefined) return fallback;
  const number = /^\d+$/.test(text) ? Number(text) : NaN;
  if (number >= 1 && number <= max) return number;
  problems.push(`${name} must be an integer from 1 to ${max}; got '${text}'.`);
  return fallback;
}

function booleanOf(name: string, value: unknown, fallback: boolean, problems: string[]): boolean {
  const text = single(name, value, problems);
  if (text === undefined) return fallback;
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  problems.push(`${name} must be true or false; got '${text}'.`);
  return fallback;
}

/**
 * The paging parameters of a request's query string, with the defaults for those left out;
 * a ValidationError listing every bad one. Other query parameters are not looked at.
 */
export function parsePageRequest(
  query: Readonly<Record<string, unknown>>,
  defaults: PagingDefaults,
): PageRequest {
  const problems: string[] = [];
  const page: PageRequest = {
    pageSize: integerIn('pageSize', query.pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, problems),
    currentPage: integerIn('currentPage', query.currentPage, 1, MAX_CURRENT_PAGE, problems),
    withTotalPages: booleanOf(
      'withTotalPages',
      query.withTotalPages,
      defaults.withTotalPages,
      problems,
    ),
  };
  if (problems.length > 0) throw new ValidationError(problems);
  return page;
}

/**
 * The rows to read for a page: one more than it holds, so that whether a next page exists is
 * known without counting (history pages are not counted by default).
 */
export function pageWindow(page: PageRequest): { skip: number; take: number } {
  return { skip: (page.currentPage - 1) * page.pageSize, take: page.pageSize + 1 };
}

/** Rows read with {@link pageWindow} cut to the page; `totalCount` only when it was counted. */
export function pageSlice<T>(
  rows: readonly T[],
  page: PageRequest,
  totalCount: number | null,
): PageSlice<T> {
  return {
    items: rows.slice(0, page.pageSize),
    hasNext: rows.length > page.pageSize,
    totalCount,
  };
}

/** A relative link to a page of the list at `path`, such as `/service/zementis/jobs?pageSize=5&currentPage=2`. */
export function pageLink(path: string, pageSize: number, currentPage: number): string {
  return `${path}?pageSize=${pageSize}&currentPage=${currentPage}`;
}

/**
 * `next`, `prev` and `statistics` of a page of the list at `path`. A page past the end has no
 * next page but keeps its previous one; no pages at all count as 0 pages.
 */
export function pageEnvelope(
  path: string,
  page: PageRequest,
  slice: Pick<PageSlice<unknown>, 'hasNext' | 'totalCount'>,
): PageEnvelope {
  const { pageSize, currentPage } = page;
  return {
    next: slice.hasNext ? pageLink(path, pageSize, currentPage + 1) : null,
    prev: currentPage > 1 ? pageLink(path, pageSize, currentPage - 1) : null,
    statistics: {
      currentPage,
      totalPages:
        page.withTotalPages && slice.totalCount !== null
          ? Math.ceil(slice.totalCount / pageSize)
          : null,
      pageSize,
    },
  };
}

/** Documents the three paging query parameters of a route. */
export function ApiPageQuery(defaults: PagingDefaults): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'pageSize',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
      description: 'Entries per page.',
    }),
    ApiQuery({
      name: 'currentPage',
      required: false,
      schema: { type: 'integer', minimum: 1, default: 1 },
      description: 'The page to show, from 1; a page past the end is empty.',
    }),
    ApiQuery({
      name: 'withTotalPages',
      required: false,
      schema: { type: 'boolean', default: defaults.withTotalPages },
      description: 'Count the pages (statistics.totalPages); otherwise totalPages is null.',
    }),
  );
}
