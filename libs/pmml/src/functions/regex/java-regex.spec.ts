import { JavaRegex } from './java-regex';
import { translateJavaRegex } from './java-regex-translator';

const found = (pattern: string, input: string): string[] =>
  JavaRegex.compile(pattern)
    .matches(input)
    .map((match) => match.text);

describe('Java regular expressions in JavaScript', () => {
  it("spells out Java's ASCII-only white space, vertical space and line terminators", () => {
    expect(found('\\s+', 'a \u00a0b')).toEqual([' ']);
    expect(found('[^\\s]+', 'a \u00a0b')).toEqual(['a', '\u00a0b']);
    expect(found('\\v', 'a\u2028b')).toEqual(['\u2028']);
    expect(found('.', '\u0085')).toEqual([]);
    expect(found('(?s).', '\u0085')).toEqual(['\u0085']);
  });

  it('matches $ and \\Z before a final line terminator, and \\z only at the very end', () => {
    expect(found('a$', 'a\n')).toEqual(['a']);
    expect(found('a\\Z', 'a\r\n')).toEqual(['a']);
    expect(found('a\\z', 'a\n')).toEqual([]);
  });

  it('reads literal runs, escapes, POSIX and Unicode classes the Java way', () => {
    expect(found('\\Qa.b\\E.', 'a.bc')).toEqual(['a.bc']);
    expect(found('[\\Q]\\E]', ']')).toEqual([']']);
    expect(found('\\0101\\x{42}\\u0043', 'ABC')).toEqual(['ABC']);
    expect(found('\\p{Alpha}+', 'ab1')).toEqual(['ab']);
    expect(found('\\p{IsLatin}+', 'äb1')).toEqual(['äb']);
    expect(found('\\pL+', 'äb1')).toEqual(['äb']);
    expect(found('[]a]', 'a]b')).toEqual(['a', ']']);
    expect(found('x}]', 'x}]')).toEqual(['x}]']);
  });

  it('drops back-reference digits that name no group, as Java does', () => {
    expect(found('(a)\\11', 'aa1')).toEqual(['aa1']);
    expect(found('(a)\\2', 'aa')).toEqual([]);
  });

  it('honours leading inline flags, including comments mode', () => {
    expect(found('(?i)ab', 'xAB')).toEqual(['AB']);
    expect(found('(?x) a b # a comment\n c', 'abc')).toEqual(['abc']);
    expect(translateJavaRegex('(?ims)a').flags).toBe('uims');
  });

  it('refuses what JavaScript cannot express', () => {
    for (const [pattern, reason] of [
      ['a*+', 'possessive quantifiers'],
      ['(?>a)', 'atomic groups'],
      ['[a-z&&[^b]]', 'class intersections'],
      ['[a[b]]', 'nested character classes'],
      ['a(?i)b', 'inline flags'],
      ['\\G', 'the escape \\G'],
      ['\\p{InGreek}', 'the character property'],
    ]) {
      expect(() => JavaRegex.compile(pattern)).toThrow(reason);
    }
  });

  it('refuses a repeated group holding an unbounded quantifier, which can take exponential time', () => {
    for (const pattern of ['(a+)+', '(\\w+\\s?)*', '(?:a|b*){2,}', '((ab)*c)+']) {
      expect(() => JavaRegex.compile(pattern)).toThrow('exponential time');
    }
    expect(found('(ab)+(c+)?', 'ababcc')).toEqual(['ababcc']);
  });

  it('refuses invalid Java syntax', () => {
    for (const [pattern, reason] of [
      ['a{', 'illegal repetition'],
      ['a**', 'dangling meta character'],
      ['a)', "unmatched closing ')'"],
      ['[z-a]', 'illegal character range'],
      ['\\y', 'illegal escape'],
    ]) {
      expect(() => JavaRegex.compile(pattern)).toThrow(reason);
    }
  });

  it("parses replacements as Java's Matcher does", () => {
    const regex = JavaRegex.compile('(?<first>b)(c)?');
    expect(regex.replaceAll('abd', regex.replacement('<$1|$2|${first}>'))).toBe('a<b||b>d');
    expect(regex.replaceAll('abc', regex.replacement('\\$1'))).toBe('a$1');
    expect(regex.replaceAll('abc', regex.replacement('$12'))).toBe('ab2');
    expect(() => regex.replacement('$3')).toThrow('no group 3');
    expect(() => regex.replacement('$x')).toThrow('an illegal group reference');
    expect(() => regex.replacement('a\\')).toThrow('a trailing backslash');
  });

  it('replaces empty matches between all characters, like Java', () => {
    const regex = JavaRegex.compile('x*');
    expect(regex.replaceAll('abc', regex.replacement('-'))).toBe('-a-b-c-');
  });
});
