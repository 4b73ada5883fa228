import { PmmlError } from '../errors';
import { parseXml } from './parse-xml';

function failure(text: string, limits?: Parameters<typeof parseXml>[1]): PmmlError {
  try {
    parseXml(text, limits);
  } catch (error) {
    if (error instanceof PmmlError) return error;
    throw error;
  }
  throw new Error('expected the document to be refused');
}

describe('parseXml', () => {
  it('builds an element tree with attributes, text and local names', () => {
    const root = parseXml(
      '<p:PMML xmlns:p="urn:x" version="4.4"><A n="1">te&amp;xt</A><B/></p:PMML>',
    );
    expect(root.name).toBe('PMML');
    expect(root.attr('version')).toBe('4.4');
    expect(root.children.map((child) => child.name)).toEqual(['A', 'B']);
    expect(root.children[0].text).toBe('te&xt');
    expect(root.children[0].numberAttr('n')).toBe(1);
  });

  it('refuses malformed XML with the Invalid XML format message', () => {
    const error = failure('<PMML><DataDictionary></PMML>');
    expect(error.code).toBe('INVALID_XML');
    expect(error.message.startsWith('Invalid XML format.')).toBe(true);
  });

  it('refuses text that is not XML at all', () => {
    expect(failure('this is not xml').code).toBe('INVALID_XML');
  });

  it('refuses a DTD, so external entities (XXE) are never resolved', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE PMML [<!ENTITY secret SYSTEM "file:///etc/passwd">]><PMML>&secret;</PMML>';
    const error = failure(xxe);
    expect(error.code).toBe('INVALID_XML');
    expect(error.message).toContain('DTD');
  });

  it('refuses an entity-expansion bomb without expanding it', () => {
    const entities = Array.from({ length: 10 }, (_, level) =>
      level === 0 ? '<!ENTITY e0 "lol">' : `<!ENTITY e${level} "${`&e${level - 1};`.repeat(10)}">`,
    ).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE PMML [${entities}]><PMML>&e9;</PMML>`;
    const started = Date.now();
    expect(failure(bomb).code).toBe('INVALID_XML');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses entities that are not predefined', () => {
    expect(failure('<PMML>&unknown;</PMML>').code).toBe('INVALID_XML');
  });

  it('refuses elements nested deeper than the limit', () => {
    const deep = '<a>'.repeat(60) + '</a>'.repeat(60);
    expect(failure(deep, { maxLength: 1e6, maxDepth: 50 }).message).toContain('nested deeper');
    expect(() => parseXml(deep, { maxLength: 1e6, maxDepth: 60 })).not.toThrow();
  });

  it('refuses documents longer than the limit', () => {
    expect(failure('<PMML/>', { maxLength: 5, maxDepth: 10 }).message).toContain(
      'larger than the limit',
    );
  });
});
