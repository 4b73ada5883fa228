import { type CompiledPmml } from '@scorecast/pmml';
import { csvCell, csvLine, type CsvTable } from './csv-format';
import { groupTransactions, type InputRecords } from './group-transactions';

export interface ScoredTable {
  readonly lines: string[];
  readonly failedRecords: number;
  readonly firstError: string | undefined;
}

/** Accumulates output lines and failures while a table is scored slice by slice. */
export class ScoredLines implements ScoredTable {
  readonly lines: string[] = [];
  failedRecords = 0;
  firstError: string | undefined;
}

/**
 * Scores records given as input columns (field name → one raw value per record) and appends
 * one output line per record to `into`: every target and output field, empty cells for a
 * record that cannot be scored.
 */
export function appendScoredColumns(
  model: CompiledPmml,
  inputs: Readonly<Record<string, ArrayLike<unknown>>>,
  count: number,
  into: ScoredLines,
): void {
  const { columns, errors } = model.scoreColumns(inputs, count);
  const outputs = model.resultFields.map((field) => columns[field]);
  for (let row = 0; row < count; row++) {
    const error = errors[row];
    if (error) {
      into.failedRecords++;
      into.firstError ??= error.message;
    }
    if (outputs.length === 1) {
      into.lines.push(csvLine([outputs[0][row]]));
      continue;
    }
    let line = csvCell(outputs[0]?.[row]);
    for (let column = 1; column < outputs.length; column++)
      line += ',' + csvCell(outputs[column][row]);
    into.lines.push(line);
  }
}

/** Scores records given as rows (header = input field names, empty cell = missing). */
export function appendScoredRecords(
  model: CompiledPmml,
  records: InputRecords,
  into: ScoredLines,
): void {
  const { header, rows } = records;
  const count = rows.length;
  const inputs: Record<string, unknown[]> = {};
  header.forEach((name, column) => {
    const values = new Array<unknown>(count);
    for (let row = 0; row < count; row++) values[row] = rows[row][column];
    inputs[name] = values;
  });
  appendScoredColumns(model, inputs, count, into);
}

/**
 * Scores every row of a CSV table and returns the output CSV lines: a header with every target
 * and output field, then one line per row (per transaction for models with a group field).
 */
export function scoreCsvTable(model: CompiledPmml, table: CsvTable): ScoredTable {
  const scored = new ScoredLines();
  scored.lines.push(csvLine(model.resultFields));
  appendScoredRecords(model, groupTransactions(model, table), scored);
  return scored;
}
