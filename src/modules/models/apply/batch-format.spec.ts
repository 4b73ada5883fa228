import { ValidationError } from '../../../core/errors/domain-errors';
import { batchFormatOf } from './batch-format';
import { CsvRecordReader } from './csv-record-reader';
import { JsonArrayReader } from './json-array-reader';
import { JsonLinesReader } from './json-lines-reader';

describe('batchFormatOf', () => {
  it('reads CSV, JSON arrays and JSON lines, ignoring parameters and case', () => {
    const csv = batchFormatOf('Text/CSV; charset=utf-8');
    expect([csv.name, csv.responseType]).toEqual(['csv', 'text/csv; charset=utf-8']);
    expect(csv.newReader()).toBeInstanceOf(CsvRecordReader);
    const json = batchFormatOf('application/json');
    expect([json.name, json.responseType]).toEqual(['json', 'application/json; charset=utf-8']);
    expect(json.newReader()).toBeInstanceOf(JsonArrayReader);
  });

  it.each([
    'application/x-ndjson',
    'application/jsonl',
    'application/json-lines',
    'application/x-jsonlines',
  ])('reads %s as JSON lines and answers in the same type', (type) => {
    const format = batchFormatOf(type);
    expect([format.name, format.responseType]).toEqual(['json-lines', `${type}; charset=utf-8`]);
    expect(format.newReader()).toBeInstanceOf(JsonLinesReader);
  });

  it('refuses other types with a 400 naming the accepted ones', () => {
    expect(() => batchFormatOf('text/plain')).toThrow(ValidationError);
    expect(() => batchFormatOf(undefined)).toThrow(
      /^Send the records as text\/csv .*application\/json .*application\/x-ndjson, application\/jsonl, application\/json-lines, application\/x-jsonlines\); the Content-Type was missing\.$/,
    );
  });
});
