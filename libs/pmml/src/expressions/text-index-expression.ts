import { invalidPmml, unsupported } from '../errors';
import type { FieldScope } from '../fields/field-scope';
import { javaText } from '../functions/java-number-text';
import { JavaRegex } from '../functions/regex/java-regex';
import { RegexError } from '../functions/regex/regex-error';
import type { Value } from '../values/value';
import type { XmlElement } from '../xml/xml-element';
import type { ExpressionCompiler } from './compile-expression';
import { EXPRESSION_ELEMENTS, type CompiledExpression } from './expression-types';
import {
  highestTokenFrequency,
  termFrequency,
  type TermMatching,
} from './text-index/term-frequency';
import { compileNormalizations } from './text-index/text-normalization';
import {
  foldCase,
  separatorTokenizer,
  wordTokenizer,
  type Tokenizer,
} from './text-index/text-tokenizer';

const LOCAL_TERM_WEIGHTS = [
  'termFrequency',
  'binary',
  'logarithmic',
  'augmentedNormalizedTermFrequency',
] as const;
const COUNT_HITS = ['allHits', 'bestHits'] as const;

// Distinct terms are few (usually Constants) and tokenized once; the cache is emptied when
// full so that terms read from data cannot grow it without bound.
const TERM_CACHE_LIMIT = 10_000;

function compileTokenizer(element: XmlElement): Tokenizer {
  // JPMML's x-wordRE (words are the matches) takes precedence over the separator pattern.
  const wordPattern = element.attr('x-wordRE') ?? element.attr('wordRE');
  const separator = element.attr('wordSeparatorCharacterRE') ?? '\\s+';
  try {
    return wordPattern !== undefined
      ? wordTokenizer(JavaRegex.compile(wordPattern))
      : separatorTokenizer(JavaRegex.compile(separator));
  } catch (error) {
    if (!(error instanceof RegexError)) throw error;
    const message = `${element.where}: ${error.message}`;
    throw error.unsupported ? unsupported(message) : invalidPmml(message);
  }
}

function termMatching(
  element: XmlElement,
  weights: (typeof LOCAL_TERM_WEIGHTS)[number],
): TermMatching {
  const maxLevenshteinDistance = element.integerAttr('maxLevenshteinDistance', 0);
  if (maxLevenshteinDistance < 0) {
    throw invalidPmml(`${element.where}: maxLevenshteinDistance must not be negative.`);
  }
  return {
    maxLevenshteinDistance,
    bestHits: element.enumAttr('countHits', COUNT_HITS, 'allHits') === 'bestHits',
    maxFrequency: weights === 'binary' ? 1 : Infinity,
  };
}

/**
 * TextIndex: how often the term (the child expression) occurs in the text field, weighted by
 * localTermWeights. The text is normalized by the TextIndexNormalization tables, then both
 * text and term are split into words (x-wordRE matches, or wordSeparatorCharacterRE splits),
 * and the term's words are looked for as a run, allowing maxLevenshteinDistance edits.
 *
 * JPMML semantics throughout; augmentedNormalizedTermFrequency, which JPMML does not
 * implement, is 0.5 × (binary + frequency / the highest frequency of any word in the text).
 *
 * A sklearn2pmml document calls one TextIndex (inside a DefineFunction) once per vocabulary
 * term with the same text, so the last text's words are remembered.
 */
export function compileTextIndex(
  element: XmlElement,
  scope: FieldScope,
  compiler: ExpressionCompiler,
): CompiledExpression {
  if (!element.booleanAttr('tokenize', true)) {
    throw unsupported(`${element.where}: tokenize="false" is not supported (JPMML neither).`);
  }
  const textField = scope.resolve(element.requiredAttr('textField'), element.where);
  const termElement = element.children.find((child) => EXPRESSION_ELEMENTS.has(child.name));
  if (!termElement) throw invalidPmml(`${element.where}: the term expression is missing.`);
  const term = compiler.compile(termElement, scope);
  const weights = element.enumAttr('localTermWeights', LOCAL_TERM_WEIGHTS, 'termFrequency');
  const caseSensitive = element.booleanAttr('isCaseSensitive', false);
  const matching = termMatching(element, weights);
  const tokenize = compileTokenizer(element);
  const normalize = compileNormalizations(element, caseSensitive);
  const comparable = (tokens: string[]): string[] =>
    caseSensitive ? tokens : tokens.map(foldCase);

  const textSlot = textField.slot;
  const textType = textField.dataType;
  const termType = term.dataType;
  const evaluateTerm = term.evaluate;
  let lastText: string | undefined;
  let lastTokens: string[] = [];
  let lastHighest = 0;
  const termTokens = new Map<string, string[]>();

  const documentTokens = (text: string): string[] => {
    if (text !== lastText) {
      lastTokens = comparable(tokenize(normalize(text)));
      lastHighest =
        weights === 'augmentedNormalizedTermFrequency' ? highestTokenFrequency(lastTokens) : 0;
      lastText = text;
    }
    return lastTokens;
  };
  const tokensOfTerm = (text: string): string[] => {
    let tokens = termTokens.get(text);
    if (tokens === undefined) {
      if (termTokens.size >= TERM_CACHE_LIMIT) termTokens.clear();
      tokens = comparable(tokenize(text));
      termTokens.set(text, tokens);
    }
    return tokens;
  };

  return {
    dataType: weights === 'binary' || weights === 'termFrequency' ? 'integer' : 'double',
    opType: 'continuous',
    evaluate: (context): Value => {
      const textValue = context.get(textSlot);
      if (textValue === null) return null;
      const termValue = evaluateTerm(context);
      if (termValue === null) return null;
      const document = documentTokens(javaText(textValue, textType));
      const frequency = termFrequency(
        document,
        tokensOfTerm(javaText(termValue, termType)),
        matching,
      );
      switch (weights) {
        case 'logarithmic':
          return Math.log10(1 + frequency);
        case 'augmentedNormalizedTermFrequency':
          return frequency === 0 ? 0 : 0.5 * (1 + frequency / lastHighest);
        default:
          return frequency;
      }
    },
  };
}
