import { BYTE_ORDER_MARK, type BatchReader, recordParseError } from './batch-reader';
import type { RecordColumns } from './record-columns';

const BLANK = /^[ \t\r]*$/;

/**
 * Reads JSON lines incrementally: every line holds one JSON object. Blank lines (also a final
 * line break) are skipped and not counted as records; a line that is not a JSON object is an
 * error naming the record.
 */
export class JsonLinesReader implements BatchReader {
  /** Text of the current line that came in earlier pieces. */
  private line = '';
  private atStart = true;
  private records = 0;

  read(text: string, into: RecordColumns): void {
    let start = 0;
    if (this.atStart && text.length > 0) {
      this.atStart = false;
      if (text.charCodeAt(0) === BYTE_ORDER_MARK) start = 1;
    }
    let end = text.indexOf('\n', start);
    while (end >= 0) {
      this.addLine(this.line + text.slice(start, end), into);
      this.line = '';
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    this.line += text.slice(start);
  }

  end(into: RecordColumns): void {
    this.addLine(this.line, into);
    this.line = '';
  }

  private addLine(line: string, into: RecordColumns): void {
    if (BLANK.test(line)) return;
    this.records++;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw recordParseError(this.records);
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw recordParseError(this.records);
    }
    into.addObject(record as Record<string, unknown>);
  }
}
