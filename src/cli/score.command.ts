import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { compilePmml } from '@scorecast/pmml';
import { OutputFile } from './score/output-file';
import { type ScoreSummary, scoreCsvFile } from './score/score-file';
import {
  canScoreInParallel,
  PARALLEL_MIN_MILLISECONDS,
  PARALLEL_MIN_ROWS,
  scoreInParallel,
} from './score/score-in-parallel';

const MAX_DEFAULT_THREADS = 4;

function parseCount(text: string): number {
  const threads = Number(text);
  if (!Number.isInteger(threads) || threads < 1)
    throw new InvalidArgumentError('give a whole number, 1 or more.');
  return threads;
}

function parseMilliseconds(text: string): number {
  const milliseconds = Number(text);
  if (!Number.isInteger(milliseconds) || milliseconds < 0)
    throw new InvalidArgumentError('give a whole number of milliseconds, 0 or more.');
  return milliseconds;
}

/**
 * `scorecast score <model.pmml> <input.csv> <output.csv>`: the scorer contract of the PMML
 * conformance corpus and benchmark. Records that cannot be scored are reported on stderr and
 * written with empty cells; the exit status is 0 unless the model or the files are unusable.
 * Large unquoted inputs are shared with helper threads.
 */
export function scoreCommand(): Command {
  return new Command('score')
    .description('score a CSV file with a PMML model into a CSV file')
    .argument('<model>', 'PMML document')
    .argument('<input>', 'CSV with a header row of input field names; an empty cell is missing')
    .argument('<output>', 'CSV to write: every target and output field as a column')
    .option(
      '--threads <n>',
      'threads for large inputs, this one included (default: the CPU count, at most 4)',
      parseCount,
      Math.min(availableParallelism(), MAX_DEFAULT_THREADS),
    )
    .option(
      '--parallel-min-rows <n>',
      'inputs with fewer rows are scored on one thread',
      parseCount,
      PARALLEL_MIN_ROWS,
    )
    .option(
      '--parallel-min-ms <n>',
      'helper threads start only when the rows left would take this thread longer (measured on the first rows)',
      parseMilliseconds,
      PARALLEL_MIN_MILLISECONDS,
    )
    .action(
      async (
        modelPath: string,
        inputPath: string,
        outputPath: string,
        options: { threads: number; parallelMinRows: number; parallelMinMs: number },
      ) => {
        const csv = readFileSync(inputPath);
        const output = new OutputFile(outputPath);
        const write = (bytes: Uint8Array): void => output.write(bytes);
        let scored: ScoreSummary;
        try {
          scored = canScoreInParallel(csv, options.threads, options.parallelMinRows)
            ? await scoreInParallel(modelPath, csv, options.threads, write, options.parallelMinMs)
            : scoreCsvFile(compilePmml(readFileSync(modelPath, 'utf8')), csv, write);
        } finally {
          await output.close();
        }
        if (scored.failedRecords > 0) {
          process.stderr.write(
            `${scored.failedRecords} record(s) could not be scored; the first: ${scored.firstError}\n`,
          );
        }
      },
    );
}
