import { readFileSync } from 'node:fs';
import { compilePmml, type CompiledPmml } from '@scorecast/pmml';
import { csvLine, parseCsv } from './csv-format';
import { appendScoredColumns, ScoredLines, scoreCsvTable } from './score-csv';
import { readUnquotedColumns } from './unquoted-csv-reader';

/** The output of scoring a CSV text: CSV lines without the final line break, and failures. */
export interface ScoredText {
  /** Output lines; the header is included only when asked for. */
  readonly body: string;
  readonly failedRecords: number;
  readonly firstError: string | undefined;
}

/** Thrown when a table must be scored whole (transactions grouped across rows). */
export class NeedsWholeTableError extends Error {}

// Rows per slice of an unquoted text: large enough to amortise the per-call work, small
// enough that a slice's strings and arrays die young instead of filling the old generation.
const SLICE_ROWS = 4096;

function hasGroupField(model: CompiledPmml): boolean {
  return model.inputFields.some((field) => field.usageType === 'group');
}

const NUMERIC_TYPES: ReadonlySet<string> = new Set(['double', 'float', 'integer']);

/** Scores an unquoted CSV (every line a record) slice by slice, numbers read as numbers. */
function scoreUnquotedText(model: CompiledPmml, csv: string): ScoredLines {
  const scored = new ScoredLines();
  scored.lines.push(csvLine(model.resultFields));
  const headerEnd = csv.indexOf('\n');
  const header = parseCsv(headerEnd < 0 ? csv : csv.slice(0, headerEnd)).header;
  const numericInputs = new Set(
    model.inputFields
      .filter((field) => NUMERIC_TYPES.has(field.dataType))
      .map((field) => field.name),
  );
  const numeric = header.map((name) => numericInputs.has(name));
  let start = headerEnd < 0 ? csv.length : headerEnd + 1;
  while (start < csv.length) {
    let end = start;
    for (let row = 0; row < SLICE_ROWS && end >= 0 && end < csv.length; row++) {
      end = csv.indexOf('\n', end);
      if (end >= 0) end++;
    }
    if (end < 0) end = csv.length;
    const { columns, rows } = readUnquotedColumns(csv, start, end, numeric);
    appendScoredColumns(
      model,
      Object.fromEntries(header.map((name, column) => [name, columns[column]])),
      rows,
      scored,
    );
    start = end;
  }
  return scored;
}

/**
 * Compiles the model and scores one CSV text (header + rows). With `partOfTable`, refuses
 * models whose records span rows (a group field), since a part cannot see whole transactions.
 */
export function scoreCsvText(
  modelPath: string,
  csv: string,
  options: { header: boolean; partOfTable: boolean },
): ScoredText {
  const model = compilePmml(readFileSync(modelPath, 'utf8'));
  const grouped = hasGroupField(model);
  if (options.partOfTable && grouped) {
    throw new NeedsWholeTableError('the model groups rows into transactions');
  }
  const scored =
    grouped || csv.includes('"')
      ? scoreCsvTable(model, parseCsv(csv))
      : scoreUnquotedText(model, csv);
  const lines = options.header ? scored.lines : scored.lines.slice(1);
  return {
    body: lines.join('\n'),
    failedRecords: scored.failedRecords,
    firstError: scored.firstError,
  };
}
