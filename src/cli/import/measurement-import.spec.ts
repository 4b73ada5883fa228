import type { MeasurementValueRow } from '../../modules/devices/measurements.repository';
import type { LineChunk } from './file-lines';
import {
  type ImportOptions,
  ImportLineError,
  type ImportProgress,
  importMeasurements,
  type MeasurementStore,
} from './measurement-import';
import { csvLineParser } from './measurement-lines';

const HEADER = 'source,time,fragment,series,value';
const at = (second: number): string => new Date(Date.UTC(2026, 10, 1, 0, 0, second)).toISOString();

/** An in-memory store with devices 1 and 2, recording each batch written. */
function fakeStore() {
  const batches: MeasurementValueRow[][] = [];
  const series = new Map<string, number>();
  const lookups: number[][] = [];
  const store: MeasurementStore = {
    existingSources: (ids) => {
      lookups.push([...ids]);
      return Promise.resolve(new Set(ids.filter((id) => id === 1 || id === 2)));
    },
    seriesId: (fragment, name) => {
      const key = `${fragment}.${name}`;
      if (!series.has(key)) series.set(key, series.size + 1);
      return Promise.resolve(series.get(key) as number);
    },
    upsertValues: (rows) => {
      batches.push([...rows]);
      return Promise.resolve();
    },
  };
  return { store, batches, lookups };
}

// Chunks of two lines, each after a wait as a file read would be; bytes count as lines.
async function* chunksOf(lines: string[], perChunk = 2): AsyncGenerator<LineChunk> {
  for (let start = 0; start < lines.length; start += perChunk) {
    yield await Promise.resolve({
      lines: lines.slice(start, start + perChunk),
      bytesRead: start + perChunk,
    });
  }
}

function run(lines: string[], store: MeasurementStore, options: Partial<ImportOptions> = {}) {
  return importMeasurements(chunksOf(lines), csvLineParser(), store, {
    batchValues: 3,
    skipInvalid: false,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<ImportLineError> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ImportLineError)) throw new Error(`expected an ImportLineError`);
  return error;
}

describe('importMeasurements', () => {
  it('writes values in batches of the given size and counts rows of one instant as one measurement', async () => {
    const { store, batches, lookups } = fakeStore();
    const progress: ImportProgress[] = [];

    const summary = await run(
      [
        HEADER,
        `1,${at(0)},c,x,1`,
        `1,${at(0)},c,y,2`,
        `1,${at(1)},c,x,3`,
        `2,${at(1)},c,x,4`,
        `2,${at(2)},c,x,5`,
      ],
      store,
      { onProgress: (state) => progress.push(state) },
    );

    expect(summary).toEqual({ values: 5, measurements: 4, skippedLines: 0, firstSkipped: [] });
    expect(batches.map((batch) => batch.map((row) => row.value))).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(batches[0][1]).toEqual({
      source: 1,
      seriesId: 2,
      time: Date.parse(at(0)),
      value: 2,
      type: '',
      unit: '',
    });
    expect(lookups).toEqual([[1], [2]]);
    expect(progress).toEqual([
      { bytesRead: 2, values: 0 },
      { bytesRead: 4, values: 3 },
      { bytesRead: 6, values: 3 },
    ]);
  });

  it('stops at a bad line before writing its batch, saying what earlier batches stored', async () => {
    const { store, batches } = fakeStore();

    const error = await failure(
      run(
        [
          HEADER,
          `1,${at(0)},c,x,1`,
          `1,${at(1)},c,x,2`,
          `1,${at(2)},c,x,3`,
          `1,${at(3)},c,x,4`,
          `1,yesterday,c,x,5`,
        ],
        store,
      ),
    );

    expect(error.message).toBe(
      'line 6: time must be an ISO-8601 date-time with a zone, such as 2026-11-23T10:15:30.123Z.',
    );
    expect(error.imported).toEqual({ values: 3, measurements: 3 });
    expect(batches).toHaveLength(1);
  });

  it('names the first line of an unknown device, even when a later line is also bad', async () => {
    const { store, batches } = fakeStore();

    const error = await failure(
      run([HEADER, `1,${at(0)},c,x,1`, `5,${at(0)},c,x,1`, `1,${at(1)},c,x,oops`], store, {
        batchValues: 100,
      }),
    );

    expect(error.message).toBe('line 3: no managed object has the id 5; create the device first.');
    expect(error.imported).toEqual({ values: 0, measurements: 0 });
    expect(batches).toEqual([]);
  });

  it('with skipInvalid, skips bad lines and unknown devices, counting them and keeping the first reasons', async () => {
    const { store, batches } = fakeStore();
    const bad = Array.from({ length: 12 }, (_, i) => `1,${at(i)},c,x,bad`);

    const summary = await run(
      [HEADER, `9,${at(0)},c,x,1`, `1,${at(0)},c,x,2`, ...bad, `2,${at(0)},c,x,3`],
      store,
      { skipInvalid: true },
    );

    expect(summary.values).toBe(2);
    expect(summary.skippedLines).toBe(13);
    expect(summary.firstSkipped.map((skipped) => skipped.line)).toEqual([
      2, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(summary.firstSkipped.slice(0, 2)).toEqual([
      { line: 2, reason: 'no managed object has the id 9; create the device first.' },
      { line: 4, reason: 'c.x.value must be a finite number.' },
    ]);
    expect(batches.flat().map((row) => row.value)).toEqual([2, 3]);
  });

  it('refuses the whole file when its header is wrong', async () => {
    const { store } = fakeStore();

    const error = await failure(run(['time,value', `1,${at(0)},c,x,1`], store));

    expect(error.line).toBe(1);
    expect(error.reason).toMatch(/^the header has unknown columns|^the header lacks/);
  });
});
