import { type CompiledPmml } from '@scorecast/pmml';
import { CsvBytes, cellTexts, type ColumnCells, columnCells } from '../../core/csv/csv-bytes';
import { type CsvTable } from '../../core/csv/csv-format';
import { groupTransactions, type InputRecords } from './group-transactions';

/** Scored rows as CSV bytes (every line ended by a line feed), and the failures among them. */
export interface ScoredCsv {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly failedRecords: number;
  readonly firstError: string | undefined;
}

/** Accumulates output rows and failures while records are scored. */
export class ScoredRows {
  readonly out = new CsvBytes();
  failedRecords = 0;
  firstError: string | undefined;

  /** The header line: every target and output field of the model. */
  header(model: CompiledPmml): this {
    this.out.rows(
      model.resultFields.map((name) => cellTexts([name])),
      1,
    );
    return this;
  }

  result(): ScoredCsv {
    return {
      bytes: this.out.view,
      failedRecords: this.failedRecords,
      firstError: this.firstError,
    };
  }
}

/**
 * Scores records given as input columns (field name → one raw value per record) and appends
 * one output row per record to `into`: every target and output field, empty cells for a
 * record that cannot be scored.
 */
export function appendScoredColumns(
  model: CompiledPmml,
  inputs: Readonly<Record<string, ArrayLike<unknown>>>,
  count: number,
  into: ScoredRows,
): void {
  const { columns, errors } = model.scoreColumns(inputs, count);
  for (let row = 0; row < count; row++) {
    const error = errors[row];
    if (error) {
      into.failedRecords++;
      into.firstError ??= error.message;
    }
  }
  // Built with push, not map: with map, V8 discarded this function's optimised code at every
  // chunk (a wrong-map deoptimisation where rows() reads the array's length).
  const texts: ColumnCells[] = [];
  for (const field of model.resultFields) texts.push(columnCells(columns[field]));
  into.out.rows(texts, count);
}

/** Scores records given as rows (header = input field names, empty cell = missing). */
export function appendScoredRecords(
  model: CompiledPmml,
  records: InputRecords,
  into: ScoredRows,
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
 * Scores every row of a CSV table into output CSV: a header with every target and output
 * field, then one line per row (per transaction for models with a group field).
 */
export function scoreCsvTable(model: CompiledPmml, table: CsvTable): ScoredCsv {
  const scored = new ScoredRows().header(model);
  appendScoredRecords(model, groupTransactions(model, table), scored);
  return scored.result();
}
