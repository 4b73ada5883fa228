import { classEscape, propertyClass, type CharacterSet } from './java-character-sets';
import type { PatternCursor } from './pattern-cursor';

const SYNTAX_CHARACTERS = '^$\\.*+?()[]{}|/';

function controlEscape(codePoint: number): string | undefined {
  return codePoint < 0x20 || codePoint === 0x7f ? `\\u{${codePoint.toString(16)}}` : undefined;
}

/** A code point as a literal outside classes (escaped where JavaScript's `u` mode needs it). */
export function literal(codePoint: number): string {
  const char = String.fromCodePoint(codePoint);
  if (SYNTAX_CHARACTERS.includes(char)) return `\\${char}`;
  return controlEscape(codePoint) ?? char;
}

/** A code point as a literal inside a [...] class. */
export function classLiteral(codePoint: number): string {
  const char = String.fromCodePoint(codePoint);
  if ('\\][^-'.includes(char)) return `\\${char}`;
  return controlEscape(codePoint) ?? char;
}

/** A predefined set after a backslash (\d, \s, \p{L}, ...), or undefined for other escapes. */
export function setEscape(cursor: PatternCursor, letter: string): CharacterSet | undefined {
  if (letter !== 'p' && letter !== 'P') return classEscape(letter);
  let name: string;
  if (cursor.peek() === '{') {
    const end = cursor.pattern.indexOf('}', cursor.position);
    if (end < 0) throw cursor.invalid('unclosed character family');
    name = cursor.pattern.slice(cursor.position + 1, end);
    cursor.position = end + 1;
  } else {
    name = cursor.next();
  }
  const set = propertyClass(name, letter === 'P');
  if (!set) throw cursor.unsupported(`the character property \\p{${name}}`);
  return set;
}

/** \Q...\E (the \Q already read): everything up to \E, or the end, is literal. */
export function quotedCodePoints(cursor: PatternCursor): number[] {
  const end = cursor.pattern.indexOf('\\E', cursor.position);
  const text = cursor.pattern.slice(cursor.position, end < 0 ? undefined : end);
  cursor.position = end < 0 ? cursor.pattern.length : end + 2;
  return Array.from(text, (char) => char.codePointAt(0) as number);
}

function hexValue(cursor: PatternCursor, text: string | undefined): number {
  if (text === undefined || !/^[0-9a-fA-F]+$/.test(text)) {
    throw cursor.invalid('bad hexadecimal escape');
  }
  return parseInt(text, 16);
}

function fixedHex(cursor: PatternCursor, digits: number): number {
  const text = cursor.pattern.slice(cursor.position, cursor.position + digits);
  const value = hexValue(cursor, text.length === digits ? text : undefined);
  cursor.position += digits;
  return value;
}

function bracedHex(cursor: PatternCursor): number {
  const end = cursor.pattern.indexOf('}', cursor.position);
  const value = hexValue(
    cursor,
    end < 0 ? undefined : cursor.pattern.slice(cursor.position + 1, end),
  );
  if (value > 0x10ffff) throw cursor.invalid('hexadecimal code point too large');
  cursor.position = end + 1;
  return value;
}

// Java's \0 takes up to three octal digits, as long as the value stays below 0400.
function octal(cursor: PatternCursor): number {
  const match = /^[0-7]{1,3}/.exec(cursor.rest());
  if (!match) throw cursor.invalid('illegal octal escape');
  const digits = match[0].length === 3 && match[0][0] > '3' ? match[0].slice(0, 2) : match[0];
  cursor.position += digits.length;
  return parseInt(digits, 8);
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { t: 9, n: 10, r: 13, f: 12, a: 7, e: 27 };

/** The code point of a character escape (\t, \x41, \u00e9, \0101, \cA, \-, ...). */
export function codePointEscape(cursor: PatternCursor, char: string): number {
  const simple = SIMPLE_ESCAPES[char];
  if (simple !== undefined) return simple;
  switch (char) {
    case 'c':
      if (cursor.atEnd()) throw cursor.invalid('\\c needs a character');
      return cursor.next().charCodeAt(0) ^ 64;
    case 'x':
      return cursor.peek() === '{' ? bracedHex(cursor) : fixedHex(cursor, 2);
    case 'u':
      return fixedHex(cursor, 4);
    case '0':
      return octal(cursor);
    default:
      if (/[a-zA-Z]/.test(char)) {
        if ('GXN'.includes(char)) throw cursor.unsupported(`the escape \\${char}`);
        throw cursor.invalid(`illegal escape \\${char}`);
      }
      // Any other escaped character stands for itself.
      return cursor.codePoint(char);
  }
}
