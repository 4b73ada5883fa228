import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ScoredText } from './score-file';

/**
 * Inputs smaller than this are scored on the main thread. Each worker warms up its own JIT,
 * which competes for the cores: measured on 2 cores, 100,000 rows of a 300-tree boosting
 * model or a small network took longer on two workers than on one thread, while a 200-tree
 * forest gained a quarter.
 */
export const PARALLEL_MIN_ROWS = 200_000;

const WORKER_SCRIPT = join(__dirname, 'score-worker.js');

type WorkerReply = { scored: ScoredText } | { needsWholeTable: boolean; error: string };

/**
 * Splits an unquoted CSV text (no field can hold a line break) into `parts` texts at line
 * boundaries, each starting with the header line.
 */
export function splitCsvText(text: string, parts: number): string[] {
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0) return [text];
  const header = text.slice(0, headerEnd + 1);
  const chunks: string[] = [];
  let start = headerEnd + 1;
  for (let part = 0; part < parts && start < text.length; part++) {
    const target =
      part === parts - 1 ? text.length : start + Math.ceil((text.length - start) / (parts - part));
    // From target − 1, so a target just after a line break ends the part at that break.
    const newline = target >= text.length ? -1 : text.indexOf('\n', target - 1);
    const end = newline < 0 ? text.length : newline + 1;
    chunks.push(header + text.slice(start, end));
    start = end;
  }
  return chunks;
}

function countLines(text: string, limit: number): number {
  let lines = 0;
  for (
    let index = text.indexOf('\n');
    index >= 0 && lines < limit;
    index = text.indexOf('\n', index + 1)
  )
    lines++;
  return lines;
}

/**
 * Whether scoring this text in worker threads is possible and worth it: compiled output
 * (the worker script exists next to this module), more than one thread, no quoted fields
 * (so lines are records) and enough rows.
 */
export function canScoreInParallel(
  text: string,
  threads: number,
  minRows = PARALLEL_MIN_ROWS,
): boolean {
  return (
    threads > 1 &&
    existsSync(WORKER_SCRIPT) &&
    !text.includes('"') &&
    countLines(text, minRows) >= minRows
  );
}

function scorePart(modelPath: string, csv: string, header: boolean): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: { modelPath, csv, header } });
    worker.once('message', (reply: WorkerReply) => resolve(reply));
    worker.once('error', reject);
  });
}

/**
 * Scores the parts of the text in `threads` worker threads, each compiling the model itself,
 * and joins their outputs in order. Undefined when the model must see the table whole.
 */
export async function scoreInParallel(
  modelPath: string,
  text: string,
  threads: number,
): Promise<ScoredText | undefined> {
  const parts = splitCsvText(text, threads);
  const replies = await Promise.all(
    parts.map((csv, index) => scorePart(modelPath, csv, index === 0)),
  );
  const bodies: string[] = [];
  let failedRecords = 0;
  let firstError: string | undefined;
  for (const reply of replies) {
    if (!('scored' in reply)) {
      if (reply.needsWholeTable) return undefined;
      throw new Error(reply.error);
    }
    bodies.push(reply.scored.body);
    failedRecords += reply.scored.failedRecords;
    firstError ??= reply.scored.firstError;
  }
  return { body: bodies.filter((body) => body !== '').join('\n'), failedRecords, firstError };
}
