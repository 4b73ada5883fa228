import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { compilePmml } from '@scorecast/pmml';
import { parseCsv } from './score/csv-format';
import { scoreCsvTable } from './score/score-csv';

/**
 * `scorecast score <model.pmml> <input.csv> <output.csv>`: the scorer contract of the PMML
 * conformance corpus and benchmark. Records that cannot be scored are reported on stderr and
 * written with empty cells; the exit status is 0 unless the model or the files are unusable.
 */
export function scoreCommand(): Command {
  return new Command('score')
    .description('score a CSV file with a PMML model into a CSV file')
    .argument('<model>', 'PMML document')
    .argument('<input>', 'CSV with a header row of input field names; an empty cell is missing')
    .argument('<output>', 'CSV to write: every target and output field as a column')
    .action((modelPath: string, inputPath: string, outputPath: string) => {
      const model = compilePmml(readFileSync(modelPath, 'utf8'));
      const scored = scoreCsvTable(model, parseCsv(readFileSync(inputPath, 'utf8')));
      writeFileSync(outputPath, scored.lines.join('\n') + '\n');
      if (scored.failedRecords > 0) {
        process.stderr.write(
          `${scored.failedRecords} record(s) could not be scored; the first: ${scored.firstError}\n`,
        );
      }
    });
}
