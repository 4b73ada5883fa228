import { decimalDigits, fixedNotation, roundDigits, type DecimalDigits } from './decimal-digits';
import { javaText } from './java-number-text';

/** Why a formatNumber pattern cannot be used; `unsupported` for valid Java we do not implement. */
export class PatternError extends Error {
  constructor(
    message: string,
    readonly unsupported = false,
  ) {
    super(message);
  }
}

interface Conversion {
  readonly flags: string;
  readonly width?: number;
  readonly precision?: number;
  /** The conversion character, lower case; `upper` says whether it was written upper case. */
  readonly conversion: string;
  readonly upper: boolean;
}

type Piece = string | Conversion;

// Java's format specifier: %[index$][flags][width][.precision][t]conversion.
const SPECIFIER = /%(\d+\$)?([-#+ 0,(<]*)?(\d+)?(\.\d+)?([tT])?([a-zA-Z%])/y;

const NUMERIC_CONVERSIONS = new Set(['d', 'o', 'x', 'e', 'f', 'g', 's', 'b', 'c', '%', 'n']);

/**
 * A formatNumber pattern compiled once: Java's String.format with the number as its only
 * argument, as JPMML applies it (the spec's C printf patterns are the common subset). Where
 * Java would refuse an integral double for %d or an integer for %f, this formats the value.
 */
export class NumberPattern {
  private constructor(private readonly pieces: readonly Piece[]) {}

  static compile(pattern: string): NumberPattern {
    const pieces: Piece[] = [];
    let text = '';
    let index = 0;
    let ordinaryArguments = 0;
    while (index < pattern.length) {
      const percent = pattern.indexOf('%', index);
      if (percent < 0) {
        text += pattern.slice(index);
        break;
      }
      text += pattern.slice(index, percent);
      SPECIFIER.lastIndex = percent;
      const match = SPECIFIER.exec(pattern);
      if (!match) throw new PatternError(`"${pattern.slice(percent)}" is not a format specifier.`);
      const [whole, explicitIndex, flags = '', width, precision, dateTime, conversionChar] = match;
      index = percent + whole.length;
      const conversion = conversionChar.toLowerCase();
      if (dateTime !== undefined || !NUMERIC_CONVERSIONS.has(conversion)) {
        throw new PatternError(`the conversion "${whole}" is not supported for numbers.`, true);
      }
      const spec: Conversion = {
        flags: flags.replace('<', ''),
        width: width === undefined ? undefined : Number(width),
        precision: precision === undefined ? undefined : Number(precision.slice(1)),
        conversion,
        upper: conversionChar !== conversion,
      };
      checkFlags(spec, whole);
      if (conversion === '%' || conversion === 'n') {
        text += justify(conversion === '%' ? '%' : '\n', spec);
        continue;
      }
      // Every conversion reads an argument; the number is the only one there is.
      const argument = explicitIndex
        ? Number(explicitIndex.slice(0, -1))
        : flags.includes('<')
          ? Math.max(ordinaryArguments, 0)
          : ++ordinaryArguments;
      if (argument !== 1)
        throw new PatternError(`"${whole}" refers to an argument other than the number.`);
      if (text !== '') pieces.push(text);
      text = '';
      pieces.push(spec);
    }
    if (text !== '') pieces.push(text);
    return new NumberPattern(pieces);
  }

  /** Formats the number; throws a PatternError when a conversion does not fit the value. */
  format(value: number, float = false): string {
    let result = '';
    for (const piece of this.pieces) {
      result += typeof piece === 'string' ? piece : formatOne(piece, value, float);
    }
    return result;
  }
}

function checkFlags(spec: Conversion, whole: string): void {
  const { flags, conversion } = spec;
  const fail = (reason: string): never => {
    throw new PatternError(`"${whole}": ${reason}.`);
  };
  if ((flags.includes('-') || flags.includes('0')) && spec.width === undefined)
    fail('the flags "-" and "0" need a width');
  if (flags.includes('-') && flags.includes('0')) fail('the flags "-" and "0" exclude each other');
  if (flags.includes('+') && flags.includes(' ')) fail('the flags "+" and " " exclude each other');
  const allowed: Record<string, string> = {
    d: '-+ 0,(',
    o: '-#0',
    x: '-#0',
    e: '-#+ 0(',
    f: '-#+ 0,(',
    g: '-+ 0,(',
    s: '-',
    b: '-',
    c: '-',
    '%': '-',
    n: '',
  };
  for (const flag of flags) {
    if (!allowed[conversion].includes(flag)) fail(`the flag "${flag}" does not apply`);
  }
  if (spec.precision !== undefined && 'doxc%n'.includes(conversion)) fail('no precision allowed');
  if (conversion === 'n' && spec.width !== undefined) fail('no width allowed');
}

function formatOne(spec: Conversion, value: number, float: boolean): string {
  switch (spec.conversion) {
    case 'd':
    case 'o':
    case 'x':
      return formatInteger(spec, integral(value, spec));
    case 'c': {
      const codePoint = integral(value, spec);
      if (codePoint < 0 || codePoint > 0x10ffff) {
        throw new PatternError(`%c needs a code point, got ${codePoint}.`);
      }
      return justify(String.fromCodePoint(codePoint), spec);
    }
    case 'e':
    case 'f':
    case 'g':
      return formatFloating(spec, value);
    case 'b':
      return justify(cased(spec, 'true'), spec);
    default: {
      const text = javaText(value, float ? 'float' : undefined);
      const cut = spec.precision === undefined ? text : text.slice(0, spec.precision);
      return justify(cased(spec, cut), spec);
    }
  }
}

function integral(value: number, spec: Conversion): number {
  if (!Number.isInteger(value)) {
    throw new PatternError(`%${spec.conversion} needs an integer, got ${value}.`);
  }
  return value;
}

function formatInteger(spec: Conversion, value: number): string {
  const { flags, conversion } = spec;
  let digits: string;
  let prefix = '';
  if (conversion === 'd') {
    digits = Math.abs(value).toString();
    if (flags.includes(',')) digits = group(digits);
  } else {
    // Java prints negative integers in two's complement: 32 bits for an int, 64 for a long.
    const radix = conversion === 'x' ? 16 : 8;
    const bits = value >= -(2 ** 31) && value < 2 ** 31 ? 32 : 64;
    digits = BigInt.asUintN(bits, BigInt(value)).toString(radix);
    if (flags.includes('#')) prefix = conversion === 'x' ? '0x' : '0';
  }
  const negative = conversion === 'd' && value < 0;
  return cased(spec, signed(spec, prefix, digits, negative));
}

function formatFloating(spec: Conversion, value: number): string {
  const { flags, conversion } = spec;
  const negative = value < 0 || Object.is(value, -0);
  if (!Number.isFinite(value)) {
    const text = Number.isNaN(value) ? 'NaN' : 'Infinity';
    const shown = Number.isNaN(value) ? text : signOnly(spec, text, negative);
    return justify(cased(spec, shown), spec);
  }
  const digits = decimalDigits(value);
  const precision = spec.precision ?? 6;
  let body: string;
  if (conversion === 'f') {
    body = fixed(digits, precision, flags);
  } else if (conversion === 'e') {
    body = scientific(digits, precision, flags.includes('#'));
  } else {
    const significant = precision === 0 ? 1 : precision;
    const rounded = roundDigits(digits, significant);
    // Java: decimal notation from 10^-4 up to 10^precision (after rounding), else scientific.
    body =
      rounded.digits === '' || (rounded.point >= -3 && rounded.point <= significant)
        ? fixed(rounded, significant - (rounded.digits === '' ? 1 : rounded.point), flags)
        : scientific(rounded, significant - 1, false);
  }
  return cased(spec, signed(spec, '', body, negative));
}

function fixed(digits: DecimalDigits, decimals: number, flags: string): string {
  const rounded = roundDigits(digits, digits.point + decimals);
  let text = fixedNotation(rounded, decimals);
  if (flags.includes(',')) {
    const point = text.indexOf('.');
    text = point < 0 ? group(text) : group(text.slice(0, point)) + text.slice(point);
  }
  if (flags.includes('#') && decimals === 0) text += '.';
  return text;
}

function scientific(digits: DecimalDigits, decimals: number, alwaysPoint: boolean): string {
  const rounded = roundDigits(digits, decimals + 1);
  const exponent = rounded.digits === '' ? 0 : rounded.point - 1;
  const mantissa = fixedNotation({ digits: rounded.digits, point: 1 }, decimals);
  const magnitude = Math.abs(exponent).toString().padStart(2, '0');
  const point = alwaysPoint && decimals === 0 ? '.' : '';
  return `${mantissa}${point}e${exponent < 0 ? '-' : '+'}${magnitude}`;
}

function group(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+$)/g, ',');
}

function signOnly(spec: Conversion, body: string, negative: boolean): string {
  const { flags } = spec;
  if (negative) return flags.includes('(') ? `(${body})` : `-${body}`;
  if (flags.includes('+')) return `+${body}`;
  return flags.includes(' ') ? ` ${body}` : body;
}

// Sign, prefix and zero padding (between them and the digits), then justification.
function signed(spec: Conversion, prefix: string, digits: string, negative: boolean): string {
  const { flags, width } = spec;
  const lead = negative
    ? flags.includes('(')
      ? '('
      : '-'
    : flags.includes('+')
      ? '+'
      : flags.includes(' ')
        ? ' '
        : '';
  const trail = negative && flags.includes('(') ? ')' : '';
  let body = digits;
  if (flags.includes('0') && width !== undefined) {
    const length = lead.length + prefix.length + body.length + trail.length;
    if (length < width) body = '0'.repeat(width - length) + body;
  }
  return justify(lead + prefix + body + trail, spec);
}

function justify(text: string, spec: Conversion): string {
  const { width, flags } = spec;
  if (width === undefined || text.length >= width) return text;
  const padding = ' '.repeat(width - text.length);
  return flags.includes('-') ? text + padding : padding + text;
}

function cased(spec: Conversion, text: string): string {
  return spec.upper ? text.toUpperCase() : text;
}
