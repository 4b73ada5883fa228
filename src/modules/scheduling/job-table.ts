import type { Job } from '../jobs/job';
import type { JobListQuery } from '../jobs/job-list-query';
import type { JobsService } from '../jobs/jobs.service';

/** What the scheduler reads of the jobs table to follow the changes other replicas make. */
export interface JobTable {
  /** Every job that is not paused. */
  activeJobs(): Promise<Job[]>;
  /** Every job, paused or not, changed (created, updated, paused, resumed) at or after `since`. */
  jobsChangedSince(since: Date): Promise<Job[]>;
  activeJobCount(): Promise<number>;
}

// Normally a handful of jobs changed since the last look; one page of this size answers it.
const CHANGES_PAGE_SIZE = 50;

function query(
  page: Partial<JobListQuery['page']>,
  rest: Partial<Omit<JobListQuery, 'page'>>,
): JobListQuery {
  return {
    page: { pageSize: CHANGES_PAGE_SIZE, currentPage: 1, withTotalPages: false, ...page },
    filters: {},
    order: [],
    linkParameters: '',
    ...rest,
  };
}

/** The jobs table as JobsService reads it. */
export function jobTableOf(jobs: JobsService): JobTable {
  return {
    activeJobs: () => jobs.findActive(),

    // Newest change first, page after page until one reaches back past `since`. A job changed
    // again while paging moves to the front (read twice, harmless); one deleted meanwhile can
    // push another past a page boundary, which the next look (or the count check) catches.
    async jobsChangedSince(since) {
      const changed: Job[] = [];
      for (let currentPage = 1; ; currentPage++) {
        const page = await jobs.list(
          query({ currentPage }, { order: [{ field: 'updatedAt', descending: true }] }),
        );
        const recent = page.items.filter((job) => job.updatedAt.getTime() >= since.getTime());
        changed.push(...recent);
        if (!page.hasNext || recent.length < page.items.length) return changed;
      }
    },

    async activeJobCount() {
      const page = await jobs.list(
        query({ pageSize: 1, withTotalPages: true }, { filters: { jobStatus: 'Active' } }),
      );
      return page.totalCount ?? 0;
    },
  };
}
