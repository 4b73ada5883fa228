import { invalidPmml } from '../errors';
import type { XmlElement } from '../xml/xml-element';

/**
 * The tokens of a PMML Array: blank-separated, with double quotes around tokens that contain
 * blanks and `\"` for a quote inside them.
 */
export function arrayTokens(element: XmlElement): string[] {
  const text = element.text;
  const tokens: string[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      index++;
      continue;
    }
    if (char === '"') {
      let token = '';
      index++;
      while (index < text.length && text[index] !== '"') {
        if (text[index] === '\\' && text[index + 1] === '"') {
          token += '"';
          index += 2;
        } else {
          token += text[index++];
        }
      }
      if (index >= text.length)
        throw invalidPmml(`${element.where}: a quoted value is not closed.`);
      index++;
      tokens.push(token);
      continue;
    }
    let end = index;
    while (end < text.length && !' \t\n\r'.includes(text[end])) end++;
    tokens.push(text.slice(index, end));
    index = end;
  }
  const declared = element.integerAttr('n');
  if (declared !== undefined && declared !== tokens.length) {
    throw invalidPmml(
      `${element.where}: n="${declared}" but the array holds ${tokens.length} values.`,
    );
  }
  return tokens;
}

/** A numeric Array (type int or real) as numbers. */
export function numberArray(element: XmlElement): Float64Array {
  const tokens = arrayTokens(element);
  const values = new Float64Array(tokens.length);
  tokens.forEach((token, index) => {
    const value = Number(token);
    if (token === '' || Number.isNaN(value)) {
      throw invalidPmml(`${element.where}: "${token}" is not a number.`);
    }
    values[index] = value;
  });
  return values;
}
