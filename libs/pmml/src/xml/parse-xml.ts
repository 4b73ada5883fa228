import { SaxesParser } from 'saxes';
import { INVALID_XML_MESSAGE, PmmlError } from '../errors';
import { detachedString, XmlElement } from './xml-element';

export interface XmlLimits {
  /** Largest accepted document, in UTF-16 code units of the text (about bytes for ASCII). */
  readonly maxLength: number;
  /** Deepest accepted element nesting. */
  readonly maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxLength: 256 * 1024 * 1024, maxDepth: 1000 };

function invalidXml(reason: string): PmmlError {
  return new PmmlError('INVALID_XML', `${INVALID_XML_MESSAGE} ${reason}`);
}

/**
 * Parses a document into an element tree. Strict XML: any well-formedness error is refused.
 * DTDs are refused outright, so there are no external entities, no entity expansion and no
 * XML bombs; only the five predefined entities and character references are understood.
 */
export function parseXml(text: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  if (text.length > limits.maxLength) {
    throw invalidXml(`The document is larger than the limit of ${limits.maxLength} characters.`);
  }
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: PmmlError | undefined;
  // Element names are kept for messages: one detached copy per distinct name.
  const names = new Map<string, string>();
  const localName = (qualified: string): string => {
    let name = names.get(qualified);
    if (name === undefined) {
      const colon = qualified.indexOf(':');
      name = detachedString(colon < 0 ? qualified : qualified.slice(colon + 1));
      names.set(qualified, name);
    }
    return name;
  };

  parser.on('doctype', () => {
    failure ??= invalidXml('Document type declarations (DTD) are not allowed.');
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= limits.maxDepth) {
      failure ??= invalidXml(`Elements are nested deeper than the limit of ${limits.maxDepth}.`);
      return;
    }
    const element = new XmlElement(
      localName(tag.name),
      tag.attributes as Record<string, string>,
      parser.line,
    );
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (chunk) => {
    stack[stack.length - 1]?.appendText(chunk);
  });
  parser.on('cdata', (chunk) => {
    stack[stack.length - 1]?.appendText(chunk);
  });
  parser.on('error', (error) => {
    failure ??= invalidXml(error.message);
  });

  // saxes keeps going after reporting an error; the first failure decides, so we stop feeding
  // it once one is recorded (a deep-nesting or DTD failure must not build the rest of the tree).
  const chunkSize = 1 << 20;
  for (let offset = 0; offset < text.length && !failure; offset += chunkSize) {
    parser.write(text.slice(offset, offset + chunkSize));
  }
  if (!failure) parser.close();
  if (failure) throw failure;
  if (!root) throw invalidXml('The document has no root element.');
  return root;
}
