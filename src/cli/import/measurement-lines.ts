import { ValidationError } from '../../core/errors/domain-errors';
import {
  type PostedMeasurement,
  postedMeasurements,
} from '../../modules/devices/measurement-documents';

export const IMPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Reads one line of a file into its measurements: none for a blank line or a header. */
export type LineParser = (line: string) => PostedMeasurement[];

const EXTENSIONS: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** The format of a file: the one given, else the one its extension names. */
export function importFormat(path: string, given?: string): ImportFormat {
  if (given !== undefined) {
    if ((IMPORT_FORMATS as readonly string[]).includes(given)) return given as ImportFormat;
    throw new ValidationError(`--format must be ${IMPORT_FORMATS.join(' or ')}, not '${given}'.`);
  }
  const extension = /\.[^./\\]+$/.exec(path)?.[0].toLowerCase() ?? '';
  const format = EXTENSIONS[extension];
  if (format === undefined) {
    throw new ValidationError(
      `cannot tell the format of ${path} from its extension (.csv, .jsonl or .ndjson); give --format csv or --format jsonl.`,
    );
  }
  return format;
}

export function lineParser(format: ImportFormat): LineParser {
  return format === 'csv' ? csvLineParser() : jsonLineParser();
}

// postedMeasurements numbers the measurements of a body; a line of one needs no number.
function oneMeasurement(document: unknown): PostedMeasurement[] {
  try {
    return postedMeasurements(document);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new ValidationError(error.message.replace(/^Measurement 1: /, ''));
    }
    throw error;
  }
}

/**
 * Lines of JSON, each a measurement document as POST /measurement/measurements takes it: one
 * measurement, or `{"measurements": [...]}`.
 */
export function jsonLineParser(): LineParser {
  return (line) => {
    if (line.trim() === '') return [];
    let document: unknown;
    try {
      document = JSON.parse(line);
    } catch (error) {
      throw new ValidationError(
        `not a JSON document (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    const collection =
      typeof document === 'object' && document !== null && 'measurements' in document;
    return collection ? postedMeasurements(document) : oneMeasurement(document);
  };
}

const REQUIRED_COLUMNS = ['source', 'time', 'fragment', 'series', 'value'] as const;
const OPTIONAL_COLUMNS = ['type', 'unit'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
// Names measurement-documents reads as the measurement's own fields, never as fragments.
const RESERVED_FRAGMENTS = new Set(['id', 'self', 'source', 'time', 'type']);
const DECIMAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * The cells of one CSV line: separated by commas, each verbatim or in double quotes (`""` for
 * a quote inside). A record is one line: a quoted cell cannot hold a line break.
 */
export function csvCells(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let index = 0;
  for (;;) {
    if (line[index] === '"') {
      let cell = '';
      let from = index + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote === -1) throw new ValidationError('a quoted cell is not closed on its line.');
        cell += line.slice(from, quote);
        if (line[quote + 1] !== '"') {
          index = quote + 1;
          break;
        }
        cell += '"';
        from = quote + 2;
      }
      cells.push(cell);
      if (index === line.length) return cells;
      if (line[index] !== ',') throw new ValidationError('a quoted cell must end at a comma.');
      index++;
    } else {
      const comma = line.indexOf(',', index);
      if (comma === -1) {
        cells.push(line.slice(index));
        return cells;
      }
      cells.push(line.slice(index, comma));
      index = comma + 1;
    }
  }
}

function csvHeader(line: string): Map<Column, number> {
  const names = csvCells(line).map((name) => name.trim());
  const unknown = names.filter((name) => !COLUMNS.includes(name));
  if (unknown.length > 0) {
    throw new ValidationError(
      `the header has unknown columns (${unknown.join(', ')}); the columns are ${COLUMNS.join(', ')}.`,
    );
  }
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) throw new ValidationError(`the header names ${twice} twice.`);
  const missing = REQUIRED_COLUMNS.filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new ValidationError(
      `the header lacks ${missing.join(', ')}; it needs ${REQUIRED_COLUMNS.join(', ')} (type and unit may follow).`,
    );
  }
  return new Map(names.map((name, index) => [name as Column, index]));
}

/**
 * CSV with a header naming its columns in any order: source, time, fragment, series and value,
 * and optionally type and unit. One value a row; rows of one device, instant and type make one
 * measurement, as in the Cumulocity document they stand for.
 */
export function csvLineParser(): LineParser {
  let header: Map<Column, number> | undefined;
  return (line) => {
    if (line.trim() === '') return [];
    if (header === undefined) {
      header = csvHeader(line);
      return [];
    }
    const cells = csvCells(line);
    if (cells.length !== header.size) {
      throw new ValidationError(`has ${cells.length} cells; the header has ${header.size}.`);
    }
    const columns = header;
    const cell = (name: Column): string => {
      const index = columns.get(name);
      return index === undefined ? '' : cells[index];
    };
    const fragment = cell('fragment');
    const series = cell('series');
    if (fragment === '' || RESERVED_FRAGMENTS.has(fragment)) {
      throw new ValidationError(
        `fragment must be a name other than ${[...RESERVED_FRAGMENTS].join(', ')}.`,
      );
    }
    if (series === '') throw new ValidationError('series must not be empty.');
    const source = cell('source');
    if (!/^\d+$/.test(source)) {
      throw new ValidationError(`source must be the id of a managed object, not '${source}'.`);
    }
    const value = cell('value');
    const type = cell('type');
    return oneMeasurement({
      source: { id: source },
      time: cell('time'),
      ...(type === '' ? {} : { type }),
      [fragment]: {
        [series]: { value: DECIMAL.test(value) ? Number(value) : NaN, unit: cell('unit') },
      },
    });
  };
}
