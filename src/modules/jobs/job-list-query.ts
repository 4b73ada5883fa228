import { ValidationError } from '../../core/errors/domain-errors';
import { type PageRequest, parsePageRequest, type PagingDefaults } from '../../core/http/paging';
import { JOB_STATUSES, type JobStatus } from './job';

/** The fields GET /jobs sorts by (`sort=jobName,-jobCreationDate`). */
export const JOB_SORT_FIELDS = [
  'jobId',
  'jobName',
  'jobCreationDate',
  'modelOrGroup',
  'groupOrDeviceId',
  'frequency',
  'jobStatus',
  'updatedAt',
] as const;
export type JobSortField = (typeof JOB_SORT_FIELDS)[number];

export interface JobOrder {
  field: JobSortField;
  descending: boolean;
}

/** Newest first, as the Zementis list shows its jobs. */
export const DEFAULT_JOB_ORDER: readonly JobOrder[] = [{ field: 'jobId', descending: true }];

export const JOB_FREQUENCIES = ['once', 'periodic'] as const;

/** The statuses an execution can have: the values of the lastExecutionStatus filter. */
export const EXECUTION_STATUSES = [
  'Queued',
  'Running',
  'Success',
  'Warning',
  'Failure',
  'Cancelled',
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

export interface JobFilters {
  jobStatus?: JobStatus;
  /** Part of the name, compared without regard to case. */
  name?: string;
  modelOrGroup?: string;
  groupOrDeviceId?: number;
  frequency?: (typeof JOB_FREQUENCIES)[number];
  /** Created at or after. */
  createdFrom?: Date;
  /** Created before. */
  createdTo?: Date;
  /** The status of the job's newest execution (jobs that never ran have none). */
  lastExecutionStatus?: ExecutionStatus;
}

export interface JobListQuery {
  page: PageRequest;
  filters: JobFilters;
  order: JobOrder[];
  /**
   * The filter and sort parameters as the client gave them (`&jobStatus=Active&sort=jobName`),
   * appended to the next and prev links after pageSize and currentPage.
   */
  linkParameters: string;
}

// The order the parameters take in the page links.
const LINK_PARAMETERS = [
  'jobStatus',
  'name',
  'modelOrGroup',
  'groupOrDeviceId',
  'frequency',
  'createdFrom',
  'createdTo',
  'lastExecutionStatus',
  'sort',
] as const;

// A day (UTC midnight), or a date-time with its offset; seconds and milliseconds optional.
const INSTANT = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d))?$/;

function oneOf<T extends string>(
  name: string,
  text: string,
  allowed: readonly T[],
  problems: string[],
): T | undefined {
  if ((allowed as readonly string[]).includes(text)) return text as T;
  problems.push(`${name} must be one of ${allowed.join(', ')}; got '${text}'.`);
  return undefined;
}

function instant(name: string, text: string, problems: string[]): Date | undefined {
  const millis = INSTANT.test(text) ? Date.parse(text) : NaN;
  if (!Number.isNaN(millis)) return new Date(millis);
  problems.push(
    `${name} must be a date (2026-11-23) or an ISO-8601 date-time with its offset (2026-11-23T12:00:00.000Z); got '${text}'.`,
  );
  return undefined;
}

function positiveInteger(name: string, text: string, problems: string[]): number | undefined {
  const value = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(value) && value >= 1) return value;
  problems.push(`${name} must be a device or group id, a whole number; got '${text}'.`);
  return undefined;
}

function readOrder(text: string, problems: string[]): JobOrder[] {
  const order: JobOrder[] = [];
  for (const part of text.split(',')) {
    const descending = part.startsWith('-');
    const field = descending ? part.slice(1) : part;
    if (!(JOB_SORT_FIELDS as readonly string[]).includes(field)) {
      problems.push(
        `sort: '${field}' is not a field jobs can be sorted by; use ${JOB_SORT_FIELDS.join(', ')}, with '-' before a field for descending order.`,
      );
    } else if (order.some((earlier) => earlier.field === field)) {
      problems.push(`sort names '${field}' twice.`);
    } else {
      order.push({ field: field as JobSortField, descending });
    }
  }
  return order;
}

/**
 * The paging, filter and sort parameters of GET /jobs; a ValidationError listing every bad
 * one. Parameters it does not know are not looked at, as with paging.
 */
export function readJobListQuery(
  query: Readonly<Record<string, unknown>>,
  defaults: PagingDefaults,
): JobListQuery {
  const problems: string[] = [];
  let page: PageRequest | undefined;
  try {
    page = parsePageRequest(query, defaults);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems.push(...error.messages);
  }

  const given: Partial<Record<(typeof LINK_PARAMETERS)[number], string>> = {};
  for (const name of LINK_PARAMETERS) {
    const value = query[name];
    if (value === undefined) continue;
    if (typeof value === 'string' && value !== '') given[name] = value;
    else if (typeof value === 'string') problems.push(`${name} must not be empty.`);
    else problems.push(`${name} must be given once, as a single value.`);
  }

  const filters: JobFilters = {};
  if (given.jobStatus !== undefined) {
    filters.jobStatus = oneOf('jobStatus', given.jobStatus, JOB_STATUSES, problems);
  }
  if (given.name !== undefined) filters.name = given.name;
  if (given.modelOrGroup !== undefined) filters.modelOrGroup = given.modelOrGroup;
  if (given.groupOrDeviceId !== undefined) {
    filters.groupOrDeviceId = positiveInteger('groupOrDeviceId', given.groupOrDeviceId, problems);
  }
  if (given.frequency !== undefined) {
    filters.frequency = oneOf('frequency', given.frequency, JOB_FREQUENCIES, problems);
  }
  if (given.createdFrom !== undefined) {
    filters.createdFrom = instant('createdFrom', given.createdFrom, problems);
  }
  if (given.createdTo !== undefined) {
    filters.createdTo = instant('createdTo', given.createdTo, problems);
  }
  if (given.lastExecutionStatus !== undefined) {
    filters.lastExecutionStatus = oneOf(
      'lastExecutionStatus',
      given.lastExecutionStatus,
      EXECUTION_STATUSES,
      problems,
    );
  }
  if (filters.createdFrom && filters.createdTo && filters.createdFrom >= filters.createdTo) {
    problems.push('createdFrom must be before createdTo.');
  }
  const order = given.sort === undefined ? [...DEFAULT_JOB_ORDER] : readOrder(given.sort, problems);

  if (problems.length > 0 || !page) throw new ValidationError(problems);
  const linkParameters = LINK_PARAMETERS.flatMap((name) => {
    const value = given[name];
    return value === undefined ? [] : [`&${name}=${encodeURIComponent(value)}`];
  }).join('');
  return { page, filters, order, linkParameters };
}
