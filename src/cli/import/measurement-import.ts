import { DomainError } from '../../core/errors/domain-errors';
import type { PostedMeasurement } from '../../modules/devices/measurement-documents';
import type { MeasurementValueRow } from '../../modules/devices/measurements.repository';
import type { LineChunk } from './file-lines';
import type { LineParser } from './measurement-lines';

/** What an import writes through: the embedded store's inventory and measurements. */
export interface MeasurementStore {
  /** Those of `ids` that are managed objects. */
  existingSources(ids: readonly number[]): Promise<Set<number>>;
  seriesId(fragment: string, series: string): Promise<number>;
  upsertValues(rows: readonly MeasurementValueRow[]): Promise<void>;
}

export interface ImportProgress {
  bytesRead: number;
  values: number;
}

export interface ImportOptions {
  /** Values written per transaction. */
  batchValues: number;
  /** Skip and count bad lines instead of stopping at the first. */
  skipInvalid: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

export interface SkippedLine {
  line: number;
  reason: string;
}

export interface ImportCounts {
  values: number;
  /** Values of one device at one instant with one type, in a row, count as one measurement. */
  measurements: number;
}

export interface ImportSummary extends ImportCounts {
  skippedLines: number;
  /** The first skipped lines and why, in line order. */
  firstSkipped: SkippedLine[];
}

const SKIPPED_KEPT = 10;

/** A bad line that stopped an import; `imported` says what earlier batches had stored. */
export class ImportLineError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
    readonly imported: ImportCounts,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'ImportLineError';
  }
}

interface PendingMeasurement {
  line: number;
  measurement: PostedMeasurement;
}

/**
 * Stores the measurements of a file's lines, a batch of values per transaction. Every batch
 * is checked against the inventory before it is written; a bad line stops the import before
 * its batch is written (batches before it stay: values replace those of the same instant, so
 * importing the fixed file again is harmless), or is skipped with `skipInvalid`.
 */
export async function importMeasurements(
  chunks: AsyncIterable<LineChunk>,
  parse: LineParser,
  store: MeasurementStore,
  options: ImportOptions,
): Promise<ImportSummary> {
  const run = new ImportRun(store, options);
  let lineNumber = 0;
  for await (const chunk of chunks) {
    for (const line of chunk.lines) {
      lineNumber++;
      let measurements: PostedMeasurement[];
      try {
        measurements = parse(line);
      } catch (error) {
        // Anything else than a domain error is a bug, not a bad line.
        if (!(error instanceof DomainError)) throw error;
        await run.reject(lineNumber, error.message);
        continue;
      }
      await run.add(lineNumber, measurements);
    }
    options.onProgress?.({ bytesRead: chunk.bytesRead, values: run.summary.values });
  }
  await run.flush();
  return run.summary;
}

class ImportRun {
  readonly summary: ImportSummary = {
    values: 0,
    measurements: 0,
    skippedLines: 0,
    firstSkipped: [],
  };
  private pending: PendingMeasurement[] = [];
  private pendingValues = 0;
  private readonly knownSources = new Set<number>();
  private readonly missingSources = new Set<number>();
  private readonly seriesIds = new Map<string, number>();
  private lastSkippedLine = 0;
  private lastMeasurementKey = '';

  constructor(
    private readonly store: MeasurementStore,
    private readonly options: ImportOptions,
  ) {}

  async add(line: number, measurements: PostedMeasurement[]): Promise<void> {
    for (const measurement of measurements) {
      this.pending.push({ line, measurement });
      this.pendingValues += measurement.values.length;
    }
    if (this.pendingValues >= this.options.batchValues) await this.flush();
  }

  /** Skips a bad line, or stops the import at it (at an earlier bad line, if one is pending). */
  async reject(line: number, reason: string): Promise<void> {
    if (!this.options.skipInvalid) {
      await this.checkSources();
      throw new ImportLineError(line, reason, this.counts());
    }
    if (line !== this.lastSkippedLine) {
      this.summary.skippedLines++;
      this.lastSkippedLine = line;
      // Unknown devices are found per batch, after bad lines read later: keep the lowest lines.
      const first = this.summary.firstSkipped;
      if (first.length < SKIPPED_KEPT || line < first[first.length - 1].line) {
        first.push({ line, reason });
        first.sort((a, b) => a.line - b.line);
        if (first.length > SKIPPED_KEPT) first.pop();
      }
    }
  }

  async flush(): Promise<void> {
    await this.checkSources();
    const rows: MeasurementValueRow[] = [];
    let measurements = 0;
    for (const { line, measurement } of this.pending) {
      if (this.missingSources.has(measurement.source)) {
        await this.reject(line, unknownSource(measurement.source));
        continue;
      }
      const key = `${measurement.source}\u0000${measurement.time}\u0000${measurement.type}`;
      if (key !== this.lastMeasurementKey) measurements++;
      this.lastMeasurementKey = key;
      for (const value of measurement.values) {
        rows.push({
          source: measurement.source,
          seriesId: await this.seriesId(value.fragment, value.series),
          time: measurement.time,
          value: value.value,
          type: measurement.type,
          unit: value.unit,
        });
      }
    }
    await this.store.upsertValues(rows);
    this.summary.values += rows.length;
    this.summary.measurements += measurements;
    this.pending = [];
    this.pendingValues = 0;
  }

  /** Looks up the sources of the pending lines not seen yet; without skipping, fails on one. */
  private async checkSources(): Promise<void> {
    const unseen = new Set<number>();
    for (const { measurement } of this.pending) {
      const { source } = measurement;
      if (!this.knownSources.has(source) && !this.missingSources.has(source)) unseen.add(source);
    }
    if (unseen.size > 0) {
      const existing = await this.store.existingSources([...unseen]);
      for (const source of unseen) {
        (existing.has(source) ? this.knownSources : this.missingSources).add(source);
      }
    }
    if (this.options.skipInvalid) return;
    const bad = this.pending.find(({ measurement }) => this.missingSources.has(measurement.source));
    if (bad) {
      throw new ImportLineError(bad.line, unknownSource(bad.measurement.source), this.counts());
    }
  }

  private counts(): ImportCounts {
    return { values: this.summary.values, measurements: this.summary.measurements };
  }

  private async seriesId(fragment: string, series: string): Promise<number> {
    const key = `${fragment}\u0000${series}`;
    let id = this.seriesIds.get(key);
    if (id === undefined) {
      id = await this.store.seriesId(fragment, series);
      this.seriesIds.set(key, id);
    }
    return id;
  }
}

function unknownSource(source: number): string {
  return `no managed object has the id ${source}; create the device first.`;
}
