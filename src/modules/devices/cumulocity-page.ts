import type { Request } from 'express';
import type { PageRequest } from '../../core/http/paging';

/** The absolute base of the self links, as Cumulocity writes them. */
export function baseUrlOf(request: Request): string {
  return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}

/**
 * The paging part of a Cumulocity collection: `self`, `statistics`, and `prev`/`next` when
 * there are such pages. Links are absolute and carry `kept` query parameters before the paging.
 */
export function cumulocityPage(
  request: Request,
  path: string,
  page: PageRequest,
  hasNext: boolean,
  kept: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const link = (currentPage: number): string => {
    const parameters = new URLSearchParams();
    for (const [name, value] of Object.entries(kept)) {
      if (typeof value === 'string' && name !== 'currentPage' && name !== 'pageSize') {
        parameters.set(name, value);
      }
    }
    parameters.set('pageSize', String(page.pageSize));
    parameters.set('currentPage', String(currentPage));
    return `${baseUrlOf(request)}${path}?${parameters.toString()}`;
  };
  return {
    self: link(page.currentPage),
    statistics: { currentPage: page.currentPage, pageSize: page.pageSize },
    ...(page.currentPage > 1 ? { prev: link(page.currentPage - 1) } : {}),
    ...(hasNext ? { next: link(page.currentPage + 1) } : {}),
  };
}
