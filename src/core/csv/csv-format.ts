import Papa from 'papaparse';

/** A CSV table as read: the header and the records, all cells as text. */
export interface CsvTable {
  readonly header: string[];
  readonly rows: string[][];
}

/** The records of RFC 4180 text, cells verbatim (not trimmed); a final line break ends the last record. */
export function parseCsvRecords(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: ',' });
  const records = parsed.data;
  const fatal = parsed.errors.find((error) => error.type === 'Quotes');
  if (fatal) throw new Error(`CSV row ${fatal.row ?? '?'}: ${fatal.message}`);
  if (records.length > 0 && /\r?\n$/.test(text)) {
    const last = records[records.length - 1];
    if (last.length === 1 && last[0] === '') records.pop();
  }
  return records;
}

/** Reads a CSV file's text: the header and the records (a byte order mark is dropped). */
export function parseCsv(text: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const [header = [], ...rows] = parseCsvRecords(body);
  return { header, rows };
}

const NEEDS_QUOTES = /[",\r\n]/;

/** A cell as RFC 4180 text: numbers in shortest round-trip form, missing as empty. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = value;
  if (text === '' || NEEDS_QUOTES.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}
