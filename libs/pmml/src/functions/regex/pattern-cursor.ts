import { invalidRegex, unsupportedRegex, type RegexError } from './regex-error';

/** A reading position in a pattern, with the errors that name the pattern. */
export class PatternCursor {
  position = 0;

  constructor(readonly pattern: string) {}

  peek(offset = 0): string {
    return this.pattern.charAt(this.position + offset);
  }

  atEnd(offset = 0): boolean {
    return this.position + offset >= this.pattern.length;
  }

  /** The current character, stepping past it. */
  next(): string {
    return this.pattern.charAt(this.position++);
  }

  /** The unread rest of the pattern. */
  rest(): string {
    return this.pattern.slice(this.position);
  }

  /** The code point starting with `first` (already read): a surrogate pair stays one. */
  codePoint(first: string): number {
    const code = first.charCodeAt(0);
    if (code >= 0xd800 && code < 0xdc00 && !this.atEnd()) {
      const low = this.pattern.charCodeAt(this.position);
      if (low >= 0xdc00 && low < 0xe000) {
        this.position++;
        return (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      }
    }
    return code;
  }

  invalid(reason: string): RegexError {
    return invalidRegex(this.pattern, reason);
  }

  unsupported(reason: string): RegexError {
    return unsupportedRegex(this.pattern, reason);
  }
}
