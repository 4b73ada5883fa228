import { statSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import type { AppConfig } from '../core/config/app-config';
import type { ImportCounts, ImportSummary } from './import/measurement-import';

const DEFAULT_BATCH_VALUES = 5_000;
const MAX_BATCH_VALUES = 100_000;

const FORMATS_HELP = `
Formats (chosen by the extension .csv, .jsonl or .ndjson, or by --format):
  jsonl  one Cumulocity measurement document per line, as POST /measurement/measurements takes:
         {"source":{"id":"42"},"time":"2026-11-23T10:15:30.123Z","type":"c8y_Temperature",
          "c8y_Temperature":{"T":{"value":21.5,"unit":"C"}}}
  csv    a header, then one value per row; columns in any order, type and unit optional:
         source,time,type,fragment,series,value,unit
         42,2026-11-23T10:15:30.123Z,c8y_Temperature,c8y_Temperature,T,21.5,C
         Cells may be quoted ("a,b", "say ""hi"""), but a record stays on one line.
Times are ISO-8601 with a zone. The devices must exist. A value for an instant that already
has one replaces it, so importing a file again is harmless.
`;

interface ImportMeasurementsOptions {
  format?: string;
  skipInvalid?: boolean;
  batchSize: number;
}

function parseBatchSize(text: string): number {
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH_VALUES) {
    throw new InvalidArgumentError(`give a whole number from 1 to ${MAX_BATCH_VALUES}.`);
  }
  return size;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`cannot read ${path} (${code})`, { cause: error });
  }
}

function summaryText(summary: ImportSummary, elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  const rate = Math.round(summary.values / Math.max(seconds, 0.001));
  return `imported ${summary.values} values (${summary.measurements} measurements) in ${seconds.toFixed(2)} s (${rate} values/s)`;
}

function skippedText(summary: ImportSummary): string {
  const lines = [`skipped ${summary.skippedLines} line(s):`];
  for (const { line, reason } of summary.firstSkipped) lines.push(`  line ${line}: ${reason}`);
  const more = summary.skippedLines - summary.firstSkipped.length;
  if (more > 0) lines.push(`  and ${more} more`);
  return lines.join('\n');
}

function importedBefore(imported: ImportCounts): string {
  return imported.values === 0
    ? 'nothing was imported'
    : `the ${imported.values} values of the lines before it were imported; importing the corrected file again replaces them`;
}

/** `scorecast import measurements <file>`: bulk import into the embedded device store. */
export function importCommand(config: () => Promise<AppConfig>): Command {
  const command = new Command('import').description('import data into the embedded device store');

  command
    .command('measurements <file>')
    .description('import measurements from a CSV or JSON lines file, streamed, in batches')
    .option('--format <format>', 'csv or jsonl (default: from the file extension)')
    .option('--skip-invalid', 'skip and count bad lines instead of stopping at the first')
    .option(
      '--batch-size <values>',
      'values written per transaction',
      parseBatchSize,
      DEFAULT_BATCH_VALUES,
    )
    .addHelpText('after', FORMATS_HELP)
    .action(async (file: string, options: ImportMeasurementsOptions) => {
      // Loaded on use: the other commands, `score` above all, must start fast.
      const [
        { fileLines },
        { importFormat, lineParser },
        { ImportLineError, importMeasurements },
        { withMeasurementStore },
        { SingleBar },
      ] = await Promise.all([
        import('./import/file-lines'),
        import('./import/measurement-lines'),
        import('./import/measurement-import'),
        import('./import/import-context'),
        import('cli-progress'),
      ]);
      const format = importFormat(file, options.format);
      const totalBytes = fileSize(file);
      // cli-progress draws only on a terminal and redraws at most ten times a second.
      const progress = new SingleBar({
        stream: process.stderr,
        format: 'importing [{bar}] {percentage}% | {values} values | {rate} values/s',
        fps: 10,
        clearOnComplete: true,
        hideCursor: true,
      });
      let started = 0;
      let shown = false;
      const stop = (): void => {
        if (shown) progress.stop();
      };
      try {
        const summary = await withMeasurementStore(await config(), (store) => {
          started = performance.now();
          return importMeasurements(fileLines(file), lineParser(format), store, {
            batchValues: options.batchSize,
            skipInvalid: options.skipInvalid === true,
            onProgress: (state) => {
              const payload = {
                values: state.values,
                rate: Math.round(
                  state.values / Math.max((performance.now() - started) / 1000, 0.001),
                ),
              };
              if (!shown) progress.start(totalBytes, 0, payload);
              shown = true;
              progress.update(state.bytesRead, payload);
            },
          });
        });
        stop();
        if (summary.skippedLines > 0) process.stderr.write(`${skippedText(summary)}\n`);
        process.stdout.write(`${summaryText(summary, performance.now() - started)}\n`);
      } catch (error) {
        stop();
        if (error instanceof ImportLineError) {
          throw new Error(`${error.message} (${importedBefore(error.imported)})`, {
            cause: error,
          });
        }
        throw error;
      }
    });

  return command;
}
