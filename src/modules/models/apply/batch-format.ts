import { ValidationError } from '../../../core/errors/domain-errors';
import type { BatchReader } from './batch-reader';
import { CsvRecordReader } from './csv-record-reader';
import { JsonArrayReader } from './json-array-reader';
import { JsonLinesReader } from './json-lines-reader';

export type BatchFormatName = 'csv' | 'json' | 'json-lines';

/** How a batch body is written: read in this format and answered in it. */
export interface BatchFormat {
  readonly name: BatchFormatName;
  /** The Content-Type of the answer. */
  readonly responseType: string;
  newReader(): BatchReader;
}

export const CSV_TYPE = 'text/csv';
export const JSON_TYPE = 'application/json';
export const JSON_LINES_TYPES = [
  'application/x-ndjson',
  'application/jsonl',
  'application/json-lines',
  'application/x-jsonlines',
] as const;

export const UNSUPPORTED_TYPE_MESSAGE = `Send the records as ${CSV_TYPE} (a header row of input field names), ${JSON_TYPE} (an array of objects) or JSON lines (${JSON_LINES_TYPES.join(', ')})`;

/** The format of a batch body from its Content-Type; a 400 for any other type. */
export function batchFormatOf(contentType: string | undefined): BatchFormat {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType === CSV_TYPE) {
    return {
      name: 'csv',
      responseType: `${CSV_TYPE}; charset=utf-8`,
      newReader: () => new CsvRecordReader(),
    };
  }
  if (mediaType === JSON_TYPE) {
    return {
      name: 'json',
      responseType: `${JSON_TYPE}; charset=utf-8`,
      newReader: () => new JsonArrayReader(),
    };
  }
  if ((JSON_LINES_TYPES as readonly string[]).includes(mediaType)) {
    // Answered in the spelling the client used, which is the one it knows.
    return {
      name: 'json-lines',
      responseType: `${mediaType}; charset=utf-8`,
      newReader: () => new JsonLinesReader(),
    };
  }
  throw new ValidationError(
    `${UNSUPPORTED_TYPE_MESSAGE}; the Content-Type was ${mediaType || 'missing'}.`,
  );
}
