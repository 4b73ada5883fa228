import { parseXml } from './parse-xml';

describe('XmlElement.release', () => {
  it('forgets children, text and attributes below it but keeps where each element is', () => {
    const root = parseXml('<PMML version="4.4">\n  <Header description="d">text</Header>\n</PMML>');
    const [header] = root.children;
    root.release();
    expect(root.children).toEqual([]);
    expect(root.attr('version')).toBeUndefined();
    expect(header.children).toEqual([]);
    expect(header.text).toBe('');
    expect(header.attr('description')).toBeUndefined();
    expect(header.where).toBe('Header (line 2)');
  });
});
