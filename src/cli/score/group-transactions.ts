import type { CompiledPmml } from '@scorecast/pmml';
import type { CsvTable } from '../../core/csv/csv-format';

/** Records to score: the header and, per record, one raw input per header column. */
export interface InputRecords {
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | readonly string[])[])[];
}

/**
 * Turns the rows of a transactional CSV into one record per transaction, for models with a
 * `group` input field (association rules): rows that share a group value form one transaction,
 * in order of the value's first appearance. In its record, each active column holds the
 * transaction's items (the non-empty cells of that column, in row order) as an array, which
 * the engine reads as a basket; every other column keeps its first row's cell. Tables for
 * models without a group field are returned as they are.
 */
export function groupTransactions(model: CompiledPmml, table: CsvTable): InputRecords {
  const groupField = model.inputFields.find((field) => field.usageType === 'group');
  if (!groupField) return table;
  const { header } = table;
  const groupColumn = header.indexOf(groupField.name);
  const activeNames = new Set(
    model.inputFields.filter((field) => field.usageType === 'active').map((field) => field.name),
  );
  const itemColumns = header
    .map((name, column) => (activeNames.has(name) ? column : -1))
    .filter((column) => column >= 0);

  const transactions = new Map<string, { row: string[]; items: string[][] }>();
  for (const row of table.rows) {
    const key = groupColumn < 0 ? '' : (row[groupColumn] ?? '');
    let transaction = transactions.get(key);
    if (!transaction) {
      transaction = { row, items: itemColumns.map(() => []) };
      transactions.set(key, transaction);
    }
    const { items } = transaction;
    itemColumns.forEach((column, index) => {
      const cell = row[column];
      if (cell !== undefined && cell !== '') items[index].push(cell);
    });
  }

  const rows = [...transactions.values()].map(({ row, items }) => {
    const record: (string | string[])[] = [...row];
    itemColumns.forEach((column, index) => (record[column] = items[index]));
    return record;
  });
  return { header, rows };
}
