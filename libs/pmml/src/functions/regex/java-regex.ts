import { translateJavaRegex } from './java-regex-translator';
import { RegexError } from './regex-error';

/** A match's position in the input. */
export interface MatchSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A compiled Java replacement string: literal text and group numbers. */
export type JavaReplacement = readonly (string | number)[];

// Patterns that arrive as field values are compiled once per distinct text; the cache is
// emptied when full so that a stream of distinct patterns cannot grow it without bound.
const CACHE_LIMIT = 256;
const cache = new Map<string, JavaRegex>();

/** A java.util.regex pattern, translated and compiled once (see translateJavaRegex). */
export class JavaRegex {
  private constructor(
    private readonly first: RegExp,
    private readonly all: RegExp,
    readonly groupCount: number,
    readonly groupNames: ReadonlyMap<string, number>,
  ) {}

  /** Compiles (or takes from the cache) a pattern; throws a RegexError. */
  static compile(pattern: string, caseInsensitive = false): JavaRegex {
    const key = `${caseInsensitive ? 'i' : '-'}${pattern}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const translated = translateJavaRegex(pattern, caseInsensitive);
    let first: RegExp;
    let all: RegExp;
    try {
      first = new RegExp(translated.source, translated.flags);
      all = new RegExp(translated.source, `${translated.flags}g`);
    } catch (error) {
      throw new RegexError(
        `the regular expression "${pattern}" is not supported: ${(error as Error).message}.`,
        true,
      );
    }
    const regex = new JavaRegex(first, all, translated.groupCount, translated.groupNames);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, regex);
    return regex;
  }

  /** Java's Matcher.find(): whether any part of the input matches. */
  find(input: string): boolean {
    return this.first.test(input);
  }

  /** Every match, left to right, as Java's repeated Matcher.find() gives them. */
  matches(input: string): MatchSpan[] {
    const spans: MatchSpan[] = [];
    for (const match of input.matchAll(this.all)) {
      spans.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
    }
    return spans;
  }

  /** Java's Matcher.replaceAll with a compiled replacement. */
  replaceAll(input: string, replacement: JavaReplacement): string {
    if (replacement.length === 0) return input.replace(this.all, '');
    if (replacement.length === 1 && typeof replacement[0] === 'string') {
      const text = replacement[0];
      return input.replace(this.all, () => text);
    }
    return input.replace(this.all, (...groups: unknown[]) => {
      let text = '';
      for (const part of replacement) {
        if (typeof part === 'string') text += part;
        else if (typeof groups[part] === 'string') text += groups[part];
      }
      return text;
    });
  }

  /**
   * Parses a replacement as Java's Matcher does: `$n` and `${name}` insert groups, a
   * backslash makes the next character literal. A group this pattern lacks is an error.
   */
  replacement(text: string): JavaReplacement {
    const parts: (string | number)[] = [];
    let literal = '';
    const fail = (reason: string): never => {
      throw new RegexError(`the replacement "${text}" is invalid: ${reason}.`, false);
    };
    for (let index = 0; index < text.length;) {
      const char = text[index++];
      if (char === '\\') {
        if (index >= text.length) fail('a trailing backslash');
        literal += text[index++];
      } else if (char !== '$') {
        literal += char;
      } else {
        let group: number;
        if (text[index] === '{') {
          const end = text.indexOf('}', index);
          const name = end < 0 ? '' : text.slice(index + 1, end);
          const found = this.groupNames.get(name);
          if (found === undefined) return fail(`no group named "${name}"`);
          group = found;
          index = end + 1;
        } else {
          if (!/\d/.test(text[index] ?? '')) return fail('an illegal group reference');
          group = Number(text[index++]);
          // Further digits belong to the number only while it names an existing group.
          while (
            /\d/.test(text[index] ?? '') &&
            group * 10 + Number(text[index]) <= this.groupCount
          ) {
            group = group * 10 + Number(text[index++]);
          }
          if (group > this.groupCount) fail(`no group ${group}`);
        }
        if (literal !== '') parts.push(literal);
        literal = '';
        parts.push(group);
      }
    }
    if (literal !== '') parts.push(literal);
    return parts;
  }
}
