import { parentPort, workerData } from 'node:worker_threads';
import { NeedsWholeTableError, scoreCsvText } from './score-file';

// One part of a large CSV, scored in a worker thread (see score-in-parallel.ts).
interface ScoreWorkerData {
  readonly modelPath: string;
  readonly csv: string;
  readonly header: boolean;
}

const task = workerData as ScoreWorkerData;
try {
  parentPort?.postMessage({
    scored: scoreCsvText(task.modelPath, task.csv, { header: task.header, partOfTable: true }),
  });
} catch (error) {
  parentPort?.postMessage({
    needsWholeTable: error instanceof NeedsWholeTableError,
    error: error instanceof Error ? error.message : String(error),
  });
}
