import { ServiceUnavailableError } from '../../../core/errors/domain-errors';

/** A value of one series at one instant (ms); null when the tenant holds no finite number. */
export interface SeriesValue {
  readonly time: number;
  readonly value: number | null;
}

export interface MeasurementWindow {
  readonly from: number;
  readonly to: number;
  readonly toInclusive: boolean;
}

interface MeasurementPage {
  readonly measurements: readonly unknown[];
  readonly next?: string;
}

/**
 * Reads the measurements of one series page by page through `next` links, in time order, and
 * keeps at most two pages in memory: the one being merged and the next, fetched meanwhile.
 */
export class MeasurementSeriesCursor {
  private values: SeriesValue[] = [];
  private index = 0;
  private lastTime = -Infinity;
  private pendingPage: Promise<MeasurementPage> | undefined;

  constructor(
    private readonly fetchPage: (pathOrLink: string) => Promise<unknown>,
    firstPage: string,
    readonly fragment: string,
    readonly series: string,
    /** The inputs mapped to this series. */
    readonly inputs: readonly string[],
    private readonly window: MeasurementWindow,
  ) {
    this.pendingPage = this.prefetch(firstPage);
  }

  /** Whether the current page is used up and another may follow. */
  get needsPage(): boolean {
    return this.index >= this.values.length && this.pendingPage !== undefined;
  }

  async readPage(): Promise<void> {
    if (!this.pendingPage) return;
    const page = await this.pendingPage;
    this.pendingPage =
      page.measurements.length > 0 && page.next ? this.prefetch(page.next) : undefined;
    this.values = this.valuesOf(page.measurements);
    this.index = 0;
  }

  /** The next value of the current page, without taking it; undefined at the end. */
  head(): SeriesValue | undefined {
    return this.values[this.index];
  }

  advance(): void {
    this.index++;
  }

  private prefetch(pathOrLink: string): Promise<MeasurementPage> {
    const page = this.fetchPage(pathOrLink).then((body) => this.pageOf(body));
    // Awaited by readPage, or never when the reader stops early: it must not go unhandled.
    void page.catch(() => undefined);
    return page;
  }

  private pageOf(body: unknown): MeasurementPage {
    const page = body as { measurements?: unknown; next?: unknown } | null;
    if (typeof page !== 'object' || page === null || !Array.isArray(page.measurements)) {
      throw new ServiceUnavailableError(
        `Cumulocity answered a measurement query for ${this.fragment}.${this.series} without a list of measurements.`,
      );
    }
    return {
      measurements: page.measurements as unknown[],
      next: typeof page.next === 'string' ? page.next : undefined,
    };
  }

  // Cumulocity sorts a date range query oldest first; the merge depends on it, so a page that
  // goes back in time is an error rather than silently misordered records. Of several values
  // at one instant the first one read counts, as the merge makes one record per instant.
  private valuesOf(measurements: readonly unknown[]): SeriesValue[] {
    const values: SeriesValue[] = [];
    for (const measurement of measurements) {
      const time = timeOf(measurement);
      if (Number.isNaN(time)) continue;
      if (time < this.lastTime) {
        throw new ServiceUnavailableError(
          `Cumulocity returned measurements of ${this.fragment}.${this.series} out of time order.`,
        );
      }
      if (time === this.lastTime) continue;
      this.lastTime = time;
      // The filter is repeated here so that the window holds whichever way the tenant bounds dateTo.
      if (time < this.window.from) continue;
      if (this.window.toInclusive ? time > this.window.to : time >= this.window.to) continue;
      values.push({ time, value: valueOf(measurement, this.fragment, this.series) });
    }
    return values;
  }
}

function timeOf(measurement: unknown): number {
  const time = (measurement as { time?: unknown } | null)?.time;
  return typeof time === 'string' ? Date.parse(time) : NaN;
}

function valueOf(measurement: unknown, fragment: string, series: string): number | null {
  const fragments = measurement as Record<string, Record<string, { value?: unknown } | undefined>>;
  const value = fragments[fragment]?.[series]?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
