import { ValidationError } from '../../../core/errors/domain-errors';
import { BYTE_ORDER_MARK, type BatchReader, recordParseError } from './batch-reader';
import type { RecordColumns } from './record-columns';

const QUOTE = 34;
const COMMA = 44;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

// Where the reader stands inside the current field.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted field: the field's end, or the first half of an escaped `""`. */
const QUOTE_IN_QUOTED = 3;

export const CSV_HEADER_ERROR = 'Failed to parse the CSV header row.';

/**
 * Reads RFC 4180 text incrementally: the first record is the header (input field names), each
 * further record one input record. Cells are kept verbatim (an empty cell is missing to the
 * engine); a record with fewer cells than the header lacks the rest. Records end at LF, CRLF or
 * CR; empty lines are skipped. A record with more cells than the header, a character after a
 * closing quote, or a quote left open at the end is an error naming the record.
 */
export class CsvRecordReader implements BatchReader {
  private header: string[] | undefined;
  private cells: string[] = [];
  /** Text of the current field that came in earlier pieces. */
  private field = '';
  private state = FIELD_START;
  /** Whether the current record has any character yet (an empty line has none). */
  private recordStarted = false;
  private atStart = true;
  private records = 0;

  read(text: string, into: RecordColumns): void {
    let index = 0;
    if (this.atStart && text.length > 0) {
      this.atStart = false;
      if (text.charCodeAt(0) === BYTE_ORDER_MARK) index = 1;
    }
    // Start of the current field's text in this piece (unquoted or quoted state).
    let start = index;
    for (; index < text.length; index++) {
      const code = text.charCodeAt(index);
      switch (this.state) {
        case FIELD_START:
          if (code === COMMA) {
            this.cells.push('');
            this.recordStarted = true;
          } else if (code === LINE_FEED || code === CARRIAGE_RETURN) {
            // After a comma the line's last field is empty; with nothing before, the line is.
            if (this.recordStarted) {
              this.cells.push('');
              this.endRecord(into);
            }
          } else {
            this.recordStarted = true;
            this.state = code === QUOTE ? QUOTED : UNQUOTED;
            start = code === QUOTE ? index + 1 : index;
          }
          break;
        case UNQUOTED:
          if (code === COMMA || code === LINE_FEED || code === CARRIAGE_RETURN) {
            this.cells.push(this.field + text.slice(start, index));
            this.field = '';
            this.state = FIELD_START;
            if (code !== COMMA) this.endRecord(into);
          }
          break;
        case QUOTED:
          if (code === QUOTE) {
            this.field += text.slice(start, index);
            this.state = QUOTE_IN_QUOTED;
          }
          break;
        case QUOTE_IN_QUOTED:
          if (code === QUOTE) {
            this.field += '"';
            this.state = QUOTED;
            start = index + 1;
          } else if (code === COMMA || code === LINE_FEED || code === CARRIAGE_RETURN) {
            this.cells.push(this.field);
            this.field = '';
            this.state = FIELD_START;
            if (code !== COMMA) this.endRecord(into);
          } else {
            throw this.failure();
          }
          break;
      }
    }
    if (this.state === UNQUOTED || this.state === QUOTED) this.field += text.slice(start);
  }

  end(into: RecordColumns): void {
    switch (this.state) {
      case QUOTED:
        throw this.failure();
      case UNQUOTED:
      case QUOTE_IN_QUOTED:
        this.cells.push(this.field);
        this.endRecord(into);
        break;
      case FIELD_START:
        if (this.recordStarted) {
          this.cells.push('');
          this.endRecord(into);
        }
        break;
    }
  }

  private endRecord(into: RecordColumns): void {
    const cells = this.cells;
    this.cells = [];
    this.field = '';
    this.state = FIELD_START;
    this.recordStarted = false;
    if (!this.header) {
      this.header = cells;
      return;
    }
    if (cells.length > this.header.length) throw this.failure();
    this.records++;
    into.addCells(this.header, cells);
  }

  private failure(): ValidationError {
    return this.header ? recordParseError(this.records + 1) : new ValidationError(CSV_HEADER_ERROR);
  }
}
