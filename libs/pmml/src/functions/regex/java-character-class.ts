import { classLiteral, codePointEscape, quotedCodePoints, setEscape } from './java-escapes';
import type { PatternCursor } from './pattern-cursor';

/** A code point, or the class text of a predefined set or quoted run. */
function classAtom(cursor: PatternCursor): number | string {
  const char = cursor.next();
  if (char !== '\\') return cursor.codePoint(char);
  if (cursor.atEnd()) throw cursor.invalid('a trailing backslash');
  const escaped = cursor.next();
  if (escaped === 'Q') return quotedCodePoints(cursor).map(classLiteral).join('');
  const set = setEscape(cursor, escaped);
  if (set) {
    if (set.inClass === undefined) {
      throw cursor.unsupported(`\\${escaped} inside a character class`);
    }
    return set.inClass;
  }
  if ('bBAzZRk'.includes(escaped) || (escaped >= '1' && escaped <= '9')) {
    throw cursor.invalid(`\\${escaped} inside a character class`);
  }
  return codePointEscape(cursor, escaped);
}

// One member of a class: a character, a range or a predefined set. A "-" first, last or
// after a set is a literal, as in Java.
function classMember(cursor: PatternCursor): string {
  const start = classAtom(cursor);
  if (typeof start === 'string') return start;
  if (cursor.peek() !== '-' || cursor.peek(1) === ']' || cursor.atEnd(1)) {
    return classLiteral(start);
  }
  cursor.position++;
  const end = classAtom(cursor);
  if (typeof end === 'string' || end < start) throw cursor.invalid('illegal character range');
  return `${classLiteral(start)}-${classLiteral(end)}`;
}

/**
 * A Java character class, the "[" already read. A "]" right after the opening bracket is a
 * literal, as in Java; nested classes (unions) and && intersections have no JavaScript
 * equivalent and are refused. In COMMENTS mode Java ignores blanks inside classes too.
 */
export function characterClass(cursor: PatternCursor, comments: boolean): string {
  let negated = false;
  if (cursor.peek() === '^') {
    negated = true;
    cursor.position++;
  }
  let body = '';
  for (let first = true; ; first = false) {
    if (cursor.atEnd()) throw cursor.invalid('unclosed character class');
    const char = cursor.peek();
    if (char === ']' && !first) {
      cursor.position++;
      return `[${negated ? '^' : ''}${body}]`;
    }
    if (comments && /\s/.test(char)) {
      cursor.position++;
      continue;
    }
    if (char === '[') throw cursor.unsupported('nested character classes');
    if (char === '&' && cursor.peek(1) === '&') {
      throw cursor.unsupported('class intersections (&&)');
    }
    body += classMember(cursor);
  }
}
