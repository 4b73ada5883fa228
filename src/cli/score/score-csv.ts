import { type CompiledPmml } from '@scorecast/pmml';
import { csvLine, type CsvTable } from './csv-format';
import { groupTransactions } from './group-transactions';

export interface ScoredTable {
  readonly lines: string[];
  readonly failedRecords: number;
  readonly firstError: string | undefined;
}

/**
 * Scores every row of a CSV table (header = input field names, empty cell = missing) and
 * returns the output CSV lines: a header with every target and output field, then one line
 * per row (per transaction for models with a group field). A row that cannot be scored gets
 * empty cells; the others are still scored.
 */
export function scoreCsvTable(model: CompiledPmml, table: CsvTable): ScoredTable {
  const fields = model.resultFields;
  const lines: string[] = [csvLine(fields)];
  const record: Record<string, unknown> = {};
  const { header, rows } = groupTransactions(model, table);
  let failedRecords = 0;
  let firstError: string | undefined;
  for (const row of rows) {
    for (let column = 0; column < header.length; column++) record[header[column]] = row[column];
    try {
      const result = model.score(record);
      lines.push(csvLine(fields.map((field) => result[field])));
    } catch (error) {
      failedRecords++;
      firstError ??= error instanceof Error ? error.message : String(error);
      lines.push(csvLine(fields.map(() => null)));
    }
  }
  return { lines, failedRecords, firstError };
}
