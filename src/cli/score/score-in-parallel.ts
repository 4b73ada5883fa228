import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compilePmml, type CompiledPmml } from '@scorecast/pmml';
import {
  ChunkWriter,
  chunkLines,
  groupsRows,
  isLineOriented,
  type LineChunks,
  scoreChunk,
  scoreCsvFile,
  type ScoreSummary,
  type WritePiece,
} from './score-file';
import type { ScoredCsv } from './score-csv';

/**
 * Inputs with fewer rows are scored on the main thread alone: below this, starting a helper
 * thread costs more than it takes over.
 */
export const PARALLEL_MIN_ROWS = 20_000;

const HELPER_SCRIPT = join(__dirname, 'score-helper.js');

/** What the main thread gives each helper thread. */
export interface HelperTask {
  readonly modelPath: string;
  /** The input file's bytes, shared by every thread. */
  readonly csv: Uint8Array;
  readonly chunks: LineChunks;
  /** [0]: the next chunk to claim, shared by all threads. */
  readonly next: Int32Array;
  /** Per chunk: the thread that claimed it (0 the main thread, helpers from 1). */
  readonly owners: Int32Array;
  readonly helper: number;
}

/** A helper's message: one scored chunk, or that it has stopped claiming chunks. */
export type HelperMessage = { chunk: number; scored: ScoredCsv } | { finished: true };

/** Claims chunks until none is left and hands each one scored to `deliver`. */
export function scoreClaimedChunks(
  model: CompiledPmml,
  task: Pick<HelperTask, 'csv' | 'chunks' | 'next' | 'owners'>,
  thread: number,
  deliver: (chunk: number, scored: ScoredCsv) => void,
): void {
  const count = task.chunks.bounds.length - 1;
  for (
    let chunk = Atomics.add(task.next, 0, 1);
    chunk < count;
    chunk = Atomics.add(task.next, 0, 1)
  ) {
    Atomics.store(task.owners, chunk, thread);
    deliver(chunk, scoreChunk(model, asBuffer(task.csv), task.chunks, chunk));
  }
}

/** A Buffer over the same bytes (a worker receives a plain Uint8Array). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

function countLines(csv: Uint8Array, limit: number): number {
  let lines = 0;
  for (
    let index = csv.indexOf(0x0a);
    index >= 0 && lines < limit;
    index = csv.indexOf(0x0a, index + 1)
  )
    lines++;
  return lines;
}

/**
 * Whether helper threads may take part: compiled output (the helper script exists next to
 * this module), more than one thread, no quoted fields (so lines are records) and enough rows.
 */
export function canScoreInParallel(
  csv: Uint8Array,
  threads: number,
  minRows = PARALLEL_MIN_ROWS,
): boolean {
  return (
    threads > 1 &&
    existsSync(HELPER_SCRIPT) &&
    isLineOriented(csv) &&
    countLines(csv, minRows) >= minRows
  );
}

/**
 * Helper threads are started only when the rows left are estimated to take this thread
 * longer than this: a helper must start an isolate, load the engine and compile the model
 * again, and on a small machine two threads that allocate fast slow each other down, so
 * for fast models one thread finishes first.
 */
export const PARALLEL_MIN_MILLISECONDS = 500;

/**
 * Scores a CSV text on this thread and, when the work is large enough, `threads - 1` helper
 * threads. The text is cut into chunks of lines that every thread claims one at a time from
 * a shared counter, so the work balances itself. This thread scores the first two chunks
 * alone: the second one's time (after the first warmed the code up) estimates the rest. If
 * helpers are worth it, they start, compile the model and join in; a helper that is not ready
 * before the chunks run out simply does nothing. Chunks a helper claimed but did not deliver,
 * because it died, are scored here.
 */
export async function scoreInParallel(
  modelPath: string,
  csv: Buffer,
  threads: number,
  write: WritePiece,
  minMilliseconds = PARALLEL_MIN_MILLISECONDS,
): Promise<ScoreSummary> {
  const model = compilePmml(readFileSync(modelPath, 'utf8'));
  if (groupsRows(model)) return scoreCsvFile(model, csv, write);
  const chunks = chunkLines(csv);
  const count = chunks.bounds.length - 1;
  const next = new Int32Array(new SharedArrayBuffer(4));
  const owners = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, count))).fill(-1);
  const writer = new ChunkWriter(model, count, write);
  const scoreHere = (chunk: number): void => {
    Atomics.store(owners, chunk, 0);
    writer.deliver(chunk, scoreChunk(model, csv, chunks, chunk));
  };
  const warmUp = Math.min(2, count);
  let chunkMilliseconds = 0;
  // No helper runs yet, so these chunks need no claiming.
  for (let chunk = 0; chunk < warmUp; chunk++) {
    const start = performance.now();
    scoreHere(chunk);
    chunkMilliseconds = performance.now() - start;
  }
  Atomics.store(next, 0, warmUp);
  if (chunkMilliseconds * (count - warmUp) < minMilliseconds) {
    for (let chunk = Atomics.add(next, 0, 1); chunk < count; chunk = Atomics.add(next, 0, 1))
      scoreHere(chunk);
    return writer.summary();
  }
  // Helpers read the file where it is: a shared copy instead of one copy per helper.
  const shared = new Uint8Array(new SharedArrayBuffer(csv.length));
  shared.set(csv);
  const helpers = Array.from(
    { length: threads - 1 },
    (_, index) =>
      new Worker(HELPER_SCRIPT, {
        workerData: {
          modelPath,
          csv: shared,
          chunks,
          next,
          owners,
          helper: index + 1,
        } satisfies HelperTask,
      }),
  );
  try {
    // A chunk claimed by a helper that died is rescored here. Its owner may still be unset
    // (-1) if the helper died right after claiming it; a live helper's later delivery of such
    // a chunk is ignored.
    const collected = collectHelperChunks(helpers, writer, (helper) => {
      for (let chunk = 0; chunk < count; chunk++) {
        const owner = Atomics.load(owners, chunk);
        if (!writer.has(chunk) && (owner === helper || owner === -1)) scoreHere(chunk);
      }
    });
    scoreClaimedChunks(model, { csv, chunks, next, owners }, 0, (chunk, scored) =>
      writer.deliver(chunk, scored),
    );
    await collected;
    return writer.summary();
  } finally {
    await Promise.all(helpers.map((helper) => helper.terminate()));
  }
}

/**
 * Resolves once every chunk is delivered to `writer`: by a helper, by the main thread (which
 * delivers its own chunks itself), or rescored by `recover` when its helper exits early.
 */
function collectHelperChunks(
  helpers: readonly Worker[],
  writer: ChunkWriter,
  recover: (helper: number) => void,
): Promise<void> {
  return new Promise((resolve) => {
    let running = helpers.length;
    const settle = (): void => {
      if (writer.done || running === 0) resolve();
    };
    helpers.forEach((worker, index) => {
      worker.on('message', (message: HelperMessage) => {
        if ('chunk' in message) writer.deliver(message.chunk, message.scored);
        settle();
      });
      worker.once('exit', () => {
        running--;
        recover(index + 1);
        settle();
      });
      worker.on('error', () => undefined);
    });
    // The main thread delivers its own chunks synchronously before this is awaited.
    setImmediate(settle);
  });
}
