import { BYTE_ORDER_MARK, type BatchReader, recordParseError } from './batch-reader';
import type { RecordColumns } from './record-columns';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

const BEFORE_ARRAY = 0;
/** Just after `[`: an element or `]`. */
const FIRST_ELEMENT = 1;
/** After a comma: an element. */
const NEXT_ELEMENT = 2;
const IN_ELEMENT = 3;
/** After an element: `,` or `]`. */
const AFTER_ELEMENT = 4;
const AFTER_ARRAY = 5;

function isWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/**
 * Reads a JSON array of objects incrementally. It only finds where each element ends (braces
 * and brackets outside strings, with string and escape state carried across pieces) and
 * leaves the element itself to JSON.parse, so no element is held longer than it takes to
 * arrive. An element that is not an object, or not valid JSON, is an error naming the record.
 */
export class JsonArrayReader implements BatchReader {
  private state = BEFORE_ARRAY;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Text of the current element that came in earlier pieces. */
  private element = '';
  private atStart = true;
  private records = 0;

  read(text: string, into: RecordColumns): void {
    let index = 0;
    if (this.atStart && text.length > 0) {
      this.atStart = false;
      if (text.charCodeAt(0) === BYTE_ORDER_MARK) index = 1;
    }
    let start = index;
    for (; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (this.state === IN_ELEMENT) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (code === BACKSLASH) this.escaped = true;
          else if (code === QUOTE) this.inString = false;
        } else if (code === QUOTE) {
          this.inString = true;
        } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
          this.depth++;
        } else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --this.depth === 0) {
          this.addElement(this.element + text.slice(start, index + 1), into);
          this.element = '';
          this.state = AFTER_ELEMENT;
        }
        continue;
      }
      if (isWhitespace(code)) continue;
      if (this.state === BEFORE_ARRAY && code === OPEN_BRACKET) {
        this.state = FIRST_ELEMENT;
      } else if (
        (this.state === FIRST_ELEMENT || this.state === NEXT_ELEMENT) &&
        code === OPEN_BRACE
      ) {
        this.state = IN_ELEMENT;
        this.depth = 1;
        start = index;
      } else if (this.state === AFTER_ELEMENT && code === COMMA) {
        this.state = NEXT_ELEMENT;
      } else if (
        (this.state === FIRST_ELEMENT || this.state === AFTER_ELEMENT) &&
        code === CLOSE_BRACKET
      ) {
        this.state = AFTER_ARRAY;
      } else {
        throw recordParseError(this.records + 1);
      }
    }
    if (this.state === IN_ELEMENT) this.element += text.slice(start);
  }

  end(): void {
    if (this.state !== AFTER_ARRAY) throw recordParseError(this.records + 1);
  }

  private addElement(text: string, into: RecordColumns): void {
    let record: Record<string, unknown>;
    try {
      // The element starts with `{`, so whatever parses is an object.
      record = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw recordParseError(this.records + 1);
    }
    this.records++;
    into.addObject(record);
  }
}
