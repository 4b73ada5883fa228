import { characterClass } from './java-character-class';
import { codePointEscape, literal, quotedCodePoints, setEscape } from './java-escapes';
import { PatternCursor } from './pattern-cursor';

/** A Java regular expression rewritten as a JavaScript one with the same matches. */
export interface TranslatedRegex {
  readonly source: string;
  readonly flags: string;
  /** Capturing groups, numbered as Java (and JavaScript) number them. */
  readonly groupCount: number;
  /** Named group → group number. */
  readonly groupNames: ReadonlyMap<string, number>;
}

interface Flags {
  caseInsensitive: boolean;
  multiline: boolean;
  dotAll: boolean;
  comments: boolean;
}

/**
 * A translated piece of pattern. `unbounded`: it holds a quantifier without upper bound;
 * `quantifiable`: JavaScript allows a quantifier after it (not after anchors, lookarounds).
 */
interface Piece {
  readonly text: string;
  readonly unbounded: boolean;
  readonly quantifiable: boolean;
}

// Java's $ (without MULTILINE) and \Z: the end, or before a final line terminator.
const END_OF_INPUT = '(?![\\s\\S])';
const BEFORE_FINAL_TERMINATOR = `(?=(?:\\r\\n|[\\n\\r\\x85\\u2028\\u2029])?${END_OF_INPUT})`;
// Java's `.` stops at every line terminator, \u0085 included.
const ANY_BUT_TERMINATOR = '[^\\n\\r\\x85\\u2028\\u2029]';
const LINE_BREAK = '(?:\\r\\n|[\\n\\v\\f\\r\\x85\\u2028\\u2029])';
const INLINE_FLAGS = /^\(\?([imsxu]+)\)/;
const GROUP_NAME = /^<([a-zA-Z][a-zA-Z0-9]*)>/;

/**
 * Translates java.util.regex syntax (what JPMML compiles) into a JavaScript RegExp source for
 * the `u` flag. Java's \s, \v, \h, `.` and `$` are spelt out so that they match what Java's
 * match; constructs JavaScript lacks (possessive quantifiers, atomic groups, class
 * intersections, scoped inline flags, \G) are refused.
 *
 * Untrusted documents supply these patterns, so a repeated group that itself contains an
 * unbounded quantifier, such as (a+)+ or (\w+\s?)*, is refused: such nesting is what makes a
 * backtracking matcher take exponential time.
 *
 * Known differences: Java's (?i) without (?u) folds ASCII letters only, and its \b (before
 * Java 19) also knows non-ASCII letters; JavaScript folds and bounds as Unicode resp. ASCII.
 */
export function translateJavaRegex(pattern: string, caseInsensitive = false): TranslatedRegex {
  return new Translator(pattern, caseInsensitive).translate();
}

const anchor = (text: string): Piece => ({ text, unbounded: false, quantifiable: false });
const atomPiece = (text: string): Piece => ({ text, unbounded: false, quantifiable: true });

class Translator {
  private readonly cursor: PatternCursor;
  private groupCount = 0;
  private readonly groupNames = new Map<string, number>();
  private readonly flags: Flags;

  constructor(pattern: string, caseInsensitive: boolean) {
    this.cursor = new PatternCursor(pattern);
    this.flags = { caseInsensitive, multiline: false, dotAll: false, comments: false };
  }

  translate(): TranslatedRegex {
    this.readLeadingFlags();
    const body = this.alternation();
    if (!this.cursor.atEnd()) throw this.cursor.invalid("unmatched closing ')'");
    const { caseInsensitive, multiline, dotAll } = this.flags;
    return {
      source: body.text,
      flags: `u${caseInsensitive ? 'i' : ''}${multiline ? 'm' : ''}${dotAll ? 's' : ''}`,
      groupCount: this.groupCount,
      groupNames: this.groupNames,
    };
  }

  // Inline flags are honoured at the start of the pattern, where they apply to all of it.
  private readLeadingFlags(): void {
    for (;;) {
      const match = INLINE_FLAGS.exec(this.cursor.rest());
      if (!match) return;
      for (const flag of match[1]) {
        if (flag === 'i') this.flags.caseInsensitive = true;
        else if (flag === 'm') this.flags.multiline = true;
        else if (flag === 's') this.flags.dotAll = true;
        else if (flag === 'x') this.flags.comments = true;
        // 'u' (Unicode case folding) is what JavaScript's i flag does in u mode anyway.
      }
      this.cursor.position += match[0].length;
    }
  }

  private alternation(): Piece {
    const branches: string[] = [];
    let unbounded = false;
    for (;;) {
      const sequence = this.sequence();
      branches.push(sequence.text);
      unbounded ||= sequence.unbounded;
      if (this.cursor.peek() !== '|') break;
      this.cursor.position++;
    }
    return { text: branches.join('|'), unbounded, quantifiable: true };
  }

  private sequence(): Piece {
    let text = '';
    let unbounded = false;
    while (!this.cursor.atEnd() && this.cursor.peek() !== '|' && this.cursor.peek() !== ')') {
      if (this.skipComment()) continue;
      const quantified = this.quantifier(this.atom());
      text += quantified.text;
      unbounded ||= quantified.unbounded;
    }
    return { text, unbounded, quantifiable: true };
  }

  // In COMMENTS mode, blanks and #-comments between tokens are not part of the pattern.
  private skipComment(): boolean {
    if (!this.flags.comments) return false;
    const char = this.cursor.peek();
    if (/\s/.test(char)) {
      this.cursor.position++;
      return true;
    }
    if (char !== '#') return false;
    while (!this.cursor.atEnd() && this.cursor.peek() !== '\n') this.cursor.position++;
    return true;
  }

  private atom(): Piece {
    const char = this.cursor.next();
    switch (char) {
      case '(':
        return this.group();
      case '[':
        return atomPiece(characterClass(this.cursor, this.flags.comments));
      case '\\':
        return this.escape();
      case '.':
        return atomPiece(this.flags.dotAll ? '.' : ANY_BUT_TERMINATOR);
      case '^':
        return anchor('^');
      case '$':
        return anchor(this.flags.multiline ? '$' : BEFORE_FINAL_TERMINATOR);
      case '*':
      case '+':
      case '?':
        throw this.cursor.invalid(`dangling meta character '${char}'`);
      case '{':
        throw this.cursor.invalid('illegal repetition');
      default:
        return atomPiece(literal(this.cursor.codePoint(char)));
    }
  }

  private group(): Piece {
    const open = this.groupOpening();
    const inner = this.alternation();
    if (this.cursor.peek() !== ')') throw this.cursor.invalid("unclosed group '('");
    this.cursor.position++;
    const lookaround = /^\(\?<?[=!]/.test(open);
    return { text: `${open}${inner.text})`, unbounded: inner.unbounded, quantifiable: !lookaround };
  }

  // The text after "(": a capturing, named, non-capturing or lookaround group's opening.
  private groupOpening(): string {
    if (this.cursor.peek() !== '?') {
      this.groupCount++;
      return '(';
    }
    const rest = this.cursor.rest().slice(1);
    const named = GROUP_NAME.exec(rest);
    if (named) {
      if (this.groupNames.has(named[1])) {
        throw this.cursor.invalid(`group "${named[1]}" is defined twice`);
      }
      this.groupNames.set(named[1], ++this.groupCount);
      this.cursor.position += 1 + named[0].length;
      return `(?<${named[1]}>`;
    }
    const kind = /^(:|=|!|<=|<!)/.exec(rest);
    if (kind) {
      this.cursor.position += 1 + kind[1].length;
      return `(?${kind[1]}`;
    }
    if (rest.startsWith('>')) throw this.cursor.unsupported('atomic groups (?>...)');
    if (/^[a-zA-Z-]+[:)]/.test(rest)) {
      throw this.cursor.unsupported('inline flags other than (?imsxu) at the start of the pattern');
    }
    throw this.cursor.invalid('unknown inline modifier');
  }

  private quantifier(atom: Piece): Piece {
    while (this.skipComment());
    const bounds = this.readBounds();
    if (!bounds) return atom;
    let text = bounds.text;
    if (this.cursor.peek() === '+') throw this.cursor.unsupported('possessive quantifiers');
    if (this.cursor.peek() === '?') text += this.cursor.next();
    if (!atom.quantifiable) {
      throw this.cursor.unsupported('a quantifier on an anchor or lookaround');
    }
    if (bounds.max > 1 && atom.unbounded) {
      throw this.cursor.unsupported(
        'a repeated group that contains an unbounded quantifier can take exponential time',
      );
    }
    return {
      text: atom.text + text,
      unbounded: atom.unbounded || bounds.max === Infinity,
      quantifiable: true,
    };
  }

  private readBounds(): { text: string; max: number } | undefined {
    const char = this.cursor.peek();
    if (char === '*' || char === '+' || char === '?') {
      this.cursor.position++;
      return { text: char, max: char === '?' ? 1 : Infinity };
    }
    if (char !== '{') return undefined;
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.cursor.rest());
    if (!match) throw this.cursor.invalid('illegal repetition');
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    if (max < min) throw this.cursor.invalid('illegal repetition range');
    this.cursor.position += match[0].length;
    return { text: match[0], max };
  }

  private escape(): Piece {
    if (this.cursor.atEnd()) throw this.cursor.invalid('a trailing backslash');
    const char = this.cursor.next();
    const set = setEscape(this.cursor, char);
    if (set) return atomPiece(set.outside);
    switch (char) {
      case 'b':
      case 'B':
        if (this.cursor.peek() === '{') throw this.cursor.unsupported(`\\${char}{...} boundaries`);
        return anchor(`\\${char}`);
      case 'A':
        return anchor('(?<![\\s\\S])');
      case 'z':
        return anchor(END_OF_INPUT);
      case 'Z':
        return anchor(BEFORE_FINAL_TERMINATOR);
      case 'R':
        return atomPiece(LINE_BREAK);
      case 'Q':
        return atomPiece(quotedCodePoints(this.cursor).map(literal).join(''));
      case 'k':
        return atomPiece(this.namedBackReference());
      default:
        if (char >= '1' && char <= '9') return atomPiece(this.backReference(char));
        return atomPiece(literal(codePointEscape(this.cursor, char)));
    }
  }

  private namedBackReference(): string {
    const match = GROUP_NAME.exec(this.cursor.rest());
    if (!match) throw this.cursor.invalid('\\k is not followed by <name>');
    if (!this.groupNames.has(match[1])) throw this.cursor.invalid(`no group named "${match[1]}"`);
    this.cursor.position += match[0].length;
    return `\\k<${match[1]}>`;
  }

  // Java reads as many digits as still name an existing group; a reference to a group that
  // does not exist (yet) never matches.
  private backReference(first: string): string {
    let group = Number(first);
    while (/\d/.test(this.cursor.peek())) {
      const longer = group * 10 + Number(this.cursor.peek());
      if (longer > this.groupCount) break;
      group = longer;
      this.cursor.position++;
    }
    return group <= this.groupCount ? `(?:\\${group})` : '(?!)';
  }
}
