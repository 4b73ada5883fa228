import { type CompiledPmml } from '@scorecast/pmml';
import { csvCell, csvLine, type CsvTable } from './csv-format';
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
 * empty cells; the others are still scored. Rows are scored column-wise, so no object is
 * built per row.
 */
export function scoreCsvTable(model: CompiledPmml, table: CsvTable): ScoredTable {
  const { header, rows } = groupTransactions(model, table);
  const count = rows.length;
  const inputs: Record<string, unknown[]> = {};
  header.forEach((name, column) => {
    const values = new Array<unknown>(count);
    for (let row = 0; row < count; row++) values[row] = rows[row][column];
    inputs[name] = values;
  });
  const { columns, errors } = model.scoreColumns(inputs, count);
  const fields = model.resultFields;
  const outputs = fields.map((field) => columns[field]);
  const lines: string[] = new Array<string>(count + 1);
  lines[0] = csvLine(fields);
  let failedRecords = 0;
  let firstError: string | undefined;
  for (let row = 0; row < count; row++) {
    const error = errors[row];
    if (error) {
      failedRecords++;
      firstError ??= error.message;
    }
    if (outputs.length === 1) {
      lines[row + 1] = csvLine([outputs[0][row]]);
      continue;
    }
    let line = csvCell(outputs[0]?.[row]);
    for (let column = 1; column < outputs.length; column++)
      line += ',' + csvCell(outputs[column][row]);
    lines[row + 1] = line;
  }
  return { lines, failedRecords, firstError };
}
