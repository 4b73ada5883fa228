import type { JavaRegex } from '../../functions/regex/java-regex';

/** Splits a text into its words. */
export type Tokenizer = (text: string) => string[];

const PUNCTUATION = /\p{P}/u;

function isPunctuation(text: string, index: number): boolean {
  return PUNCTUATION.test(text.charAt(index));
}

/** Removes leading and trailing punctuation characters (any Unicode P category). */
export function trimPunctuation(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPunctuation(text, start)) start++;
  while (end > start && isPunctuation(text, end - 1)) end--;
  return text.slice(start, end);
}

/** Words are the matches of a word pattern (JPMML's x-wordRE, e.g. "\w+"). */
export function wordTokenizer(wordPattern: JavaRegex): Tokenizer {
  return (text) => (text === '' ? [] : wordPattern.matches(text).map((match) => match.text));
}

/**
 * Words are what lies between matches of the separator pattern (wordSeparatorCharacterRE),
 * with punctuation trimmed off their ends; empty words are dropped.
 */
export function separatorTokenizer(separator: JavaRegex): Tokenizer {
  return (text) => {
    const tokens: string[] = [];
    let from = 0;
    const add = (word: string): void => {
      const token = trimPunctuation(word);
      if (token !== '') tokens.push(token);
    };
    for (const match of separator.matches(text)) {
      add(text.slice(from, match.start));
      from = match.end;
    }
    add(text.slice(from));
    return tokens;
  };
}

const ASCII = /^[\0-\x7f]*$/;
const foldedChars = new Map<number, string>();

// Java's equalsIgnoreCase compares characters by their upper and then lower case, one
// character at a time; folding each character that way lets tokens compare with ===.
function foldChar(code: number): string {
  let folded = foldedChars.get(code);
  if (folded === undefined) {
    const char = String.fromCharCode(code);
    const upper = char.toUpperCase();
    const single = upper.length === 1 ? upper : char;
    const lower = single.toLowerCase();
    folded = lower.length === 1 ? lower : single;
    foldedChars.set(code, folded);
  }
  return folded;
}

/** The token as compared when matching is not case-sensitive. */
export function foldCase(token: string): string {
  if (ASCII.test(token)) return token.toLowerCase();
  let folded = '';
  for (let index = 0; index < token.length; index++) folded += foldChar(token.charCodeAt(index));
  return folded;
}
