import { asciiHeaderValue } from './apply.controller';

describe('asciiHeaderValue', () => {
  it('keeps printable ASCII as it is', () => {
    expect(asciiHeaderValue('Field "x" has the invalid value "abc".')).toBe(
      'Field "x" has the invalid value "abc".',
    );
  });

  it('escapes characters beyond ASCII and line breaks, which a header cannot carry', () => {
    expect(asciiHeaderValue('Zürich\r\nnext')).toBe('Z\\u00fcrich\\u000d\\u000anext');
  });

  it('cuts a very long message', () => {
    const value = asciiHeaderValue('x'.repeat(5000));
    expect(value).toHaveLength(1000);
    expect(value.endsWith('...')).toBe(true);
  });
});
