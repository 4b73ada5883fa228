/**
 * Java's predefined character sets in JavaScript (`u` mode). `inClass` is the text to put
 * inside a [...] class; it is undefined when a negated Java set has no exact equivalent there.
 */
export interface CharacterSet {
  readonly outside: string;
  readonly inClass?: string;
}

function ranges(body: string, negated: boolean, exactNegatedInClass?: string): CharacterSet {
  return negated
    ? { outside: `[^${body}]`, inClass: exactNegatedInClass }
    : { outside: `[${body}]`, inClass: body };
}

// Java's \s is ASCII whitespace only; JavaScript's \s would also match no-break spaces.
const SPACE = '\\t\\n\\v\\f\\r ';
const HORIZONTAL = '\\t \\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
const VERTICAL = '\\n\\v\\f\\r\\x85\\u2028\\u2029';

// The POSIX classes of java.util.regex.Pattern, which are US-ASCII only.
const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\0-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`\\{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\0-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: SPACE,
};

// Java's binary property names (\p{IsAlphabetic}) that JavaScript names differently.
const BINARY_PROPERTIES: Readonly<Record<string, string>> = {
  alphabetic: 'Alphabetic',
  ideographic: 'Ideographic',
  letter: 'L',
  lowercase: 'Lowercase',
  uppercase: 'Uppercase',
  titlecase: 'Lt',
  punctuation: 'P',
  control: 'Cc',
  white_space: 'White_Space',
  whitespace: 'White_Space',
  digit: 'Nd',
  hex_digit: 'Hex_Digit',
  hexdigit: 'Hex_Digit',
  join_control: 'Join_Control',
  joincontrol: 'Join_Control',
  noncharacter_code_point: 'Noncharacter_Code_Point',
  noncharactercodepoint: 'Noncharacter_Code_Point',
  assigned: 'Assigned',
  emoji: 'Emoji',
};

/** A backslash-letter class escape (\d, \s, \h, ...), or undefined if the letter is not one. */
export function classEscape(letter: string): CharacterSet | undefined {
  switch (letter) {
    case 'd':
    case 'D':
    case 'w':
    case 'W':
      return { outside: `\\${letter}`, inClass: `\\${letter}` };
    case 's':
      return ranges(SPACE, false);
    case 'S':
      // Inside a class JavaScript's \S stands in; it differs only on non-ASCII spaces.
      return ranges(SPACE, true, '\\S');
    case 'h':
      return ranges(HORIZONTAL, false);
    case 'H':
      return ranges(HORIZONTAL, true);
    case 'v':
      return ranges(VERTICAL, false);
    case 'V':
      return ranges(VERTICAL, true);
    default:
      return undefined;
  }
}

function isValidProperty(escape: string): boolean {
  try {
    new RegExp(escape, 'u');
    return true;
  } catch {
    return false;
  }
}

function unicodeProperty(name: string): string | undefined {
  const [key, value] = name.includes('=') ? name.split('=', 2) : [undefined, name];
  const lowerKey = key?.toLowerCase();
  let candidates: string[];
  if (lowerKey === 'gc' || lowerKey === 'general_category') candidates = [value];
  else if (lowerKey === 'sc' || lowerKey === 'script') candidates = [`Script=${scriptName(value)}`];
  else if (key !== undefined) return undefined;
  else if (value.startsWith('Is')) {
    const rest = value.slice(2);
    candidates = [rest, `Script=${scriptName(rest)}`];
    const binary = BINARY_PROPERTIES[rest.toLowerCase()];
    if (binary) candidates.unshift(binary);
  } else candidates = [value];
  return candidates
    .map((candidate) => `{${candidate}}`)
    .find((braced) => isValidProperty(`\\p${braced}`));
}

// Java accepts script names in any case; JavaScript wants "Latin", "Old_Italic", ...
function scriptName(name: string): string {
  return name
    .toLowerCase()
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('_');
}

/** \p{name} or \P{name}; undefined when JavaScript has no equivalent (blocks, java* classes). */
export function propertyClass(name: string, negated: boolean): CharacterSet | undefined {
  const posix = POSIX[name];
  if (posix !== undefined) return ranges(posix, negated);
  const property = unicodeProperty(name);
  if (property === undefined) return undefined;
  const escape = `\\${negated ? 'P' : 'p'}${property}`;
  return { outside: escape, inClass: escape };
}
