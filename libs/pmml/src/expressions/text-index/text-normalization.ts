import { evaluationError, invalidPmml, unsupported } from '../../errors';
import { JavaRegex, type JavaReplacement } from '../../functions/regex/java-regex';
import { RegexError } from '../../functions/regex/regex-error';
import type { XmlElement } from '../../xml/xml-element';
import { readInlineTable } from '../map-values-expression';

/** Rewrites a document's text before it is split into words. */
export type Normalizer = (text: string) => string;

interface Rewrite {
  readonly pattern: JavaRegex;
  readonly replacement: JavaReplacement;
}

// A recursive table is reapplied until the text stops changing; a table whose rewrites keep
// feeding each other would never stop, so the rounds are bounded.
const MAX_ROUNDS = 1000;

function compileRewrite(
  element: XmlElement,
  inText: string,
  outText: string,
  regex: boolean,
  caseSensitive: boolean,
): Rewrite {
  try {
    // A plain row matches its text literally, but its replacement is still Java's ($, \).
    const source = regex ? inText : `\\Q${inText.replaceAll('\\E', '\\E\\\\E\\Q')}\\E`;
    const pattern = JavaRegex.compile(source, !caseSensitive);
    return { pattern, replacement: pattern.replacement(outText) };
  } catch (error) {
    if (!(error instanceof RegexError)) throw error;
    const message = `${element.where}: ${error.message}`;
    throw error.unsupported ? unsupported(message) : invalidPmml(message);
  }
}

function compileNormalization(element: XmlElement, indexCaseSensitive: boolean): Normalizer {
  if (!element.child('InlineTable') && !element.child('TableLocator')) return (text) => text;
  const inField = element.attr('inField') ?? 'string';
  const outField = element.attr('outField') ?? 'stem';
  const regexField = element.attr('regexField') ?? 'regex';
  const caseSensitive = element.has('isCaseSensitive')
    ? element.booleanAttr('isCaseSensitive', false)
    : indexCaseSensitive;
  const rewrites = readInlineTable(element).map((row, index) => {
    const inText = row.get(inField);
    const outText = row.get(outField);
    if (inText === undefined || outText === undefined) {
      throw invalidPmml(
        `${element.where}: row ${index + 1} has no "${inText === undefined ? inField : outField}" cell.`,
      );
    }
    const regex = row.get(regexField)?.toLowerCase() === 'true';
    return compileRewrite(element, inText, outText, regex, caseSensitive);
  });
  const applyRows = (text: string): string =>
    rewrites.reduce(
      (current, rewrite) => rewrite.pattern.replaceAll(current, rewrite.replacement),
      text,
    );
  if (!element.booleanAttr('recursive', false)) return applyRows;
  return (text) => {
    let current = text;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const next = applyRows(current);
      if (next === current) return next;
      current = next;
    }
    throw evaluationError(
      `${element.where}: the recursive normalization still changes the text after ${MAX_ROUNDS} rounds.`,
    );
  };
}

/**
 * The TextIndexNormalization elements in order. As in JPMML, each table row replaces every
 * match of its inField text (a Java regex when the regexField cell is "true") in the whole
 * text by its outField text; the normalization's tokenize and maxLevenshteinDistance settings
 * do not change that.
 */
export function compileNormalizations(textIndex: XmlElement, caseSensitive: boolean): Normalizer {
  const normalizers = textIndex
    .childrenNamed('TextIndexNormalization')
    .map((element) => compileNormalization(element, caseSensitive));
  if (normalizers.length === 0) return (text) => text;
  return (text) => normalizers.reduce((current, normalize) => normalize(current), text);
}
