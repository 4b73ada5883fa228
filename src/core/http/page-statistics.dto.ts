export class PageStatisticsDto {
  /** @example 1 */
  currentPage!: number;

  /** The number of pages; null unless `withTotalPages` was true. @example 1 */
  totalPages!: number | null;

  /** @example 5 */
  pageSize!: number;
}
